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

var skillsMapTemplate = template.Must(template.New("skills map").Parse(`<p>Each row is one of the skills, with the worked scenarios that practise it and the routes into the role that build it. Select a name to open its page.</p>
<table class="skills-map">
<caption>Scenarios and routes for each skill</caption>
<thead><tr><th scope="col">Skill</th><th scope="col">Worked scenarios</th><th scope="col">Routes into the role</th></tr></thead>
<tbody>
{{range .}}<tr><th scope="row"><a href="{{.Href}}">{{.Title}}</a></th>
<td><span class="map-label">Worked scenarios</span>{{if .Scenarios}}<ul>{{range .Scenarios}}<li><a href="{{.Href}}">{{.Title}}</a></li>{{end}}</ul>{{else}}None yet{{end}}</td>
<td><span class="map-label">Routes into the role</span>{{if .Routes}}<ul>{{range .Routes}}<li><a href="{{.Href}}">{{.Title}}</a></li>{{end}}</ul>{{else}}None yet{{end}}</td></tr>
{{end}}</tbody>
</table>
`))

// SkillsMap makes the map page's content from the tree's relations: a
// row for each skill, listing the scenarios and routes that name it. Three
// columns of words read on any screen and on paper, where a grid of
// eleven skill columns needed rotated headings and sideways scrolling.
func SkillsMap(tree *nav.Tree, page *content.Page) *markdown.Doc {
	type row struct {
		Title, Href       string
		Scenarios, Routes []Link
	}
	var rows []row
	for _, s := range tree.Skills() {
		r := row{Title: s.Page.Meta.Title, Href: nav.Href(page, s.Page)}
		for _, m := range tree.UsedBy(s) {
			l := Link{Title: m.Page.Meta.Title, Href: nav.Href(page, m.Page)}
			switch m.Page.Meta.Kind {
			case content.KindScenario:
				r.Scenarios = append(r.Scenarios, l)
			case content.KindQualification:
				r.Routes = append(r.Routes, l)
			}
		}
		rows = append(rows, r)
	}
	var b bytes.Buffer
	if err := skillsMapTemplate.Execute(&b, rows); err != nil {
		panic(err) // the template is fixed: an error here is a bug
	}
	return &markdown.Doc{HTML: b.String(), IDs: map[string]int{}}
}
