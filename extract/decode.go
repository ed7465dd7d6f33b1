package extract

import (
	"bytes"
	"strings"

	"github.com/nianbao/nianbao/extract/charset"
)

// decoded is a document turned into UTF-8 with what was learnt on the way.
type decoded struct {
	text     string
	encoding string // canonical name of the source encoding
	html     bool   // markup rather than copied text
}

// decode turns raw bytes into UTF-8 with extract/charset, the decoder the
// crawler uses too: forced (the portal's charset), byte-order mark,
// Content-Type, <meta>, detection, each declaration believed only when
// the bytes agree with it.
func decode(body []byte, contentType, forced string) decoded {
	r := charset.Decode(body, contentType, forced)
	return decoded{text: string(r.Text), encoding: r.Encoding, html: looksHTML(body, contentType)}
}

// looksHTML decides whether a document is markup: by Content-Type when it
// says, otherwise by a tag near the start.
func looksHTML(body []byte, contentType string) bool {
	ct := strings.ToLower(contentType)
	switch {
	case strings.Contains(ct, "html"), strings.Contains(ct, "xml"):
		return true
	case strings.HasPrefix(ct, "text/plain"):
		return false
	}
	head := body
	if len(head) > 2048 {
		head = head[:2048]
	}
	head = bytes.ToLower(head)
	for _, tag := range []string{"<html", "<!doctype", "<body", "<table", "<div", "<p>", "<p ", "<meta", "<head", "<br"} {
		if bytes.Contains(head, []byte(tag)) {
			return true
		}
	}
	return false
}

// binaryMagic are the leading bytes of attachment formats the extractor
// does not read: PDF, ZIP (docx, xlsx), OLE (doc, xls), PNG, JPEG, GIF.
var binaryMagic = [][]byte{
	[]byte("%PDF"), []byte("PK\x03\x04"), {0xD0, 0xCF, 0x11, 0xE0}, {0x89, 'P', 'N', 'G'}, {0xFF, 0xD8, 0xFF}, []byte("GIF8"),
}

// isBinary reports a document in one of the binaryMagic formats.
func isBinary(body []byte) bool {
	for _, m := range binaryMagic {
		if bytes.HasPrefix(body, m) {
			return true
		}
	}
	return false
}
