package links

import (
	"errors"
	"fmt"
	"strconv"

	"ppchandbook/generator/content"
	"ppchandbook/generator/nav"
)

// CheckRelations checks the page names written in front matter: every
// entry of skills: must be the slug of a skill page (its file name without
// .md), so a renamed skill page cannot silently drop out of the skills map.
func CheckRelations(tree *nav.Tree) error {
	skills := tree.Slugs[content.KindSkill]
	known := map[string]bool{}
	for _, s := range skills {
		known[s] = true
	}
	var errs []error
	for _, n := range tree.Order {
		m := n.Page.Meta
		for i, s := range m.Skills {
			if known[s] || m.Rejected("skills."+strconv.Itoa(i)) {
				continue
			}
			line := m.Lines["skills."+strconv.Itoa(i)]
			msg := fmt.Sprintf("skills: no skill page %q", s)
			if hint := content.Suggest(s, skills); hint != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", hint)
			} else if len(skills) > 0 {
				msg += " (skills are named by their file name in the skills folder, without .md)"
			}
			errs = append(errs, content.Errorf(n.Page.File, line, 0, "%s", msg))
		}
	}
	return errors.Join(errs...)
}
