// Package extract turns the raw bytes of a 政府信息公开工作年度报告 page (or
// text copied from one) into the report object described in
// shared/docs/report-schema.md: identity (agency, year, dates), the
// sections, the national-template tables as numbers, the template's own
// consistency checks (勾稽关系) and, for pre-2019 reports, loose facts.
//
// # Basics
//
// New loads the conversion dictionaries once; the Extractor is read-only
// afterwards and safe for concurrent use. Extract(Input) returns the
// Report; CleanText(Input) the cleaned text alone. Input carries the raw
// bytes, the Content-Type, the URL and the config's agency, region and
// forced charset (decoding is extract/charset's). Version tags the output:
// bump it whenever the same input would extract differently, since the
// archive caches extractions under it. The template tables' layout — rows,
// fields, columns and the forms' wording — is exported (ActiveBlocks,
// RequestRows, RequestColumns, ReviewGroups, ReviewFields) for whatever
// draws or names cells; CellsOf and TableCells list a report's cells,
// CellNumber and FormatCell read and write one value, CarryOver, InForce
// and YearOnYear check a report against last year's.
//
// Documents: PDF, DOCX (and OOXML .wps), XLSX and OFD bodies, told apart
// by content (docfile.Detect, never by URL or Content-Type), are read by
// extract/pdf, extract/docx, extract/xlsx and extract/ofd into text blocks
// and tables with spans expanded (docfile.Document), which become the same
// blocks and grids as an HTML page's, so the same table readers, checks
// and schema apply; Report.Format and Pages say what was read. A PDF
// without a text layer (a scan) has table_status "image" and a warning.
// Legacy binary .doc/.wps/.xls/.et, images and other archives are
// recognised and reported as not read (ErrUnsupported from CleanText, a
// non-report with the reason from Extract — Report.Unread), as is a
// damaged document. The PDF reader compiles PDFium's WebAssembly module on
// the first PDF an Extractor sees (about 10 s and 300 MB at peak without
// wazero's on-disk cache: Options.CompileCacheDir, by default in the
// user's cache directory); Close releases it.
//
// It does not fetch, store or cache (the archive caches by Version), it
// imports only its own subpackages (charset, zhconv and the document
// readers), and it does not OCR: a table drawn as an image is reported as
// such. Which file does what along the path of a document is in
// docs/architecture.md.
//
// Caveats: labels are matched by keywords, so a provincial variant that
// renames a row beyond them leaves that row null with a warning; copied
// text with one cell per line cannot show blank cells, so a row with a
// missing value is null rather than shifted; an agency read from a title is
// the name as the title writes it (often without 人民政府), and the config's
// name wins when it contains the title's. Glued digits of a flattened
// statistics table (本年度 ‖ 累计 run together) are split only when one
// split fits or a sentence of the report backs one; otherwise that row is
// not a fact. Copied text is grouped into rows before a Traditional
// document is converted, so the words that decide grouping are listed in
// both scripts.
package extract
