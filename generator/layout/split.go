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
	plan := runsOf(an, nodes)
	// Cut a shared run that starts or ends with text at the line break
	// nearest that end, and give up runs that call no function: their
	// text and fields cost less to run than a copy and a second Execute.
	for i := range plan {
		p := &plan[i]
		if !p.shared {
			continue
		}
		if i > 0 {
			giveHead(p, &plan[i-1])
		}
		if i+1 < len(plan) {
			giveTail(p, &plan[i+1])
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

// runsOf groups base.html's top-level nodes into runs that are all
// shared or all the page's, each with the key fields its nodes read.
func runsOf(an *analysis, nodes []parse.Node) []plannedSeg {
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
	return plan
}

// giveHead moves the shared run p's text up to its first line break to
// the page's run before it, unless a block or action starts p.
func giveHead(p, before *plannedSeg) {
	for j, pc := range p.pieces {
		tn, ok := pc.n.(*parse.TextNode)
		if !ok {
			if j == 0 {
				return
			}
			continue
		}
		if nl := bytes.IndexByte(tn.Text[pc.lo:pc.hi], '\n'); nl >= 0 {
			cut := pc.lo + nl + 1
			before.pieces = append(append(before.pieces, p.pieces[:j]...), piece{tn, pc.lo, cut})
			p.pieces = append([]piece{{tn, cut, pc.hi}}, p.pieces[j+1:]...)
			return
		}
	}
}

// giveTail moves the shared run p's text after its last line break to
// the page's run after it, unless a block or action ends p.
func giveTail(p, after *plannedSeg) {
	for j := len(p.pieces) - 1; j >= 0; j-- {
		pc := p.pieces[j]
		tn, ok := pc.n.(*parse.TextNode)
		if !ok {
			if j == len(p.pieces)-1 {
				return
			}
			continue
		}
		if nl := bytes.LastIndexByte(tn.Text[pc.lo:pc.hi], '\n'); nl >= 0 {
			cut := pc.lo + nl + 1
			rest := append([]piece{{tn, cut, pc.hi}}, p.pieces[j+1:]...)
			after.pieces = append(rest, after.pieces...)
			p.pieces = append(p.pieces[:j:j], piece{tn, pc.lo, cut})
			return
		}
	}
}

func whole(n parse.Node) piece {
	if t, ok := n.(*parse.TextNode); ok {
		return piece{t, 0, len(t.Text)}
	}
	return piece{n: n}
}
