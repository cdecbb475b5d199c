package check

import (
	"errors"

	"ppchandbook/generator/content"
	"ppchandbook/generator/markdown"
)

// Sanitised warns of each tag and attribute that the sanitiser took out of
// a page's raw HTML. A build publishes the page without them and says
// nothing, as GitHub does, since a handbook pasted from elsewhere can hold
// hundreds; check tells the educator, so nothing vanishes unseen.
func Sanitised(pages []*content.Page, docs map[*content.Page]*markdown.Doc) error {
	var errs []error
	for _, p := range pages {
		doc := docs[p]
		if doc == nil {
			continue
		}
		for _, r := range doc.Removed {
			errs = append(errs, warnf(p.File, r.Line, 0,
				"remove it from the page, or, if the page is trusted and needs it, add raw_html: true to its front matter",
				"raw HTML: %s is not published: only HTML that cannot run code or change the page's look is kept", r.What))
		}
	}
	return errors.Join(errs...)
}
