package site

import (
	"context"
	"html/template"
	"runtime"
	"sync"

	"ppchandbook/generator/content"
	"ppchandbook/generator/layout"
	"ppchandbook/generator/markdown"
	"ppchandbook/generator/nav"
)

// render lays out every page not written yet, in parallel, and hands
// each to made as it is made ("skills/communication/index.html"), so a
// large site is never held in memory whole; then what the pages share. A
// stream has written most pages already, as they were converted, and a
// preview's memo names the pages that would come out as they did last
// time, each handed over with nil data. It returns every distinct
// template error. Once ctx is done it lays out no more pages and returns
// ctx's error: a preview build that a newer save has overtaken.
func render(ctx context.Context, set *layout.Set, tree *nav.Tree, docs map[*content.Page]*markdown.Doc,
	timelines map[*content.Page]template.HTML, opt Options, st *stream, made *recorder) error {
	sidebars := opt.Memo.plan(tree, docs, timelines)
	pages := set.Pages(tree, opt.Site, layout.Plan{FullSidebar: fullSidebar, Sidebars: sidebars})
	write := pages.Write // a one-shot build's sinks do not keep the bytes
	if opt.Memo != nil {
		write = pages.WriteKept // the memo does, to compare with the next build's
	}
	jobs := make(chan *nav.Node)
	var failed layout.Failures
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for n := range jobs {
				switch {
				case ctx.Err() != nil: // cancelled: lay out no more pages
				case st.written(n.Page):
				default:
					if err := write(n, docs[n.Page], timelines[n.Page], made.Put); err != nil {
						failed.Add(err)
					}
					releaseHTML(docs[n.Page], opt.Memo)
				}
			}
		})
	}
	for i, n := range tree.Order {
		// A preview's unchanged pages, most of a large site, are handed
		// over here: passing each to a worker cost more than the Put.
		if ctx.Err() == nil && !st.written(n.Page) && opt.Memo.unchanged(i) {
			if err := made.Put(n.Page.URL+"index.html", nil); err != nil {
				failed.Add(err)
			}
			continue
		}
		jobs <- n
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := failed.Err(); err != nil {
		return err
	}
	return pages.Finish(made.Put)
}
