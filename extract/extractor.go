package extract

import (
	"fmt"
	"strings"

	"github.com/nianbao/nianbao/extract/zhconv"
)

// Version tags the extractor's output; the archive's extraction cache is
// keyed by it. Bump it whenever the same input would extract differently.
const Version = "extract/11"

// Input is one document to extract.
type Input struct {
	Body           []byte // raw bytes as fetched or read, any encoding
	ContentType    string // HTTP Content-Type; may be empty
	Charset        string // a charset to force (a portal's charset:); may be empty; see extract/charset
	URL            string // where the page came from; may be empty
	Agency, Region string // from config; used when the page does not name them
}

// Extractor extracts reports. It holds the conversion dictionaries, is
// read-only after New and safe for concurrent use.
type Extractor struct {
	conv *zhconv.Converter
}

// New loads the conversion dictionaries once.
func New() (*Extractor, error) {
	conv, err := zhconv.New()
	if err != nil {
		return nil, fmt.Errorf("extract: load converter: %w", err)
	}
	return &Extractor{conv: conv}, nil
}

// Simplify is the form agency names are matched in, whatever the script:
// Traditional → Simplified (t2s), NFKC, white space removed.
func (x *Extractor) Simplify(s string) string { return simplifyKey(x.conv, s) }

// prepared is a cleaned document converted to Simplified script.
type prepared struct {
	doc         *document
	traditional bool
	taiwan      bool // converted with Taiwan vocabulary
}

// prepare decodes, cleans and converts a document.
func (x *Extractor) prepare(in Input) (*prepared, error) {
	if len(in.Body) == 0 {
		return nil, ErrEmpty
	}
	if isBinary(in.Body) {
		return nil, ErrUnsupported
	}
	dec := decode(in.Body, in.ContentType, in.Charset)
	var doc *document
	var err error
	if dec.html {
		if doc, err = parseHTML(dec.text); err != nil {
			return nil, fmt.Errorf("extract: parse html: %w", err)
		}
	} else {
		doc = parseText(dec.text)
	}
	p := &prepared{doc: doc}
	p.traditional, p.taiwan = detectScript(x.conv, doc)
	switch {
	case p.traditional && !dec.html && !p.taiwan:
		// Copied text is grouped into table rows by the template's words
		// (行政许可 46, 二、上年结转…): a copy in Traditional characters with
		// mainland vocabulary is converted before it is grouped. The
		// conversion is the character conversion cells get anyway.
		p.doc = parseText(x.conv.Simplify(dec.text))
	case p.traditional:
		toSimplified(x.conv, doc, p.taiwan)
	}
	if p.traditional && isMainlandReport(p.doc) {
		toMainlandVocabulary(p.doc)
	}
	return p, nil
}

// Extract turns a document into a report (report-schema.md). A PDF, Word or
// image body is not read: it yields a report with is_report false that says
// so, not an error, so a crawler can pass attachments through. Extract
// fails only on empty (ErrEmpty) or undecodable input; anything it cannot
// read is null in the report and explained in Warnings.
func (x *Extractor) Extract(in Input) (*Report, error) {
	if len(in.Body) > 0 && isBinary(in.Body) {
		return unreadReport(), nil
	}
	p, err := x.prepare(in)
	if err != nil {
		return nil, err
	}
	doc := p.doc
	spans := findSections(doc)
	ts := readTables(doc)
	id := readIdentity(doc, spans, in)

	r := &Report{
		Schema:     Schema,
		Title:      id.title,
		Agency:     id.agency,
		Region:     id.region,
		Year:       id.year,
		Published:  id.published,
		Script:     "hans",
		Provenance: id.prov,
		Sections:   make([]Section, 0, len(spans)),
		Checks:     []Check{},
		Facts:      []Fact{},
		Warnings:   []string{},
	}
	if p.traditional {
		r.Script = "hant"
		if p.taiwan {
			r.Warnings = append(r.Warnings, "Traditional script converted to Simplified, Taiwan vocabulary reversed")
		} else {
			r.Warnings = append(r.Warnings, "Traditional script converted to Simplified character by character (mainland vocabulary kept)")
		}
	}
	if len(doc.meta) > 0 {
		r.Metadata = doc.meta
	}
	for _, s := range spans {
		r.Sections = append(r.Sections, s.Section)
	}
	r.IsReport, r.IsReportReason = isReportVerdict(id.title, doc, spans, ts)

	stats := false
	for _, b := range doc.blocks {
		if b.table != nil && classifyGrid(b.table)&gridStats != 0 {
			stats = true
		}
	}
	var tw []string
	r.Template, tw = detectTemplate(ts, doc, r.Year, r.IsReport, stats)
	images := sectionImages(doc, spans)
	var aw []string
	r.Tables, r.TableStatus, aw = assembleTables(ts, r.Template, images)
	if r.IsReport && r.Template != TemplatePre2019 && r.Template != TemplateUnknown {
		r.Checks = runChecks(r.Tables, r.TableStatus)
		r.Checks = append(r.Checks, textChecks(spans, doc, r.Tables)...)
		r.Checks = append(r.Checks, sectionChecks(spans, r.Tables)...)
	}
	if r.Template == TemplatePre2019 || (r.IsReport && r.Template == TemplateUnknown) {
		var fc []Check
		r.Facts, fc = readFacts(doc)
		if r.IsReport {
			r.Checks = append(r.Checks, fc...)
		}
	}
	r.Warnings = append(r.Warnings, mirrorWarnings(doc, in.URL, p.traditional)...)
	r.Warnings = append(r.Warnings, id.warnings...)
	r.Warnings = append(r.Warnings, tw...)
	r.Warnings = append(r.Warnings, ts.warnings...)
	r.Warnings = append(r.Warnings, aw...)
	if r.Title == "" {
		r.Warnings = append(r.Warnings, "title not found")
	}
	if r.IsReport && r.Published == "" {
		r.Warnings = append(r.Warnings, "published date not found")
	}
	return r, nil
}

// unreadReport is the report of a binary attachment.
func unreadReport() *Report {
	return &Report{
		Schema: Schema, IsReport: false, Script: "hans", Template: TemplateUnknown,
		IsReportReason: "PDF, Word or image document: not read (attachments are not extracted)",
		TableStatus:    TableStatus{StatusAbsent, StatusAbsent, StatusAbsent},
		Sections:       []Section{}, Checks: []Check{}, Facts: []Fact{},
		Warnings: []string{"binary document not read"},
	}
}

// CleanText returns the cleaned document as text: the title, then the body
// line by line, tables as "a | b | c" rows (a merged cell once, in the
// first row and column it covers), in
// Simplified script. This is `nianbao extract --format text`. It returns
// ErrEmpty for an empty body and ErrUnsupported for PDF, Word and image
// bodies.
func (x *Extractor) CleanText(in Input) (string, error) {
	p, err := x.prepare(in)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	blocks := p.doc.blocks
	if t := pickTitle(p.doc); t != "" {
		b.WriteString(t)
		b.WriteString("\n\n")
		blocks = blocks[titleBlocks(blocks, t):]
	}
	for _, bl := range blocks {
		switch {
		case bl.table != nil:
			writeGrid(&b, bl.table)
		case bl.image != "":
			b.WriteString("[图片 " + bl.image + "]")
			b.WriteByte('\n')
		default:
			b.WriteString(bl.text)
			b.WriteByte('\n')
		}
	}
	return b.String(), nil
}

// writeGrid writes a grid as "a | b | c" lines. A merged cell is written
// once: its copies to the right and in the rows below are left out, and a
// row that holds only copies is not written.
func writeGrid(b *strings.Builder, g *grid) {
	seen := map[int]bool{}
	for _, row := range g.rows {
		var cells []string
		for _, c := range row {
			if !seen[c.id] {
				seen[c.id] = true
				cells = append(cells, c.text)
			}
		}
		if len(cells) > 0 {
			b.WriteString(strings.Join(cells, " | "))
			b.WriteByte('\n')
		}
	}
}
