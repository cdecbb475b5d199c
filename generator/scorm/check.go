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
	present := map[string]bool{}
	var man *zip.File
	var errs []error
	for _, f := range r.File {
		present[f.Name] = true
		if strings.ContainsAny(f.Name, " \\") {
			errs = append(errs, fmt.Errorf("%s: file name has a space or backslash", f.Name))
		}
		if f.Name == manifestFile {
			man = f
		}
	}
	if man == nil {
		return errors.New("no imsmanifest.xml at the root of the package")
	}
	rc, err := man.Open()
	if err != nil {
		return err
	}
	b, err := io.ReadAll(rc)
	rc.Close()
	if err != nil {
		return err
	}
	var m struct {
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
	if err := xml.Unmarshal(b, &m); err != nil {
		return fmt.Errorf("imsmanifest.xml: %w", err)
	}
	ids := map[string]bool{}
	id := func(what, v string) {
		switch {
		case !identifier.MatchString(v):
			errs = append(errs, fmt.Errorf("imsmanifest.xml: %s identifier %q is not an XML ID", what, v))
		case ids[v]:
			errs = append(errs, fmt.Errorf("imsmanifest.xml: identifier %q used twice", v))
		}
		ids[v] = true
	}
	id("manifest", m.Identifier)
	if m.Metadata == nil || m.Metadata.Schema != "ADL SCORM" || m.Metadata.SchemaVersion != "1.2" {
		errs = append(errs, errors.New("imsmanifest.xml: metadata must give schema ADL SCORM and schemaversion 1.2"))
	}
	if m.Resources == nil || len(m.Resources.Resource) == 0 {
		return errors.Join(append(errs, errors.New("imsmanifest.xml: no resources"))...)
	}
	resources := map[string]bool{}
	listed := map[string]bool{}
	for _, res := range m.Resources.Resource {
		id("resource", res.Identifier)
		resources[res.Identifier] = true
		if res.Type != "webcontent" {
			errs = append(errs, fmt.Errorf("imsmanifest.xml: resource %s: type %q, want webcontent", res.Identifier, res.Type))
		}
		if res.ScormType != "sco" && res.ScormType != "asset" {
			errs = append(errs, fmt.Errorf("imsmanifest.xml: resource %s: adlcp:scormtype %q, want sco or asset", res.Identifier, res.ScormType))
		}
		if res.Href != "" && !present[res.Href] {
			errs = append(errs, fmt.Errorf("imsmanifest.xml: resource %s launches %s, which is not in the package", res.Identifier, res.Href))
		}
		for _, f := range res.Files {
			listed[f.Href] = true
			if !present[f.Href] {
				errs = append(errs, fmt.Errorf("imsmanifest.xml: lists %s, which is not in the package", f.Href))
			}
		}
	}
	for name := range present {
		if name != manifestFile && !listed[name] {
			errs = append(errs, fmt.Errorf("%s: in the package but not listed in imsmanifest.xml", name))
		}
	}
	if m.Organizations == nil || len(m.Organizations.Organization) == 0 {
		return errors.Join(append(errs, errors.New("imsmanifest.xml: no organization"))...)
	}
	orgs := map[string]bool{}
	for _, o := range m.Organizations.Organization {
		id("organization", o.Identifier)
		orgs[o.Identifier] = true
		if strings.TrimSpace(o.Title) == "" {
			errs = append(errs, fmt.Errorf("imsmanifest.xml: organization %s has no title", o.Identifier))
		}
		if len(o.Items) == 0 {
			errs = append(errs, fmt.Errorf("imsmanifest.xml: organization %s has no items", o.Identifier))
		}
		checkItems(o.Items, resources, id, func(err error) { errs = append(errs, err) })
	}
	if !orgs[m.Organizations.Default] {
		errs = append(errs, fmt.Errorf("imsmanifest.xml: default organization %q does not exist", m.Organizations.Default))
	}
	return errors.Join(errs...)
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

// checkItems checks items and their items, passing each problem to bad.
func checkItems(items []checkItem, resources map[string]bool, id func(string, string), bad func(error)) {
	for _, it := range items {
		id("item", it.Identifier)
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
		checkItems(it.Items, resources, id, bad)
	}
}
