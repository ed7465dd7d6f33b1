package portalsim

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"fmt"
	"strings"
	"time"
)

// attachmentType is the Content-Type served for an attachment extension.
func attachmentType(ext string) string {
	switch ext {
	case "pdf":
		return "application/pdf"
	case "docx":
		return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	}
	return "application/vnd.ms-excel"
}

// attachmentBody returns the bytes of an attachment revision. PDF and DOCX
// files are well-formed (a one-page PDF; a minimal WordprocessingML
// package); the XLS file is an OLE2 header with the text after it, enough
// for type sniffing but not for a spreadsheet
// reader.
func attachmentBody(a *attachment, rev int) []byte {
	text := fmt.Sprintf("%s revision %d: annual report %d, item %d", a.owner.agency, rev, a.owner.year, a.owner.id)
	switch a.ext {
	case "pdf":
		return pdfBytes(text)
	case "docx":
		return docxBytes(a.owner.title, text, a.owner.published)
	}
	return xlsBytes(text)
}

func pdfBytes(text string) []byte {
	var b bytes.Buffer
	var offsets []int
	obj := func(body string) {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offsets), body)
	}
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>")
	ascii := strings.Map(func(r rune) rune {
		if r < 32 || r > 126 || r == '(' || r == ')' || r == '\\' {
			return '?'
		}
		return r
	}, text)
	stream := fmt.Sprintf("BT /F1 12 Tf 50 780 Td (%s) Tj ET", ascii)
	obj(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(stream), stream))
	obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, o := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, xref)
	return b.Bytes()
}

func docxBytes(title, text string, modified time.Time) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	files := []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
			`<Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
			`<w:p><w:r><w:t>` + esc(title) + `</w:t></w:r></w:p>` +
			`<w:p><w:r><w:t>` + esc(text) + `</w:t></w:r></w:p></w:body></w:document>`},
	}
	for _, f := range files {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: modified})
		if err != nil {
			panic(err) // writing to a bytes.Buffer cannot fail
		}
		w.Write([]byte(f.body))
	}
	if err := zw.Close(); err != nil {
		panic(err)
	}
	return b.Bytes()
}

func xlsBytes(text string) []byte {
	b := make([]byte, 512, 512+len(text))
	copy(b, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	binary.LittleEndian.PutUint16(b[24:], 0x003E) // minor version
	binary.LittleEndian.PutUint16(b[26:], 0x0003) // major version 3
	binary.LittleEndian.PutUint16(b[28:], 0xFFFE) // byte order
	binary.LittleEndian.PutUint16(b[30:], 9)      // sector shift: 512 bytes
	return append(b, text...)
}
