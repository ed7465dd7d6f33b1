package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/extract/docfile"
)

// Limits of one document.
const (
	MaxXML  = 64 << 20 // bytes of word/document.xml read
	MaxRows = 2000     // rows of one table
	maxCols = 64
)

// ErrNoDocument is returned for a zip without word/document.xml.
var ErrNoDocument = errors.New("docx: no word/document.xml")

// Read reads a .docx body.
func Read(body []byte) (*docfile.Document, error) {
	zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		return nil, fmt.Errorf("docx: open zip: %w", err)
	}
	for _, f := range zr.File {
		if !strings.EqualFold(f.Name, "word/document.xml") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("docx: open document part: %w", err)
		}
		defer rc.Close()
		return ReadXML(io.LimitReader(rc, MaxXML))
	}
	return nil, ErrNoDocument
}

// ReadXML reads the body of word/document.xml. A document cut short by
// damaged XML keeps what was read before the damage, with a warning.
func ReadXML(r io.Reader) (*docfile.Document, error) {
	p := &parser{dec: xml.NewDecoder(r)}
	p.dec.Strict = false
	d := &docfile.Document{}
	for {
		tok, err := p.dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			if len(d.Blocks) == 0 {
				return nil, fmt.Errorf("docx: parse document: %w", err)
			}
			d.Warnings = append(d.Warnings, fmt.Sprintf("DOCX damaged after %d blocks: %v", len(d.Blocks), err))
			break
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "p":
			text, size, err := p.paragraph()
			if t := strings.TrimSpace(text); t != "" {
				d.Blocks = append(d.Blocks, docfile.Block{Text: t, Size: size})
			}
			if err != nil {
				d.Warnings = append(d.Warnings, fmt.Sprintf("DOCX damaged: %v", err))
				return d, nil
			}
		case "tbl":
			t, err := p.table()
			if t != nil && len(t.Rows) > 0 {
				d.Blocks = append(d.Blocks, docfile.Block{Table: t})
			}
			if err != nil {
				d.Warnings = append(d.Warnings, fmt.Sprintf("DOCX damaged: %v", err))
				return d, nil
			}
		}
	}
	return d, nil
}

type parser struct {
	dec    *xml.Decoder
	nextID int
}

// paragraph reads up to the end of the w:p just opened: its text and the
// largest run size in points.
func (p *parser) paragraph() (string, float64, error) {
	var b strings.Builder
	size := 0.0
	inText := false
	for depth := 1; depth > 0; {
		tok, err := p.dec.Token()
		if err != nil {
			return b.String(), size, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch t.Name.Local {
			case "t":
				inText = true
			case "tab", "br", "cr":
				b.WriteByte(' ')
			case "sz":
				if v, err := strconv.ParseFloat(attr(t, "val"), 64); err == nil {
					size = max(size, v/2)
				}
			}
		case xml.EndElement:
			depth--
			if t.Name.Local == "t" {
				inText = false
			}
		case xml.CharData:
			if inText {
				b.Write(t)
			}
		}
	}
	return b.String(), size, nil
}

// cellSpec is a w:tc as written: its text, the grid columns it spans and
// whether it continues the vertically merged cell above.
type cellSpec struct {
	text string
	span int
	cont bool
}

// table reads up to the end of the w:tbl just opened and expands it.
func (p *parser) table() (*docfile.Table, error) {
	var rows [][]cellSpec
	var cell *cellSpec
	var texts []string
	var err error
	for depth := 1; depth > 0 && err == nil; {
		var tok xml.Token
		if tok, err = p.dec.Token(); err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch t.Name.Local {
			case "tr":
				if len(rows) < MaxRows {
					rows = append(rows, nil)
				}
			case "tc":
				cell, texts = &cellSpec{span: 1}, nil
			case "gridSpan":
				if cell != nil {
					if v, e := strconv.Atoi(attr(t, "val")); e == nil && v > 1 {
						cell.span = min(v, maxCols)
					}
				}
			case "vMerge":
				if cell != nil {
					v := attr(t, "val")
					cell.cont = v == "" || v == "continue"
				}
			case "p":
				var s string
				s, _, err = p.paragraph()
				depth--
				if s = strings.TrimSpace(s); s != "" {
					texts = append(texts, s)
				}
			case "tbl":
				// A nested table's text belongs to its cell.
				var inner *docfile.Table
				inner, err = p.table()
				depth--
				if inner != nil {
					for _, r := range inner.Rows {
						for i, c := range r {
							if c.Text != "" && (i == 0 || r[i-1].ID != c.ID) {
								texts = append(texts, c.Text)
							}
						}
					}
				}
			}
		case xml.EndElement:
			depth--
			if t.Name.Local == "tc" && cell != nil && len(rows) > 0 {
				cell.text = strings.Join(texts, " ")
				rows[len(rows)-1] = append(rows[len(rows)-1], *cell)
				cell = nil
			}
		}
	}
	return p.expand(rows), err
}

// expand places the cells on the grid: a spanned cell fills its columns
// with one id, a vMerge continuation takes the id and text of the cell
// above.
func (p *parser) expand(rows [][]cellSpec) *docfile.Table {
	t := &docfile.Table{}
	for r, row := range rows {
		var out []docfile.Cell
		for _, c := range row {
			col := len(out)
			cell := docfile.Cell{Text: c.text}
			if c.cont && r > 0 && col < len(t.Rows[r-1]) {
				cell = t.Rows[r-1][col]
			} else {
				p.nextID++
				cell.ID = p.nextID
			}
			for k := 0; k < c.span && len(out) < maxCols; k++ {
				out = append(out, cell)
			}
		}
		t.Rows = append(t.Rows, out)
	}
	return t
}

func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}
