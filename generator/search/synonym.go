package search

import (
	"strings"

	"ppchandbook/generator/markdown"
)

// synonymsID is the id of the glossary heading whose list names things
// the handbook writes one way and trainees may search for another. The
// editors own the list, in content/glossary.md:
//
//	## Other names {#search-synonyms}
//
//	- e-RS, ERS, e-Referral Service
//	- DNA, did not attend
//
// Each item is a group of names, separated by commas, that mean the same:
// a search for any one finds the others.
const synonymsID = "search-synonyms"

// synonymsOf reads the synonym groups of a glossary page, each name as the
// terms it is indexed under (stop words dropped). A name that is all stop
// words, or a group of fewer than two names, is left out.
func synonymsOf(doc *markdown.Doc) [][][]string {
	if doc == nil {
		return nil
	}
	page := doc.HTML
	at := strings.Index(page, ` id="`+synonymsID+`"`)
	if at < 0 {
		return nil
	}
	page = page[at:]
	if end := strings.Index(page[1:], "<h2"); end >= 0 {
		page = page[:end+1]
	}
	var groups [][][]string
	for {
		i := strings.Index(page, "<li")
		if i < 0 {
			break
		}
		page = page[i:]
		end := strings.Index(page, "</li>")
		if end < 0 {
			end = len(page)
		}
		var group [][]string
		for _, name := range strings.Split(plainText(page[:end]), ",") {
			var terms []string
			words(name, func(w string, _ int) {
				if k := key(w); k != "" {
					terms = append(terms, k)
				}
			})
			if len(terms) > 0 {
				group = append(group, terms)
			}
		}
		if len(group) > 1 {
			groups = append(groups, group)
		}
		page = page[end:]
	}
	return groups
}

// encodeCounts writes a list of counts in the digits of encodePostings,
// one number per count, so that index.js can say how many entries each
// page has in a byte or two a page.
func encodeCounts(counts []int) string {
	b := make([]byte, 0, len(counts))
	for _, c := range counts {
		b = appendNumber(b, uint32(c))
	}
	return string(b)
}
