package docfile

import (
	"archive/zip"
	"bytes"
	"testing"
)

func zipWith(t *testing.T, names ...string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte("<x/>"))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestDetect(t *testing.T) {
	for _, tc := range []struct {
		name string
		body []byte
		want Format
	}{
		{"pdf", []byte("%PDF-1.7\n%\xe2\xe3"), FormatPDF},
		{"pdf after junk", []byte("\x00\x01garbage%PDF-1.4\n"), FormatPDF},
		{"html error page under a .pdf URL", []byte("<html><body>404 %PDF-1.4 not found</body></html>"), FormatOther},
		{"text that mentions %PDF- later", []byte("本文 <b>x</b> %PDF-"), FormatOther},
		{"docx", zipWith(t, "[Content_Types].xml", "word/document.xml"), FormatDOCX},
		{"xlsx", zipWith(t, "[Content_Types].xml", "xl/workbook.xml"), FormatXLSX},
		{"ofd", zipWith(t, "OFD.xml", "Doc_0/Document.xml"), FormatOFD},
		{"other zip", zipWith(t, "a.txt"), FormatZip},
		{"broken zip", []byte("PK\x03\x04\x14\x00"), FormatZip},
		{"broken OLE", []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0}, FormatOLE},
		{"png", []byte("\x89PNG\r\n\x1a\n"), FormatImage},
		{"jpeg", []byte{0xFF, 0xD8, 0xFF, 0xE0}, FormatImage},
		{"html", []byte("<!doctype html><p>年报</p>"), FormatOther},
		{"empty", nil, FormatOther},
	} {
		if got := Detect(tc.body); got != tc.want {
			t.Errorf("Detect(%s) = %v, want %v", tc.name, got, tc.want)
		}
	}
}
