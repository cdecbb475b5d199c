package layout

import (
	"bytes"
	"errors"
	"html/template"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/template/parse"
)

// A split runs a page's layout in pieces, so that the pieces of base.html
// that read only what every page at the same depth shares (its Root and
// Home, the site's title, the footer's links, the asset links of its kind)
// are run once for each set of those values and copied into every other
// page, rather than run again with their escapers (three calls for each
// href="{{.Root}}…") for each page: about half of html/template's time
// was those calls.
//
// The pieces are cut from the templates the site was loaded with, never
// from a copy in Go, so an educator's base.html is split the same way.
// A cut is kept only where html/template escapes each piece exactly as it
// escapes the whole (the same escapers on every action, the same text), so
// a split page is byte for byte the page the whole template makes; where
// no cut passes, pages run the whole template as before. A piece that
// fails is not reported: the page is run whole, so its error reads as it
// always did.
type split struct {
	whole *template.Template
	segs  []segment
}

// segment is one piece of base.html. A shared one is run once for each
// key: the values of the fields it reads, all of which are in keyFields.
type segment struct {
	t      *template.Template
	shared bool
	fields []string
}

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

// shared holds one build's shared segments, by segment and key.
type shared struct {
	mu  sync.Mutex
	out map[sharedKey][]byte
}

type sharedKey struct {
	seg *segment
	key string
}

// run writes the page of data to buf, from the shared segments in c
// where it can.
func (s *split) run(buf *bytes.Buffer, data *Data, c *shared) error {
	start := buf.Len()
	var kb []byte
	for i := range s.segs {
		seg := &s.segs[i]
		if !seg.shared {
			if seg.t.Execute(buf, data) != nil {
				return s.runWhole(buf, start, data)
			}
			continue
		}
		kb = key(kb[:0], data, seg.fields)
		c.mu.Lock()
		out, ok := c.out[sharedKey{seg, string(kb)}]
		c.mu.Unlock()
		if ok {
			buf.Write(out)
			continue
		}
		from := buf.Len()
		if seg.t.Execute(buf, data) != nil {
			return s.runWhole(buf, start, data)
		}
		c.mu.Lock()
		if c.out == nil {
			c.out = map[sharedKey][]byte{}
		}
		c.out[sharedKey{seg, string(kb)}] = bytes.Clone(buf.Bytes()[from:])
		c.mu.Unlock()
	}
	return nil
}

func (s *split) runWhole(buf *bytes.Buffer, start int, data *Data) error {
	buf.Truncate(start)
	return runTo(buf, s.whole, data)
}

// piece is a top-level node of base.html, or part of a text node's text.
type piece struct {
	n      parse.Node
	lo, hi int // the part of a *parse.TextNode's text
}

func (p piece) copy() parse.Node {
	c := p.n.Copy()
	if t, ok := c.(*parse.TextNode); ok {
		t.Text = t.Text[p.lo:p.hi]
	}
	return c
}

// plannedSeg is a segment before it is checked.
type plannedSeg struct {
	shared bool
	fields map[string]bool
	pieces []piece
}

// splitOf cuts t, which must not have run, into segments, and returns nil
// if no cut is safe. t is run once here, on empty data, so that
// html/template escapes it.
func splitOf(t *template.Template) *split {
	pristine, err := t.Clone()
	if err != nil || pristine.Tree == nil || pristine.Tree.Root == nil {
		return nil
	}
	if !escaped(t) {
		return nil
	}
	plan := planSegments(pristine)
	want := flat(t.Tree.Root.Nodes)
	for attempt := 0; attempt < 64 && hasShared(plan); attempt++ {
		s, bad := try(pristine, t, plan, want)
		if s != nil {
			return s
		}
		plan = merge(plan, bad)
	}
	return nil
}

func hasShared(plan []plannedSeg) bool {
	return slices.ContainsFunc(plan, func(p plannedSeg) bool { return p.shared })
}

// escaped runs t once so that html/template escapes it and the templates
// it calls, and reports whether it could.
func escaped(t *template.Template) bool {
	err := t.Execute(io.Discard, &Data{})
	var e *template.Error
	return !errors.As(err, &e)
}

// try makes the segments of plan in a clone of pristine and checks that
// each is escaped as whole escapes the same nodes. If not, bad is the
// boundary (an index into plan: the cut before plan[bad]) to remove.
func try(pristine, whole *template.Template, plan []plannedSeg, want string) (s *split, bad int) {
	c, err := pristine.Clone()
	if err != nil {
		return nil, 0
	}
	s = &split{whole: whole}
	for i, p := range plan {
		root := pristine.Tree.Root.CopyList()
		root.Nodes = root.Nodes[:0]
		for _, pc := range p.pieces {
			root.Nodes = append(root.Nodes, pc.copy())
		}
		tree := &parse.Tree{Name: pristine.Name() + "#" + strconv.Itoa(i), ParseName: pristine.Tree.ParseName, Root: root, Mode: pristine.Tree.Mode}
		st, err := c.AddParseTree(tree.Name, tree)
		if err != nil {
			return nil, 0
		}
		fields := slices.Sorted(mapKeys(p.fields))
		s.segs = append(s.segs, segment{t: st, shared: p.shared, fields: fields})
	}
	var got strings.Builder
	for i, seg := range s.segs {
		if !escaped(seg.t) {
			// A piece that ends inside a tag or an element: the cut after it
			// is not between elements.
			if i+1 < len(plan) {
				return nil, i + 1
			}
			return nil, i
		}
		got.WriteString(flat(seg.t.Tree.Root.Nodes))
		if !strings.HasPrefix(want, got.String()) {
			return nil, i // it starts where the whole is not between elements
		}
	}
	if got.String() != want {
		return nil, len(plan) - 1
	}
	return s, 0
}

func mapKeys(m map[string]bool) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// flat writes nodes as html/template has escaped them, text run together
// whatever the nodes it is split into.
func flat(nodes []parse.Node) string {
	var b strings.Builder
	for _, n := range nodes {
		if t, ok := n.(*parse.TextNode); ok {
			b.Write(t.Text)
			continue
		}
		b.WriteString("\x00")
		b.WriteString(n.String())
		b.WriteString("\x00")
	}
	return b.String()
}

// merge removes the cut before plan[at], making one segment of the two,
// which is shared only if both were.
func merge(plan []plannedSeg, at int) []plannedSeg {
	if at <= 0 || at >= len(plan) {
		// Nothing to blame: give up sharing altogether.
		return nil
	}
	a, b := plan[at-1], plan[at]
	m := plannedSeg{shared: false, pieces: append(slices.Clip(a.pieces), b.pieces...)}
	out := append(slices.Clip(plan[:at-1]), m)
	out = append(out, plan[at+1:]...)
	return coalesce(out)
}

// coalesce joins neighbouring page segments: a cut between them saves nothing.
func coalesce(plan []plannedSeg) []plannedSeg {
	var out []plannedSeg
	for _, p := range plan {
		if n := len(out); n > 0 && !p.shared && !out[n-1].shared {
			out[n-1].pieces = append(slices.Clip(out[n-1].pieces), p.pieces...)
			continue
		}
		out = append(out, p)
	}
	return out
}

// planSegments cuts base.html's top level into runs of nodes that read
// only keyFields and runs that read more. A shared run's text at either
// end is cut at a line break, where hand-written HTML is usually between
// elements, and the rest given to the page's run; try checks each cut.
func planSegments(t *template.Template) []plannedSeg {
	nodes := t.Tree.Root.Nodes
	for _, n := range nodes {
		if a, ok := n.(*parse.ActionNode); ok && len(a.Pipe.Decl) > 0 {
			return nil // a variable would not reach the later segments
		}
	}
	an := &analysis{t: t, called: map[string]*calledWithData{}}
	var plan []plannedSeg
	for _, n := range nodes {
		fields := map[string]bool{}
		ok := an.node(n, true, true, fields)
		p := plannedSeg{shared: ok, fields: fields, pieces: []piece{whole(n)}}
		if last := len(plan) - 1; last >= 0 && plan[last].shared == ok {
			plan[last].pieces = append(plan[last].pieces, p.pieces...)
			for f := range fields {
				plan[last].fields[f] = true
			}
			continue
		}
		plan = append(plan, p)
	}
	// Cut a shared run that starts or ends with text at the line break
	// nearest that end, and give up runs that call no function: their
	// text and fields cost less to run than a copy and a second Execute.
	for i := range plan {
		p := &plan[i]
		if !p.shared {
			continue
		}
		if i > 0 {
			// Up to the first line break, to the page's run before.
			for j, pc := range p.pieces {
				tn, ok := pc.n.(*parse.TextNode)
				if !ok {
					if j == 0 {
						break // a block or action starts the run
					}
					continue
				}
				if nl := bytes.IndexByte(tn.Text[pc.lo:pc.hi], '\n'); nl >= 0 {
					cut := pc.lo + nl + 1
					plan[i-1].pieces = append(append(plan[i-1].pieces, p.pieces[:j]...), piece{tn, pc.lo, cut})
					p.pieces = append([]piece{{tn, cut, pc.hi}}, p.pieces[j+1:]...)
					break
				}
			}
		}
		if i+1 < len(plan) {
			// After the last line break, to the page's run after.
			for j := len(p.pieces) - 1; j >= 0; j-- {
				pc := p.pieces[j]
				tn, ok := pc.n.(*parse.TextNode)
				if !ok {
					if j == len(p.pieces)-1 {
						break // a block or action ends the run
					}
					continue
				}
				if nl := bytes.LastIndexByte(tn.Text[pc.lo:pc.hi], '\n'); nl >= 0 {
					cut := pc.lo + nl + 1
					rest := append([]piece{{tn, cut, pc.hi}}, p.pieces[j+1:]...)
					plan[i+1].pieces = append(rest, plan[i+1].pieces...)
					p.pieces = append(p.pieces[:j:j], piece{tn, pc.lo, cut})
					break
				}
			}
		}
		p.pieces = slices.DeleteFunc(p.pieces, func(pc piece) bool {
			_, text := pc.n.(*parse.TextNode)
			return text && pc.lo == pc.hi
		})
		if !slices.ContainsFunc(p.pieces, func(pc piece) bool { return calls(pc.n) }) {
			p.shared = false // nothing a copy saves
		}
		p.fields = map[string]bool{} // those of the pieces left
		for _, pc := range p.pieces {
			an.node(pc.n, true, true, p.fields)
		}
	}
	return coalesce(plan)
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

func whole(n parse.Node) piece {
	if t, ok := n.(*parse.TextNode); ok {
		return piece{t, 0, len(t.Text)}
	}
	return piece{n: n}
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
