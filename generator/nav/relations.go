package nav

import "ppchandbook/generator/content"

// relations indexes the skills: lists of scenarios and routes both ways,
// once per build, so every skill page can list where it is practised
// without scanning the whole site.
type relations struct {
	skills map[string]*Node   // skill pages by slug
	usedBy map[string][]*Node // slug → scenarios and routes naming it, in reading order
}

func (t *Tree) indexRelations() {
	t.rel = relations{skills: map[string]*Node{}, usedBy: map[string][]*Node{}}
	for _, n := range t.Order {
		if n.Page.Meta.Kind == content.KindSkill {
			t.rel.skills[n.Page.Slug()] = n
		}
	}
	for _, n := range t.Order {
		for _, s := range n.Page.Meta.Skills {
			t.rel.usedBy[s] = append(t.rel.usedBy[s], n)
		}
	}
}

// UsedBy lists the pages whose skills: name the skill page n.
func (t *Tree) UsedBy(n *Node) []*Node {
	if n.Page.Meta.Kind != content.KindSkill {
		return nil
	}
	return t.rel.usedBy[n.Page.Slug()]
}

// SkillsOf lists the skill pages n names in its skills:, skipping unknown
// names (the link checker reports those).
func (t *Tree) SkillsOf(n *Node) []*Node {
	var out []*Node
	for _, s := range n.Page.Meta.Skills {
		if sk := t.rel.skills[s]; sk != nil {
			out = append(out, sk)
		}
	}
	return out
}

// Skills lists the skill pages in reading order.
func (t *Tree) Skills() []*Node {
	var out []*Node
	for _, n := range t.Order {
		if n.Page.Meta.Kind == content.KindSkill {
			out = append(out, n)
		}
	}
	return out
}
