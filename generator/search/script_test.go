package search

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// agreeScript runs under Node: it loads search.js as a module and answers,
// for the input file named by argv[2], the key and fold of each word and
// each site's queries, reading index files from the site's folder as a
// browser would run them (each calls window.__ppcSearch.add).
const agreeScript = `
const fs = require("fs"), path = require("path"), vm = require("vm");
const s = require(process.argv[1]);
const input = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
async function main() {
  const out = { sites: [] };
  for (const site of input.sites) {
    const loaded = [];
    const cache = new Map();
    let data;
    const context = vm.createContext({ window: { __ppcSearch: { add: (d) => { data = d; } } } });
    const load = (name) => new Promise((resolve, reject) => {
      loaded.push(name);
      if (!cache.has(name)) {
        data = undefined;
        vm.runInContext(fs.readFileSync(path.join(site.dir, "search", name), "utf8"), context);
        cache.set(name, data);
      }
      cache.get(name) ? resolve(cache.get(name)) : reject(new Error(name + " did not call add"));
    });
    const answers = [];
    let engine;
    for (const q of site.queries) {
      engine = new s.Engine(load); // from a fresh start, as each Go client
      await engine.open();
      loaded.length = 0;
      const a = await engine.search(q);
      const results = a ? a.groups.flatMap((g) => g.results) : [];
      answers.push(a && {
        total: a.total, pages: a.pages, ids: results.map((r) => r.id), hits: [...a.hits].sort(),
        files: loaded.slice(),
        snippets: results.map((r) => s.snippet(r.text, a.hits, engine.stop)),
      });
    }
    out.sites.push({ answers, keys: site.words.map((w) => s.key(w, engine.stop)) });
  }
  out.folds = input.folds.map((w) => s.fold(w));
  process.stdout.write(JSON.stringify(out));
}
main().catch((e) => { console.error(e); process.exit(1); });
`

type agreeSite struct {
	Dir     string   `json:"dir"`
	Queries []string `json:"queries"`
	Words   []string `json:"words"`
}

type agreeAnswer struct {
	Total    int      `json:"total"`
	IDs      []int    `json:"ids"`
	Hits     []string `json:"hits"`
	Files    []string `json:"files"`
	Snippets [][]struct {
		Text string `json:"text"`
		Mark bool   `json:"mark"`
	} `json:"snippets"`
}

// TestScriptAgrees checks that search.js, run under Node, cuts words,
// folds, stems and answers queries exactly as this package and its test
// client do: on the real handbook (terms in index.js) and on a made-up site
// large enough to need terms files.
func TestScriptAgrees(t *testing.T) {
	if testing.Short() {
		t.Skip("runs search.js in Node over two sites, run by go test ./... (CI's race step is -short)")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("node is needed to test search.js")
		}
		t.Skip("node is not installed")
	}
	script, err := filepath.Abs("../../layouts/assets/search.js")
	if err != nil {
		t.Fatal(err)
	}
	handbook := buildDir(t, "../../content")
	tree, docs := synthetic(1500)
	large := Build(tree, docs, nil).Files()
	var largeIndex indexFile
	newClient(t, large).load("index.js", &largeIndex)
	if len(largeIndex.Shards) < 2 {
		t.Fatalf("the made-up site has %d terms files; want several", len(largeIndex.Shards))
	}

	var sampleWords []string
	for _, doc := range docs {
		sampleWords = append(sampleWords, strings.Fields(doc.Text[1].Text)...)
		if len(sampleWords) > 30 {
			break
		}
	}
	largeQueries := []string{"zzz"}
	for i := 0; i+2 < len(sampleWords); i += 3 {
		w := sampleWords[i]
		largeQueries = append(largeQueries, w, w+" "+sampleWords[i+1], w[:min(len(w), 2)], strings.ToLower(sampleWords[i+2]+" "+w[:min(len(w), 3)]))
	}
	handbookQueries := []string{
		"referral", "referrals ", "Referred", "REFERRING", "refer", "referra", "appointm", "appointment letters",
		"dna", "DNA", "DNAs", "dn", "ptl ", "PTL validation", "rtt clock", "RTT clock stops", "2ww",
		"cancer 62 day", "62-day", "faster diagnosis", "café", "Caldicott", "caldicott principles",
		"patient’s", "don't", "e-RS", "A&E", "the", "the of and", "zzzz", "confidentiality ethics",
		"empathy", "communicat", "listening skills", "reasonable adjustments", "accessible information standard",
		"first definitive treatment", "inter provider transfer", "IT skills", "it skills", "mdt", "breach",
		"refferal", "pateint", "recieved", "refferal letters", "ERS", "ers", "e-rs", "did not attend", "WNB",
		"patient tracking list", "PTL", "two week wait", "clock stop", "nullify", "cancer 62", "caldicott",
	}

	dir := t.TempDir()
	write := func(sub string, files map[string][]byte) string {
		root := filepath.Join(dir, sub)
		for name, b := range files {
			path := filepath.Join(root, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return root
	}
	handbookWords := indexedWords(t, handbook)
	handbookWords = append(handbookWords, "Café", "CAFÉ", "naïve", "Ærø", "Straße", "Œdema", "Łódź", "Việt",
		"DNAs", "PTL’s", "2WW", "IT", "it", "The", "don't", "patient’s", "cafe\u0301", "Ωmega", "国民保健")
	sites := []agreeSite{
		{Dir: write("handbook", handbook), Queries: handbookQueries, Words: handbookWords},
		{Dir: write("large", large), Queries: largeQueries, Words: sampleWords},
	}
	var folds []string
	for _, r := range [][2]rune{{0x20, 0x250}, {0x1E00, 0x1F00}} {
		for c := r[0]; c < r[1]; c++ {
			if isWordRune(c) {
				folds = append(folds, string(c))
			}
		}
	}
	input, err := json.Marshal(map[string]any{"sites": sites, "folds": folds})
	if err != nil {
		t.Fatal(err)
	}
	inputFile := filepath.Join(dir, "input.json")
	if err := os.WriteFile(inputFile, input, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(t.Context(), node, "-e", agreeScript, script, inputFile)
	cmd.Stderr = &strings.Builder{}
	stdout, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, cmd.Stderr)
	}
	var out struct {
		Sites []struct {
			Answers []*agreeAnswer `json:"answers"`
			Keys    []string       `json:"keys"`
		} `json:"sites"`
		Folds []string `json:"folds"`
	}
	if err := json.Unmarshal(stdout, &out); err != nil {
		t.Fatal(err)
	}

	for i, c := range folds {
		if want := fold(c); out.Folds[i] != want {
			t.Errorf("search.js fold(%q) = %q; Go says %q", c, out.Folds[i], want)
		}
	}
	for si, site := range sites {
		files := handbook
		if si == 1 {
			files = large
		}
		got := out.Sites[si]
		for i, w := range site.Words {
			if want := key(w); got.Keys[i] != want {
				t.Errorf("search.js key(%q) = %q; Go says %q", w, got.Keys[i], want)
			}
		}
		for i, q := range site.Queries {
			c := newClient(t, files)
			c.loaded = nil
			total, results, hits := c.search(q)
			js := got.Answers[i]
			if js == nil {
				if total != 0 || hits != nil {
					t.Errorf("%s: search.js found no words in %q; Go found %d results", site.Dir, q, total)
				}
				continue
			}
			var ids []int
			for _, r := range results {
				ids = append(ids, r.ID)
			}
			var hitList []string
			for h := range hits {
				hitList = append(hitList, h)
			}
			slices.Sort(hitList)
			if js.Total != total || !slices.Equal(js.IDs, ids) || !slices.Equal(js.Hits, hitList) {
				t.Errorf("%s: search(%q):\nsearch.js: %d %v %q\nGo:        %d %v %q", filepath.Base(site.Dir), q, js.Total, js.IDs, js.Hits, total, ids, hitList)
			}
			if !slices.Equal(js.Files, c.loaded) {
				t.Errorf("%s: search(%q) loaded %q in search.js; %q in Go", filepath.Base(site.Dir), q, js.Files, c.loaded)
			}
			checkSnippets(t, q, results, js, hits)
		}
	}
}

// checkSnippets checks that every marked word of a snippet is a hit, that
// a snippet is marked wherever its text has a hit, and that a snippet is a
// piece of the text.
func checkSnippets(t *testing.T, query string, results []result, js *agreeAnswer, hits map[string]bool) {
	t.Helper()
	for i, parts := range js.Snippets {
		var whole strings.Builder
		marks := 0
		for _, p := range parts {
			whole.WriteString(p.Text)
			if p.Mark {
				marks++
				if !hits[key(p.Text)] {
					t.Errorf("search(%q): snippet marks %q, which is not a hit", query, p.Text)
				}
			}
		}
		text := results[i].Text
		inText := false
		words(text, func(w string, _ int) { inText = inText || hits[key(w)] })
		if inText && marks == 0 {
			t.Errorf("search(%q): snippet %q marks nothing, but the text has a hit", query, whole.String())
		}
		if s := strings.Trim(whole.String(), "… "); !strings.Contains(text, s) {
			t.Errorf("search(%q): snippet %q is not part of the text", query, s)
		}
	}
}

// indexedWords lists each distinct word in the text files of an index.
func indexedWords(t *testing.T, files map[string][]byte) []string {
	seen := map[string]bool{}
	var out []string
	c := newClient(t, files)
	for n := range c.textStarts {
		var f textFile
		c.load(textName(n), &f)
		for _, e := range f.Entries {
			for _, field := range []string{e[1].(string), e[3].(string)} {
				words(field, func(w string, _ int) {
					if !seen[w] {
						seen[w] = true
						out = append(out, w)
					}
				})
			}
		}
	}
	return out
}
