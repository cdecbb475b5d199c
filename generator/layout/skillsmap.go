package layout

import (
	"bytes"
	"html/template"

	"ppchandbook/generator/content"
	"ppchandbook/generator/markdown"
	"ppchandbook/generator/nav"
)

// SkillsMapPage is the generated page that shows every skill against the
// scenarios and routes that exercise it. Its path sits in the skills
// section, after the skill pages.
func SkillsMapPage() *content.Page {
	return &content.Page{
		Path: "skills/skills-map.md",
		File: "(the generated skills map)",
		URL:  "skills/skills-map/",
		Line: 1,
		Meta: content.Meta{
			Title:       "Skills map",
			Description: "Which worked scenarios and routes into the role exercise each of the core skills.",
			Kind:        content.KindPage,
			Weight:      10000,
			Lines:       map[string]int{},
		},
	}
}

var skillsMapTemplate = template.Must(template.New("skills map").Parse(`<p>Each row is a worked scenario or a route into the role; each column is a skill. A filled circle means the scenario or route names that skill in its front matter. Select a circle, or a row title, to open the page.</p>
<div class="table-wrap" role="region" tabindex="0" aria-label="Skills map: scenarios and routes against skills">
<table class="skills-map">
<caption>Skills exercised by each scenario and route</caption>
<thead><tr><th scope="col">Scenario or route</th>{{range .Skills}}<th scope="col" class="skill-col"><a href="{{.Href}}">{{.Title}}</a></th>{{end}}</tr></thead>
<tbody>
{{range .Rows}}<tr><th scope="row"><a href="{{.Href}}">{{.Title}}</a> <span class="map-kind">{{.Kind}}</span></th>{{range .Cells}}<td>{{if .Used}}<a href="{{.Href}}" class="map-dot"><span aria-hidden="true">●</span><span class="visually-hidden">{{.Label}}</span></a>{{else}}<span class="visually-hidden">no</span>{{end}}</td>{{end}}</tr>
{{end}}</tbody>
</table>
</div>
`))

// SkillsMap makes the map page's content from the tree's relations.
func SkillsMap(tree *nav.Tree, page *content.Page) *markdown.Doc {
	type cell struct {
		Used        bool
		Href, Label string
	}
	type row struct {
		Title, Href, Kind string
		Cells             []cell
	}
	var data struct {
		Skills []Link
		Rows   []row
	}
	skills := tree.Skills()
	for _, s := range skills {
		data.Skills = append(data.Skills, Link{Title: s.Page.Meta.Title, Href: nav.Href(page, s.Page)})
	}
	for _, kind := range []content.Kind{content.KindScenario, content.KindQualification} {
		for _, n := range tree.Order {
			if n.Page.Meta.Kind != kind {
				continue
			}
			uses := map[*nav.Node]bool{}
			for _, s := range tree.SkillsOf(n) {
				uses[s] = true
			}
			r := row{Title: n.Page.Meta.Title, Href: nav.Href(page, n.Page), Kind: kindName(kind)}
			for _, s := range skills {
				r.Cells = append(r.Cells, cell{Used: uses[s], Href: r.Href, Label: s.Page.Meta.Title + " in " + n.Page.Meta.Title})
			}
			data.Rows = append(data.Rows, r)
		}
	}
	var b bytes.Buffer
	if err := skillsMapTemplate.Execute(&b, data); err != nil {
		panic(err) // the template is fixed: an error here is a bug
	}
	return &markdown.Doc{HTML: b.String(), IDs: map[string]int{}}
}

func kindName(k content.Kind) string {
	switch k {
	case content.KindScenario:
		return "Scenario"
	case content.KindQualification:
		return "Route"
	}
	return ""
}
