package extract

import (
	"bytes"
	"fmt"
	"mime"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// decoded is a document turned into UTF-8 with what was learnt on the way.
type decoded struct {
	text     string
	encoding string // canonical name of the source encoding
	html     bool   // markup rather than copied text
}

// decode turns raw bytes into UTF-8. The order is the one browsers use:
// byte order mark, the Content-Type charset, a <meta> prescan of the first
// 1024 bytes, then detection. GB2312 and GBK are read as GB18030, their
// superset, so characters outside GB2312 that pages use anyway survive.
// Undeclared bytes that are not UTF-8 are tried as GB18030 and Big5 and the
// reading with fewer replacement characters wins.
func decode(body []byte, contentType string) (decoded, error) {
	isHTML := looksHTML(body, contentType)
	enc, name := chooseEncoding(body, contentType, isHTML)
	var text string
	if enc == nil {
		text = string(body)
	} else {
		out, _, err := transform.Bytes(enc.NewDecoder(), body)
		if err != nil {
			return decoded{}, fmt.Errorf("extract: decode %s: %w", name, err)
		}
		text = string(out)
	}
	text = strings.TrimPrefix(text, "\ufeff")
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\ufffd")
	}
	return decoded{text: text, encoding: name, html: isHTML}, nil
}

// chooseEncoding returns the decoder for body (nil for UTF-8) and its name.
// A declared legacy charset loses to UTF-8 when the bytes are valid UTF-8
// with non-ASCII text: servers and templates keep stale gb2312 labels on
// pages that are UTF-8, and long GBK text is practically never valid UTF-8.
func chooseEncoding(body []byte, contentType string, isHTML bool) (encoding.Encoding, string) {
	if e, name := bomEncoding(body); name != "" {
		return e, name
	}
	if utf8.Valid(body) && hasNonASCII(body) {
		return nil, "utf-8"
	}
	if label := contentTypeCharset(contentType); label != "" {
		if e, name := lookupEncoding(label); name != "" {
			return e, name
		}
	}
	if isHTML {
		if e, name, certain := charset.DetermineEncoding(body, "text/html"); certain {
			return canonical(e, name)
		}
	}
	if utf8.Valid(body) {
		return nil, "utf-8"
	}
	return guessCJK(body)
}

func bomEncoding(body []byte) (encoding.Encoding, string) {
	switch {
	case bytes.HasPrefix(body, []byte{0xEF, 0xBB, 0xBF}):
		return nil, "utf-8"
	case bytes.HasPrefix(body, []byte{0xFE, 0xFF}):
		return unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), "utf-16be"
	case bytes.HasPrefix(body, []byte{0xFF, 0xFE}):
		return unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), "utf-16le"
	}
	return nil, ""
}

func contentTypeCharset(contentType string) string {
	if contentType == "" {
		return ""
	}
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return ""
	}
	return params["charset"]
}

// lookupEncoding resolves a charset label; the name is empty when unknown.
func lookupEncoding(label string) (encoding.Encoding, string) {
	e, name := charset.Lookup(label)
	if e == nil {
		return nil, ""
	}
	return canonical(e, name)
}

// canonical widens GB2312/GBK to GB18030 and maps UTF-8 to no decoder.
func canonical(e encoding.Encoding, name string) (encoding.Encoding, string) {
	switch strings.ToLower(name) {
	case "utf-8", "utf8":
		return nil, "utf-8"
	case "gbk", "gb2312", "gb18030", "x-gbk":
		return simplifiedchinese.GB18030, "gb18030"
	}
	return e, strings.ToLower(name)
}

// guessCJK decodes undeclared non-UTF-8 bytes both as GB18030 and Big5 and
// keeps the one with fewer replacement characters and more common Han
// characters. Ties go to GB18030: mainland pages are the common case.
func guessCJK(body []byte) (encoding.Encoding, string) {
	gb, _, _ := transform.Bytes(simplifiedchinese.GB18030.NewDecoder(), body)
	big, _, errBig := transform.Bytes(traditionalchinese.Big5.NewDecoder(), body)
	if errBig == nil && decodeScore(string(big)) > decodeScore(string(gb)) {
		return traditionalchinese.Big5, "big5"
	}
	return simplifiedchinese.GB18030, "gb18030"
}

// decodeScore rewards characters of the CJK Unified Ideographs block that
// are frequent in official prose and punishes replacement characters and
// rare-plane characters that a wrong decoding produces.
func decodeScore(s string) int {
	score := 0
	for _, r := range s {
		switch {
		case r == '\ufffd':
			score -= 10
		case strings.ContainsRune("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质", r):
			score += 2
		case r >= 0x4e00 && r <= 0x9fff:
			score++
		case r >= 0xe000 && r <= 0xf8ff:
			score -= 5
		}
	}
	return score
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

// minNonASCII is how many non-ASCII bytes make valid UTF-8 convincing.
const minNonASCII = 16

func hasNonASCII(body []byte) bool {
	n := 0
	for _, c := range body {
		if c >= 0x80 {
			if n++; n >= minNonASCII {
				return true
			}
		}
	}
	return false
}
