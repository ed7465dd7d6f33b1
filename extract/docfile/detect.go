package docfile

import (
	"archive/zip"
	"bytes"
	"strings"

	"github.com/richardlehane/mscfb"
)

// Format is a document format told by content.
type Format int

// Formats Detect tells apart.
const (
	FormatOther Format = iota // HTML, text or anything not listed: the extractor's text path
	FormatPDF
	FormatDOCX // OOXML word processing (.docx, and .wps files that are OOXML inside)
	FormatXLSX // OOXML spreadsheet (.xlsx, and .et files that are OOXML inside)
	FormatOFD  // GB/T 33190
	FormatZip  // another zip archive
	FormatDOC  // legacy Word / WPS Writer binary (OLE with a WordDocument stream)
	FormatXLS  // legacy Excel / WPS Spreadsheets binary (OLE with a Workbook or Book stream)
	FormatOLE  // another OLE compound file (.wps of WPS 2000–2003, .dps, .ppt …)
	FormatImage
)

var names = [...]string{"html/text", "PDF", "DOCX", "XLSX", "OFD", "zip archive",
	"legacy Word/WPS (.doc/.wps)", "legacy spreadsheet (.xls/.et)", "OLE compound document", "image"}

var keys = [...]string{"", "pdf", "docx", "xlsx", "ofd", "zip", "doc", "xls", "ole", "image"}

// Key is the format's short lowercase name ("pdf", "docx" …; "" for
// FormatOther), the report's format field.
func (f Format) Key() string {
	if int(f) < len(keys) {
		return keys[f]
	}
	return ""
}

func (f Format) String() string {
	if int(f) < len(names) {
		return names[f]
	}
	return "unknown"
}

// pdfHeaderWindow is how far into a body the %PDF- header may start
// (readers accept up to 1024 bytes of junk before it).
const pdfHeaderWindow = 1024

// Detect tells a body's format from its bytes.
func Detect(body []byte) Format {
	switch {
	case isPDF(body):
		return FormatPDF
	case bytes.HasPrefix(body, []byte("PK\x03\x04")):
		return zipFormat(body)
	case bytes.HasPrefix(body, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		return oleFormat(body)
	case bytes.HasPrefix(body, []byte{0x89, 'P', 'N', 'G'}), bytes.HasPrefix(body, []byte{0xFF, 0xD8, 0xFF}),
		bytes.HasPrefix(body, []byte("GIF8")), bytes.HasPrefix(body, []byte("II*\x00")), bytes.HasPrefix(body, []byte("MM\x00*")):
		return FormatImage
	}
	return FormatOther
}

// isPDF finds the %PDF- header at the start or after a little binary junk;
// a page with markup before it is not a PDF.
func isPDF(body []byte) bool {
	head := body[:min(len(body), pdfHeaderWindow)]
	i := bytes.Index(head, []byte("%PDF-"))
	return i == 0 || (i > 0 && !bytes.ContainsAny(head[:i], "<>"))
}

func zipFormat(body []byte) Format {
	zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		return FormatZip
	}
	for _, f := range zr.File {
		switch name := strings.ToLower(f.Name); {
		case name == "word/document.xml":
			return FormatDOCX
		case name == "xl/workbook.xml":
			return FormatXLSX
		case name == "ofd.xml":
			return FormatOFD
		}
	}
	return FormatZip
}

func oleFormat(body []byte) Format {
	r, err := mscfb.New(bytes.NewReader(body))
	if err != nil {
		return FormatOLE
	}
	for e, err := r.Next(); err == nil; e, err = r.Next() {
		switch e.Name {
		case "WordDocument":
			return FormatDOC
		case "Workbook", "Book":
			return FormatXLS
		}
	}
	return FormatOLE
}
