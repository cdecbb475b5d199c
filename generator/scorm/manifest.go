package scorm

import (
	"bytes"
	"encoding/xml"
	"strconv"
)

// The SCORM 1.2 manifest: IMS Content Packaging 1.1.2 with ADL's adlcp
// extension. Element order follows their schemas.
const (
	nsIMSCP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
	nsADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
)

// Identifiers of the one organisation, item and resource. Only the
// manifest's own identifier is chosen by the educator: an LMS keys
// packages by it.
const (
	orgID  = "ORG-handbook"
	itemID = "ITEM-handbook"
	scoID  = "SCO-handbook"
)

// launchFile is the SCO's launch page, which holds the LMS session while
// the handbook's pages come and go in a frame inside it.
const launchFile = "scorm/launch.html"

type manifestXML struct {
	XMLName       xml.Name         `xml:"manifest"`
	Xmlns         string           `xml:"xmlns,attr"`
	XmlnsADLCP    string           `xml:"xmlns:adlcp,attr"`
	Identifier    string           `xml:"identifier,attr"`
	Version       string           `xml:"version,attr"`
	Schema        string           `xml:"metadata>schema"`
	SchemaVersion string           `xml:"metadata>schemaversion"`
	Organizations organizationsXML `xml:"organizations"`
	Resources     []resourceXML    `xml:"resources>resource"`
}

type organizationsXML struct {
	Default      string            `xml:"default,attr"`
	Organization []organizationXML `xml:"organization"`
}

type organizationXML struct {
	Identifier string    `xml:"identifier,attr"`
	Title      string    `xml:"title"`
	Items      []itemXML `xml:"item"`
}

type itemXML struct {
	Identifier    string `xml:"identifier,attr"`
	IdentifierRef string `xml:"identifierref,attr"`
	IsVisible     string `xml:"isvisible,attr"`
	Title         string `xml:"title"`
	MasteryScore  string `xml:"adlcp:masteryscore,omitempty"`
}

type resourceXML struct {
	Identifier string    `xml:"identifier,attr"`
	Type       string    `xml:"type,attr"`
	ScormType  string    `xml:"adlcp:scormtype,attr"`
	Href       string    `xml:"href,attr"`
	Files      []fileXML `xml:"file"`
}

type fileXML struct {
	Href string `xml:"href,attr"`
}

// manifest writes imsmanifest.xml for one SCO made of every file in
// names (sorted).
func manifest(opt Options, names []string) []byte {
	m := manifestXML{
		Xmlns:         nsIMSCP,
		XmlnsADLCP:    nsADLCP,
		Identifier:    opt.Identifier,
		Version:       "1.0",
		Schema:        "ADL SCORM",
		SchemaVersion: "1.2",
		Organizations: organizationsXML{
			Default: orgID,
			Organization: []organizationXML{{
				Identifier: orgID,
				Title:      opt.Title,
				Items: []itemXML{{
					Identifier:    itemID,
					IdentifierRef: scoID,
					IsVisible:     "true",
					Title:         opt.Title,
				}},
			}},
		},
		Resources: []resourceXML{{
			Identifier: scoID,
			Type:       "webcontent",
			ScormType:  "sco",
			Href:       launchFile,
		}},
	}
	if opt.Mastery > 0 {
		m.Organizations.Organization[0].Items[0].MasteryScore = strconv.Itoa(opt.Mastery)
	}
	for _, n := range names {
		m.Resources[0].Files = append(m.Resources[0].Files, fileXML{Href: n})
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(m); err != nil {
		panic(err) // fixed types of strings: an error here is a bug
	}
	b.WriteString("\n")
	return b.Bytes()
}
