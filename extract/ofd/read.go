package ofd

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/extract/docfile"
	"github.com/nianbao/nianbao/extract/pdf"
)

// Limits of one document.
const (
	MaxPart  = 32 << 20 // bytes read of one XML part
	MaxPages = 200
	maxDelta = 1 << 16 // DeltaX values read per TextCode
	mmToPt   = 72 / 25.4
)

// ErrNoDocument is returned for a zip whose OFD.xml names no document.
var ErrNoDocument = errors.New("ofd: no document root")

type ofdRoot struct {
	DocBody []struct {
		DocRoot string `xml:"DocRoot"`
	} `xml:"DocBody"`
}

type docRoot struct {
	PhysicalBox string `xml:"CommonData>PageArea>PhysicalBox"`
	Pages       []struct {
		BaseLoc string `xml:"BaseLoc,attr"`
	} `xml:"Pages>Page"`
}

type pageXML struct {
	PhysicalBox string    `xml:"Area>PhysicalBox"`
	Layers      []content `xml:"Content>Layer"`
}

// content is a layer or a PageBlock: objects, and blocks that hold more.
type content struct {
	Texts  []textObject `xml:"TextObject"`
	Paths  []pathObject `xml:"PathObject"`
	Images []struct{}   `xml:"ImageObject"`
	Blocks []content    `xml:"PageBlock"`
}

type textObject struct {
	Boundary string     `xml:"Boundary,attr"`
	Size     float64    `xml:"Size,attr"`
	Codes    []textCode `xml:"TextCode"`
}

type textCode struct {
	X      float64 `xml:"X,attr"`
	Y      float64 `xml:"Y,attr"`
	DeltaX string  `xml:"DeltaX,attr"`
	Text   string  `xml:",chardata"`
}

type pathObject struct {
	Boundary string `xml:"Boundary,attr"`
}

// Read reads an OFD body.
func Read(body []byte) (*docfile.Document, error) {
	zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		return nil, fmt.Errorf("ofd: open zip: %w", err)
	}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[strings.ToLower(strings.TrimPrefix(f.Name, "/"))] = f
	}
	var root ofdRoot
	if err := readXML(files, "OFD.xml", &root); err != nil {
		return nil, err
	}
	if len(root.DocBody) == 0 || root.DocBody[0].DocRoot == "" {
		return nil, ErrNoDocument
	}
	docPath := strings.TrimPrefix(root.DocBody[0].DocRoot, "/")
	var doc docRoot
	if err := readXML(files, docPath, &doc); err != nil {
		return nil, err
	}
	var warnings []string
	refs := doc.Pages
	if len(refs) > MaxPages {
		warnings = append(warnings, fmt.Sprintf("OFD has %d pages: only the first %d read", len(refs), MaxPages))
		refs = refs[:MaxPages]
	}
	var pages []pdf.Page
	for i, ref := range refs {
		loc := resolve(path.Dir(docPath), ref.BaseLoc)
		var px pageXML
		if err := readXML(files, loc, &px); err != nil {
			warnings = append(warnings, fmt.Sprintf("OFD page %d not read: %v", i+1, err))
			continue
		}
		box := px.PhysicalBox
		if box == "" {
			box = doc.PhysicalBox
		}
		pages = append(pages, page(px, box))
	}
	d := pdf.Layout(pages)
	d.Warnings = append(d.Warnings, warnings...)
	return d, nil
}

// resolve makes a location inside the package absolute: "/x" from the
// root, anything else relative to dir.
func resolve(dir, loc string) string {
	if strings.HasPrefix(loc, "/") {
		return strings.TrimPrefix(loc, "/")
	}
	return path.Join(dir, loc)
}

func readXML(files map[string]*zip.File, name string, v any) error {
	f := files[strings.ToLower(name)]
	if f == nil {
		return fmt.Errorf("ofd: part %s missing", name)
	}
	rc, err := f.Open()
	if err != nil {
		return fmt.Errorf("ofd: open %s: %w", name, err)
	}
	defer rc.Close()
	dec := xml.NewDecoder(io.LimitReader(rc, MaxPart))
	dec.Strict = false
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("ofd: parse %s: %w", name, err)
	}
	return nil
}

// page places a page's characters and thin paths, in points.
func page(px pageXML, physicalBox string) pdf.Page {
	var p pdf.Page
	if b := floats(physicalBox); len(b) == 4 {
		p.Width, p.Height = b[2]*mmToPt, b[3]*mmToPt
	}
	var walk func(c content)
	walk = func(c content) {
		for _, t := range c.Texts {
			p.Chars = append(p.Chars, textChars(t)...)
		}
		for _, po := range c.Paths {
			if b := floats(po.Boundary); len(b) == 4 {
				p.Rules = append(p.Rules, pdf.Rect{X0: b[0] * mmToPt, Y0: b[1] * mmToPt, X1: (b[0] + b[2]) * mmToPt, Y1: (b[1] + b[3]) * mmToPt})
			}
		}
		p.Images += len(c.Images)
		for _, b := range c.Blocks {
			walk(b)
		}
	}
	for _, l := range px.Layers {
		walk(l)
	}
	return p
}

// textChars places the characters of a text object: each TextCode starts
// at its X, Y (the baseline) inside the Boundary and advances by DeltaX.
func textChars(t textObject) []pdf.Char {
	b := floats(t.Boundary)
	if len(b) != 4 {
		return nil
	}
	size := t.Size
	if size <= 0 {
		size = b[3]
	}
	var out []pdf.Char
	for _, tc := range t.Codes {
		deltas := deltaX(tc.DeltaX)
		x := b[0] + tc.X
		y := b[1] + tc.Y
		for i, r := range []rune(tc.Text) {
			if i > 0 {
				if i-1 < len(deltas) {
					x += deltas[i-1]
				} else {
					x += size
				}
			}
			out = append(out, pdf.Char{R: r, X0: x * mmToPt, X1: (x + size) * mmToPt,
				Y0: (y - size*0.88) * mmToPt, Y1: (y + size*0.12) * mmToPt})
		}
	}
	return out
}

// deltaX expands a DeltaX list, "g N v" standing for N copies of v.
func deltaX(s string) []float64 {
	f := strings.Fields(s)
	var out []float64
	for i := 0; i < len(f); i++ {
		if f[i] == "g" && i+2 < len(f) {
			n, err1 := strconv.Atoi(f[i+1])
			v, err2 := strconv.ParseFloat(f[i+2], 64)
			for k := 0; err1 == nil && err2 == nil && k < n && len(out) < maxDelta; k++ {
				out = append(out, v)
			}
			i += 2
			continue
		}
		if v, err := strconv.ParseFloat(f[i], 64); err == nil && len(out) < maxDelta {
			out = append(out, v)
		}
	}
	return out
}

func floats(s string) []float64 {
	var out []float64
	for _, f := range strings.Fields(s) {
		v, err := strconv.ParseFloat(f, 64)
		if err != nil {
			return nil
		}
		out = append(out, v)
	}
	return out
}
