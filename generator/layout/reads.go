package layout

import (
	"html/template"
	"slices"
	"strconv"
	"text/template/parse"
)

// What a piece of a layout reads of a page's Data decides whether pages
// can share it: only a piece that reads keyFields alone is run once per
// set of their values.

// keyFields are the fields of Data a shared segment may read: few values
// across a site, none of them the page's own text.
var keyFields = map[string]bool{
	"Site": true, "Root": true, "Home": true, "Glossary": true, "EndMatter": true,
	"Kind": true, "IsHome": true, "Code": true, "Quiz": true, "Timelines": true, "Draft": true,
}

// key appends the values of fields in d to b.
func key(b []byte, d *Data, fields []string) []byte {
	str := func(s string) {
		b = strconv.AppendInt(b, int64(len(s)), 10)
		b = append(append(b, ':'), s...)
	}
	flag := func(v bool) { b = strconv.AppendBool(b, v) }
	for _, f := range fields {
		b = append(append(b, f...), '=')
		switch f {
		case "Site":
			str(d.Site.Title)
			str(d.Site.BaseURL)
			flag(d.Site.Drafts)
		case "Root":
			str(d.Root)
		case "Home":
			str(d.Home)
		case "Glossary":
			str(d.Glossary)
		case "EndMatter":
			b = strconv.AppendInt(b, int64(len(d.EndMatter)), 10)
			for _, l := range d.EndMatter {
				str(l.Title)
				str(l.Href)
				str(l.Description)
				str(l.Kind)
			}
		case "Kind":
			str(d.Kind)
		case "IsHome":
			flag(d.IsHome)
		case "Code":
			flag(d.Code)
		case "Quiz":
			flag(d.Quiz)
		case "Timelines":
			flag(d.Timelines)
		case "Draft":
			flag(d.Draft)
		default:
			panic("layout: no key for field " + f) // keyFields and key disagree
		}
		b = append(b, ';')
	}
	return b
}

// calls reports whether n calls a function when run: html/template adds
// escapers to every action.
func calls(n parse.Node) bool {
	switch n := n.(type) {
	case *parse.ActionNode, *parse.TemplateNode:
		return true
	case *parse.ListNode:
		return n != nil && slices.ContainsFunc(n.Nodes, calls)
	case *parse.IfNode:
		return pipeCalls(n.Pipe) || calls(n.List) || calls(n.ElseList)
	case *parse.WithNode:
		return pipeCalls(n.Pipe) || calls(n.List) || calls(n.ElseList)
	case *parse.RangeNode:
		return pipeCalls(n.Pipe) || calls(n.List) || calls(n.ElseList)
	}
	return false
}

func pipeCalls(p *parse.PipeNode) bool {
	return len(p.Cmds) > 1 || slices.ContainsFunc(p.Cmds, func(c *parse.CommandNode) bool {
		_, fn := c.Args[0].(*parse.IdentifierNode)
		return fn || len(c.Args) > 1
	})
}

// analysis finds whether nodes read only keyFields of the page's Data.
type analysis struct {
	t      *template.Template
	called map[string]*calledWithData // by name
}

// calledWithData is what a template called with the page's Data reads.
type calledWithData struct {
	ok     bool
	fields map[string]bool
}

// node reports whether n reads of Data only fields in keyFields, and adds
// them to fields. dot and dollar say whether . and $ are the page's Data
// (else they are values made from such fields, or nil).
func (a *analysis) node(n parse.Node, dot, dollar bool, fields map[string]bool) bool {
	switch n := n.(type) {
	case *parse.TextNode, *parse.CommentNode, *parse.BreakNode, *parse.ContinueNode:
		return true
	case *parse.ListNode:
		if n == nil {
			return true
		}
		for _, c := range n.Nodes {
			if !a.node(c, dot, dollar, fields) {
				return false
			}
		}
		return true
	case *parse.ActionNode:
		return a.pipe(n.Pipe, dot, dollar, fields)
	case *parse.IfNode:
		return a.pipe(n.Pipe, dot, dollar, fields) && a.node(n.List, dot, dollar, fields) && a.node(n.ElseList, dot, dollar, fields)
	case *parse.WithNode:
		return a.pipe(n.Pipe, dot, dollar, fields) && a.node(n.List, false, dollar, fields) && a.node(n.ElseList, dot, dollar, fields)
	case *parse.RangeNode:
		return a.pipe(n.Pipe, dot, dollar, fields) && a.node(n.List, false, dollar, fields) && a.node(n.ElseList, dot, dollar, fields)
	case *parse.TemplateNode:
		called := a.t.Lookup(n.Name)
		if called == nil || called.Tree == nil {
			return false
		}
		if n.Pipe != nil && len(n.Pipe.Decl) == 0 && len(n.Pipe.Cmds) == 1 && len(n.Pipe.Cmds[0].Args) == 1 {
			if _, isDot := n.Pipe.Cmds[0].Args[0].(*parse.DotNode); isDot && dot {
				c := a.called[n.Name]
				if c == nil {
					c = &calledWithData{ok: true, fields: map[string]bool{}}
					a.called[n.Name] = c // while it is looked at, a call to itself adds nothing
					c.ok = a.node(called.Tree.Root, true, true, c.fields)
				}
				for f := range c.fields {
					fields[f] = true
				}
				return c.ok
			}
		}
		if n.Pipe != nil && !a.pipe(n.Pipe, dot, dollar, fields) {
			return false
		}
		return a.node(called.Tree.Root, false, false, fields)
	}
	return false
}

func (a *analysis) pipe(p *parse.PipeNode, dot, dollar bool, fields map[string]bool) bool {
	if p == nil {
		return true
	}
	for _, c := range p.Cmds {
		for _, arg := range c.Args {
			if !a.arg(arg, dot, dollar, fields) {
				return false
			}
		}
	}
	return true
}

func (a *analysis) arg(n parse.Node, dot, dollar bool, fields map[string]bool) bool {
	use := func(f string) bool {
		if !keyFields[f] {
			return false
		}
		fields[f] = true
		return true
	}
	switch n := n.(type) {
	case *parse.FieldNode:
		return !dot || use(n.Ident[0])
	case *parse.DotNode:
		return !dot
	case *parse.VariableNode:
		if n.Ident[0] != "$" || !dollar {
			return true
		}
		return len(n.Ident) > 1 && use(n.Ident[1])
	case *parse.ChainNode:
		if _, isDot := n.Node.(*parse.DotNode); isDot && dot {
			return use(n.Field[0])
		}
		return a.arg(n.Node, dot, dollar, fields)
	case *parse.PipeNode:
		return a.pipe(n, dot, dollar, fields)
	case *parse.IdentifierNode, *parse.StringNode, *parse.NumberNode, *parse.BoolNode, *parse.NilNode:
		return true
	}
	return false
}
