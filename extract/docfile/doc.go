// Package docfile is what the document readers (extract/pdf, extract/docx,
// extract/ofd, extract/xlsx) hand to the extractor: a document as blocks in
// reading order — lines of text and tables whose spanned cells share an id,
// the same shape as an HTML table with rowspan and colspan expanded — and
// the detection of a body's format by its leading bytes.
//
// Detect looks at content only, never at a URL suffix or a Content-Type:
// a PDF served as application/octet-stream is a PDF, and an HTML error page
// served under a .pdf URL is HTML. Zip containers are told apart by their
// entries (word/document.xml, xl/workbook.xml, OFD.xml); OLE compound files
// (legacy .doc, .wps, .xls, .et) by their stream names, read with
// github.com/richardlehane/mscfb.
//
// Caveats: a zip that is none of the three is FormatZip and not read; an
// OLE file whose streams are unknown is FormatOLE.
package docfile
