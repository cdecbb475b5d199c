package scorm

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Check reports every way the package in r breaks what the SCORM 1.2
// Content Aggregation Model requires of a content package, and what this
// generator promises on top: imsmanifest.xml at the root, in the IMS
// Content Packaging 1.1.2 namespace with schema "ADL SCORM" and
// schemaversion 1.2; a default organisation that exists, with a title and
// items; unique identifiers; every item titled, every leaf referencing a
// resource and only leaves doing so; each resource of type webcontent with
// adlcp:scormtype sco or asset and a launch file that is in the package;
// a mastery score from 0 to 100; every file listed present, and every
// file present listed; no spaces in file names. The XSD files are not
// shipped, so this is checked here rather than by a schema validator.
func Check(r *zip.Reader) error {
	c := &checker{present: map[string]bool{}, ids: map[string]bool{}}
	b, err := c.files(r)
	if err != nil {
		return err
	}
	var m checkManifest
	if err := xml.Unmarshal(b, &m); err != nil {
		return fmt.Errorf("imsmanifest.xml: %w", err)
	}
	c.id("manifest", m.Identifier)
	if m.Metadata == nil || m.Metadata.Schema != "ADL SCORM" || m.Metadata.SchemaVersion != "1.2" {
		c.bad(errors.New("imsmanifest.xml: metadata must give schema ADL SCORM and schemaversion 1.2"))
	}
	if m.Resources == nil || len(m.Resources.Resource) == 0 {
		c.bad(errors.New("imsmanifest.xml: no resources"))
		return errors.Join(c.errs...)
	}
	resources := c.resources(m.Resources.Resource)
	if m.Organizations == nil || len(m.Organizations.Organization) == 0 {
		c.bad(errors.New("imsmanifest.xml: no organization"))
		return errors.Join(c.errs...)
	}
	c.organizations(m.Organizations.Default, m.Organizations.Organization, resources)
	return errors.Join(c.errs...)
}

// checker gathers the problems Check finds.
type checker struct {
	present map[string]bool // the package's file names
	ids     map[string]bool // the identifiers seen so far
	errs    []error
}

func (c *checker) bad(err error) { c.errs = append(c.errs, err) }

// id checks the identifier v of a what: an XML ID, used once.
func (c *checker) id(what, v string) {
	switch {
	case !identifier.MatchString(v):
		c.bad(fmt.Errorf("imsmanifest.xml: %s identifier %q is not an XML ID", what, v))
	case c.ids[v]:
		c.bad(fmt.Errorf("imsmanifest.xml: identifier %q used twice", v))
	}
	c.ids[v] = true
}

// files notes the package's file names, checking each, and returns the
// manifest's bytes.
func (c *checker) files(r *zip.Reader) ([]byte, error) {
	var man *zip.File
	for _, f := range r.File {
		c.present[f.Name] = true
		if strings.ContainsAny(f.Name, " \\") {
			c.bad(fmt.Errorf("%s: file name has a space or backslash", f.Name))
		}
		if f.Name == manifestFile {
			man = f
		}
	}
	if man == nil {
		return nil, errors.New("no imsmanifest.xml at the root of the package")
	}
	rc, err := man.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

// resources checks each resource and that the files listed are the files
// present, and returns the resources' identifiers.
func (c *checker) resources(list []checkResource) map[string]bool {
	resources := map[string]bool{}
	listed := map[string]bool{}
	for _, res := range list {
		c.id("resource", res.Identifier)
		resources[res.Identifier] = true
		if res.Type != "webcontent" {
			c.bad(fmt.Errorf("imsmanifest.xml: resource %s: type %q, want webcontent", res.Identifier, res.Type))
		}
		if res.ScormType != "sco" && res.ScormType != "asset" {
			c.bad(fmt.Errorf("imsmanifest.xml: resource %s: adlcp:scormtype %q, want sco or asset", res.Identifier, res.ScormType))
		}
		if res.Href != "" && !c.present[res.Href] {
			c.bad(fmt.Errorf("imsmanifest.xml: resource %s launches %s, which is not in the package", res.Identifier, res.Href))
		}
		for _, f := range res.Files {
			listed[f.Href] = true
			if !c.present[f.Href] {
				c.bad(fmt.Errorf("imsmanifest.xml: lists %s, which is not in the package", f.Href))
			}
		}
	}
	for name := range c.present {
		if name != manifestFile && !listed[name] {
			c.bad(fmt.Errorf("%s: in the package but not listed in imsmanifest.xml", name))
		}
	}
	return resources
}

// organizations checks each organisation and its items, and that the
// default one exists.
func (c *checker) organizations(def string, orgs []checkOrg, resources map[string]bool) {
	seen := map[string]bool{}
	for _, o := range orgs {
		c.id("organization", o.Identifier)
		seen[o.Identifier] = true
		if strings.TrimSpace(o.Title) == "" {
			c.bad(fmt.Errorf("imsmanifest.xml: organization %s has no title", o.Identifier))
		}
		if len(o.Items) == 0 {
			c.bad(fmt.Errorf("imsmanifest.xml: organization %s has no items", o.Identifier))
		}
		c.items(o.Items, resources)
	}
	if !seen[def] {
		c.bad(fmt.Errorf("imsmanifest.xml: default organization %q does not exist", def))
	}
}

// checkManifest is what Check reads of imsmanifest.xml.
type checkManifest struct {
	XMLName    xml.Name `xml:"http://www.imsproject.org/xsd/imscp_rootv1p1p2 manifest"`
	Identifier string   `xml:"identifier,attr"`
	Metadata   *struct {
		Schema        string `xml:"http://www.imsproject.org/xsd/imscp_rootv1p1p2 schema"`
		SchemaVersion string `xml:"http://www.imsproject.org/xsd/imscp_rootv1p1p2 schemaversion"`
	} `xml:"http://www.imsproject.org/xsd/imscp_rootv1p1p2 metadata"`
	Organizations *struct {
		Default      string     `xml:"default,attr"`
		Organization []checkOrg `xml:"http://www.imsproject.org/xsd/imscp_rootv1p1p2 organization"`
	} `xml:"http://www.imsproject.org/xsd/imscp_rootv1p1p2 organizations"`
	Resources *struct {
		Resource []checkResource `xml:"http://www.imsproject.org/xsd/imscp_rootv1p1p2 resource"`
	} `xml:"http://www.imsproject.org/xsd/imscp_rootv1p1p2 resources"`
}

type checkOrg struct {
	Identifier string      `xml:"identifier,attr"`
	Title      string      `xml:"http://www.imsproject.org/xsd/imscp_rootv1p1p2 title"`
	Items      []checkItem `xml:"http://www.imsproject.org/xsd/imscp_rootv1p1p2 item"`
}

type checkItem struct {
	Identifier    string      `xml:"identifier,attr"`
	IdentifierRef string      `xml:"identifierref,attr"`
	IsVisible     string      `xml:"isvisible,attr"`
	Title         string      `xml:"http://www.imsproject.org/xsd/imscp_rootv1p1p2 title"`
	MasteryScore  *string     `xml:"http://www.adlnet.org/xsd/adlcp_rootv1p2 masteryscore"`
	Items         []checkItem `xml:"http://www.imsproject.org/xsd/imscp_rootv1p1p2 item"`
}

type checkResource struct {
	Identifier string `xml:"identifier,attr"`
	Type       string `xml:"type,attr"`
	ScormType  string `xml:"http://www.adlnet.org/xsd/adlcp_rootv1p2 scormtype,attr"`
	Href       string `xml:"href,attr"`
	Files      []struct {
		Href string `xml:"href,attr"`
	} `xml:"http://www.imsproject.org/xsd/imscp_rootv1p1p2 file"`
}

// items checks items and their items.
func (c *checker) items(items []checkItem, resources map[string]bool) {
	bad := c.bad
	for _, it := range items {
		c.id("item", it.Identifier)
		if strings.TrimSpace(it.Title) == "" {
			bad(fmt.Errorf("imsmanifest.xml: item %s has no title", it.Identifier))
		}
		switch {
		case len(it.Items) == 0 && it.IdentifierRef == "":
			bad(fmt.Errorf("imsmanifest.xml: item %s has neither items nor a resource", it.Identifier))
		case len(it.Items) > 0 && it.IdentifierRef != "":
			bad(fmt.Errorf("imsmanifest.xml: item %s has items and a resource: only leaves may launch", it.Identifier))
		case it.IdentifierRef != "" && !resources[it.IdentifierRef]:
			bad(fmt.Errorf("imsmanifest.xml: item %s references resource %q, which does not exist", it.Identifier, it.IdentifierRef))
		}
		if it.IsVisible != "" && it.IsVisible != "true" && it.IsVisible != "false" {
			bad(fmt.Errorf("imsmanifest.xml: item %s: isvisible %q, want true or false", it.Identifier, it.IsVisible))
		}
		if it.MasteryScore != nil {
			if v, err := strconv.ParseFloat(*it.MasteryScore, 64); err != nil || v < 0 || v > 100 {
				bad(fmt.Errorf("imsmanifest.xml: item %s: masteryscore %q, want 0 to 100", it.Identifier, *it.MasteryScore))
			}
		}
		c.items(it.Items, resources)
	}
}
