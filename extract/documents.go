package extract

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/nianbao/nianbao/extract/docfile"
	"github.com/nianbao/nianbao/extract/docx"
	"github.com/nianbao/nianbao/extract/ofd"
	"github.com/nianbao/nianbao/extract/xlsx"
)

// readDocument reads a PDF, Word, OFD or spreadsheet body into a document
// the HTML path's readers take: text blocks, and tables as grids.
// ErrUnsupported (wrapped, with the format named) means a format that is
// recognised but not read, or a document too damaged to read.
func (x *Extractor) readDocument(ctx context.Context, f docfile.Format, body []byte) (*docfile.Document, error) {
	var d *docfile.Document
	var err error
	switch f {
	case docfile.FormatPDF:
		d, err = x.pdf.Read(ctx, body)
	case docfile.FormatDOCX:
		d, err = docx.Read(body)
	case docfile.FormatXLSX:
		d, err = xlsx.Read(body)
	case docfile.FormatOFD:
		d, err = ofd.Read(body)
	default:
		return nil, fmt.Errorf("%w: %s document", ErrUnsupported, f)
	}
	if err != nil {
		// A damaged document is one the extractor cannot read, as an
		// unsupported format is: not a report, and 422 over the API.
		return nil, fmt.Errorf("%w: %s not read: %w", ErrUnsupported, f, err)
	}
	return d, nil
}

// unsupportedReason says why a recognised format is not read.
func unsupportedReason(f docfile.Format) string {
	switch f {
	case docfile.FormatDOC, docfile.FormatXLS, docfile.FormatOLE:
		return f.String() + ": legacy binary Office format, not read — save it as DOCX, XLSX or PDF"
	case docfile.FormatImage:
		return "image: not read (no OCR)"
	case docfile.FormatZip:
		return "zip archive: not read (neither DOCX, XLSX nor OFD)"
	}
	return f.String() + ": not read"
}

// fromDocfile turns a read document into the extractor's document: text
// blocks through the same metadata, furniture and tail filters as copied
// text, tables as grids with fresh ids, and the title from the largest
// text at the top.
func fromDocfile(d *docfile.Document) *document {
	doc := &document{meta: map[string]string{}}
	nextID := 0
	cut := false
	for _, b := range d.Blocks {
		if cut {
			break
		}
		switch {
		case b.Table != nil:
			doc.blocks = append(doc.blocks, block{table: docGrid(b.Table, &nextID)})
		case b.Image != "":
			doc.blocks = append(doc.blocks, block{image: b.Image})
		default:
			line := joinCJK(collapseSpace(b.Text))
			if line == "" {
				continue
			}
			switch lineKind(doc, line) {
			case lineTail:
				cut = true
				continue
			case lineDropped:
				continue
			}
			doc.blocks = append(doc.blocks, block{text: line})
			doc.textLen += runeLen(line)
		}
	}
	if t := docTitle(d.Blocks); t != "" {
		doc.titles = append(doc.titles, t)
	}
	return doc
}

// docGrid copies a table into a grid, renumbering its cells.
func docGrid(t *docfile.Table, nextID *int) *grid {
	g := &grid{rows: make([][]gcell, 0, min(len(t.Rows), maxGridRows))}
	ids := map[int]int{}
	for _, row := range t.Rows[:min(len(t.Rows), maxGridRows)] {
		r := make([]gcell, 0, len(row))
		for _, c := range row {
			id, ok := ids[c.ID]
			if !ok || c.ID == 0 {
				*nextID++
				id = *nextID
				ids[c.ID] = id
			}
			r = append(r, gcell{text: joinCJK(collapseSpace(c.Text)), id: id})
		}
		g.rows = append(g.rows, r)
	}
	return g
}

// titleLead is how many text blocks at the top may hold the title.
const titleLead = 6

// docTitle joins the leading text blocks set in the largest size (a title
// printed over two lines: agency, then year and 年度报告), when that size
// stands out from the text below.
func docTitle(blocks []docfile.Block) string {
	var lead []docfile.Block
	var sizes []float64
	for _, b := range blocks {
		if b.Text == "" {
			continue
		}
		if len(lead) < titleLead {
			lead = append(lead, b)
		}
		sizes = append(sizes, b.Size)
	}
	if len(lead) == 0 {
		return ""
	}
	slices.Sort(sizes)
	body := sizes[len(sizes)/2]
	top := 0.0
	for _, b := range lead {
		top = max(top, b.Size)
	}
	if top <= body*1.1 {
		return ""
	}
	var t string
	started := false
	for _, b := range lead {
		big := b.Size >= top*0.9
		if big && runeLen(b.Text) <= 60 {
			t += b.Text
			started = true
		} else if started {
			break
		}
	}
	return joinCJK(collapseSpace(t))
}

// scanWarning is the warning of a document without a text layer.
const scanWarning = "document has no text layer (scanned images): text and tables not read (no OCR)"

// isUnsupported reports the error of a recognised format that is not read.
func isUnsupported(err error) bool { return errors.Is(err, ErrUnsupported) }
