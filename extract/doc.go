// Package extract turns the raw bytes of a 政府信息公开工作年度报告 page (or
// text copied from one) into the report object described in
// shared/docs/report-schema.md: identity (agency, year, dates), the
// sections, the national-template tables as numbers, the template's own
// consistency checks (勾稽关系) and, for pre-2019 reports, loose facts.
//
// The path of a document:
//
//   - decode.go: bytes → UTF-8 through extract/charset (Input.Charset
//     forced, then BOM, Content-Type charset, <meta>, detection; GB2312/GBK
//     read as GB18030), and whether the document is markup.
//
//   - clean.go, body.go, walker.go, boilerplate.go, metadata.go: HTML →
//     blocks. Furniture (scripts, nav, footer, share bars, print/close
//     links, font switches, mirror junk such as 相关词条/热门词条/联系我们) is
//     dropped; the body is the element that holds most of the non-link text
//     and every template table; metadata lines (来源, 发布时间, 索引号 …) become fields. text.go and
//     textrows.go do the same for copied text, where tables are pipe rows,
//     one cell per line, or (from PDFs) a label followed by its numbers.
//
//   - grid.go: HTML tables → grids with rowspan/colspan expanded; tables that
//     wrap other tables (Word exports) are layout, their inner tables data.
//
//   - script.go: Traditional documents are converted with zhconv; Taiwan
//     vocabulary is reversed only in copies written with it (encyclopedia
//     mirrors), not in character-converted copies of mainland pages (Big5
//     gates), and never in table cells; Simplified documents are left alone.
//     mirrorvocab.go: in any Traditional copy of a mainland report the
//     phrases mirrors change (规范性档案, 网路, 最佳化, 资讯公开 …) are turned
//     back, table cells included; words mainland text also uses (档案馆) stay.
//
//   - sections.go, identity.go, titles.go, identity_body.go, metadata.go,
//     isreport.go, template.go, mirror.go: headings; the title (without a
//     crawler's 标题:/正文 or a markdown #, joined when broken over two
//     lines); agency and year from the title, else the signature block, the
//     opening paragraph and the statistics period, with provenance; the
//     published date from 发布时间/发布日期/日期/时间/成文日期/印发日期 fields
//     or <meta>; is_report; the template (from the tables, else from the
//     labels in the text); mirror warnings.
//
//   - tables.go and table_*.go, labels.go, number.go, assemble.go: cells
//     matched by label after NFKC and white-space removal; blank → null,
//     "—" "/" "无" → 0; a table that is absent, empty or an image is null
//     with table_status. Torn copies: table_requests_gaps.go places rows
//     whose label stands apart or is lost by template order (only when the
//     counts agree); table_reviews_parts.go reads table 四 drawn as three
//     group tables or as one row of 15 under a header left as text.
//     icons.go: an image with a side of 64 px or less is an icon, not a
//     table drawn as an image.
//
//   - checks.go: B1, B2, B3, C1, N1 and CarryOver (X1); crossyear.go:
//     InForce (X2, T2021 现行有效件数) and YearOnYear (X3, a total above 5×
//     or below 0.2× last year's is uncertain); textchecks.go: T1 (总体情况
//     numbers against the tables); textchecks_t2.go: T2 (the other
//     sections' numbers against the cells; for pre-2019 reports the
//     sentences against the statistics table); facts.go, facts_text.go:
//     pre-2019 numbers with their quotes and source, statistics tables
//     flattened into text included.
//
//   - cells.go: CellsOf lists every table cell with its path (as
//     Check.Cells names them) and template label; DiffCells compares two
//     such lists (the watch package's report_changed).
//
//   - documents.go: PDF, DOCX (and OOXML .wps), XLSX and OFD bodies,
//     told apart by content (docfile.Detect, never by URL or Content-Type),
//     are read by extract/pdf, extract/docx, extract/xlsx and extract/ofd
//     into text blocks and tables with spans expanded (docfile.Document),
//     which become the same blocks and grids as an HTML page's, so the same
//     table readers, checks and schema apply. A PDF without a text layer
//     (a scan) has table_status "image" and a warning. Legacy binary
//     .doc/.wps/.xls/.et, images and other archives are recognised and
//     reported as not read (ErrUnsupported from CleanText, a non-report
//     with the reason from Extract), as is a damaged document.
//
// It does not fetch, store or cache (the archive caches by Version), it
// imports no other nianbao package but its own sub-packages, and it does
// not OCR: a table drawn as an image is reported as such. The PDF reader
// compiles PDFium's WebAssembly module on the first PDF an Extractor sees
// (about 10 s and 300 MB at peak without wazero's on-disk cache, which New
// keeps in the user's cache directory when there is one); Close releases
// it.
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
