package extract

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/nianbao/nianbao/extract/docfile"
	"github.com/nianbao/nianbao/extract/pdf"
	"github.com/nianbao/nianbao/extract/zhconv"
)

// Version tags the extractor's output; the archive's extraction cache is
// keyed by it. Bump it whenever the same input would extract differently.
const Version = "extract/13"

// Input is one document to extract.
type Input struct {
	Body           []byte // raw bytes as fetched or read, any encoding
	ContentType    string // HTTP Content-Type; may be empty
	Charset        string // a charset to force (a portal's charset:); may be empty; see extract/charset
	URL            string // where the page came from; may be empty
	Agency, Region string // from config; used when the page does not name them
}

// Extractor extracts reports. It holds the conversion dictionaries and the
// PDF reader (PDFium in WebAssembly, compiled on the first PDF), is
// read-only after New and safe for concurrent use.
type Extractor struct {
	conv *zhconv.Converter
	pdf  *pdf.Reader
}

// PDFOptions are the PDF reader's limits (pool size, pages, time, memory),
// named here so that callers of extract need not import extract/pdf.
type PDFOptions = pdf.Options

// Options tune an Extractor; the zero value is the default.
type Options struct {
	PDF PDFOptions // limits of the PDF reader
	// CompileCacheDir keeps the PDF reader's compiled WebAssembly module
	// on disk, so that the next process skips the compilation (about 10 s
	// and 300 MB at peak). Empty: the user's cache directory, when there
	// is one.
	CompileCacheDir string
	// NoCompileCache turns the on-disk cache off.
	NoCompileCache bool
}

// New loads the conversion dictionaries once, with default options.
func New() (*Extractor, error) { return NewWithOptions(Options{}) }

// NewWithOptions is New with options.
func NewWithOptions(opts Options) (*Extractor, error) {
	conv, err := zhconv.New()
	if err != nil {
		return nil, fmt.Errorf("extract: load converter: %w", err)
	}
	switch {
	case opts.NoCompileCache:
		opts.PDF.CacheDir = ""
	case opts.CompileCacheDir != "":
		opts.PDF.CacheDir = opts.CompileCacheDir
	case opts.PDF.CacheDir == "":
		if dir, err := os.UserCacheDir(); err == nil {
			opts.PDF.CacheDir = filepath.Join(dir, "nianbao", "wazero")
		}
	}
	return &Extractor{conv: conv, pdf: pdf.New(opts.PDF)}, nil
}

// Close releases the PDF reader's module and instances.
func (x *Extractor) Close() error { return x.pdf.Close() }

// Simplify is the form agency names are matched in, whatever the script:
// Traditional → Simplified (t2s), NFKC, white space removed.
func (x *Extractor) Simplify(s string) string { return simplifyKey(x.conv, s) }

// prepared is a cleaned document converted to Simplified script.
type prepared struct {
	doc         *document
	traditional bool
	taiwan      bool // converted with Taiwan vocabulary
	format      docfile.Format
	pages       int      // pages (sheets) of a document
	scan        bool     // a document without a text layer
	warnings    []string // the document reader's
}

// prepare decodes, cleans and converts a document. The format is told by
// content (docfile.Detect), never by URL or Content-Type.
func (x *Extractor) prepare(ctx context.Context, in Input) (*prepared, error) {
	if len(in.Body) == 0 {
		return nil, ErrEmpty
	}
	switch f := docfile.Detect(in.Body); f {
	case docfile.FormatOther:
	case docfile.FormatPDF, docfile.FormatDOCX, docfile.FormatXLSX, docfile.FormatOFD:
		d, err := x.readDocument(ctx, f, in.Body)
		if err != nil {
			return nil, err
		}
		p := &prepared{doc: fromDocfile(d), format: f, pages: d.Pages, warnings: d.Warnings}
		p.scan = d.ImagePages > 0 && !d.HasText()
		if p.traditional, p.taiwan = detectScript(x.conv, p.doc); p.traditional {
			toSimplified(x.conv, p.doc, p.taiwan)
		}
		return p, nil
	default:
		return nil, fmt.Errorf("%w: %s", ErrUnsupported, unsupportedReason(f))
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

// Extract is ExtractContext without a deadline of the caller's (a PDF is
// still bounded by the reader's own time limit).
func (x *Extractor) Extract(in Input) (*Report, error) {
	return x.ExtractContext(context.Background(), in)
}

// ExtractContext turns a document into a report (report-schema.md): HTML
// or text in any encoding, PDF, DOCX (and OOXML .wps), XLSX and OFD, told
// apart by content. A format it recognises but does not read (legacy
// .doc/.wps/.xls/.et, images, other archives) or a damaged document yields
// a report with is_report false whose reason and warning say so, not an
// error, so a crawler can pass attachments through. It fails only on empty
// (ErrEmpty) or undecodable input; anything it cannot read is null in the
// report and explained in Warnings.
func (x *Extractor) ExtractContext(ctx context.Context, in Input) (*Report, error) {
	p, err := x.prepare(ctx, in)
	if err != nil {
		if f := docfile.Detect(in.Body); len(in.Body) > 0 && (isUnsupported(err) || f != docfile.FormatOther) {
			r := unreadReport(err)
			r.Format = f.Key()
			return r, nil
		}
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
		Format:     p.format.Key(),
		Pages:      p.pages,
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
	r.Warnings = append(r.Warnings, p.warnings...)
	if p.scan {
		r.TableStatus = TableStatus{StatusImage, StatusImage, StatusImage}
		r.Tables = Tables{}
		r.Checks = []Check{}
		r.IsReportReason = "no text layer (scanned document): " + r.IsReportReason
		r.Warnings = append(r.Warnings, scanWarning)
	}
	if r.Title == "" {
		r.Warnings = append(r.Warnings, "title not found")
	}
	if r.IsReport && r.Published == "" {
		r.Warnings = append(r.Warnings, "published date not found")
	}
	return r, nil
}

// unreadReport is the report of a document that was not read: a format
// that is recognised but not read, or a damaged one.
func unreadReport(err error) *Report {
	why := strings.TrimPrefix(err.Error(), "extract: ")
	return &Report{
		Schema: Schema, IsReport: false, Script: "hans", Template: TemplateUnknown,
		IsReportReason: unreadPrefix + why,
		TableStatus:    TableStatus{StatusAbsent, StatusAbsent, StatusAbsent},
		Sections:       []Section{}, Checks: []Check{}, Facts: []Fact{},
		Warnings: []string{unreadPrefix + why},
	}
}

// unreadPrefix opens the reason and warning of a document not read.
const unreadPrefix = "document not read: "

// Unread reports a report of a document the extractor recognised but could
// not read (a legacy or damaged format): IsReportReason says why.
func (r *Report) Unread() bool { return strings.HasPrefix(r.IsReportReason, unreadPrefix) }

// CleanText is CleanTextContext without a deadline of the caller's.
func (x *Extractor) CleanText(in Input) (string, error) {
	return x.CleanTextContext(context.Background(), in)
}

// CleanTextContext returns the cleaned document as text: the title, then
// the body line by line, tables as "a | b | c" rows (a merged cell once, in
// the first row and column it covers), in Simplified script; for a PDF, Word, OFD or spreadsheet the text
// and tables rebuilt from it. This is `nianbao extract --format text`. It
// returns ErrEmpty for an empty body and ErrUnsupported (naming the format)
// for legacy Office, image and other binary bodies.
func (x *Extractor) CleanTextContext(ctx context.Context, in Input) (string, error) {
	p, err := x.prepare(ctx, in)
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
