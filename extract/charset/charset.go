package charset

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

// Source names the rung of Decode that chose the encoding.
type Source string

// The rungs of Decode, in order.
const (
	Forced      Source = "forced"
	BOM         Source = "bom"
	ContentType Source = "content-type"
	Meta        Source = "meta"
	Detected    Source = "detected"
)

// Result is a page decoded to UTF-8.
type Result struct {
	Text     []byte // valid UTF-8, without a byte-order mark
	Encoding string // canonical name: utf-8, gb18030, big5, utf-16le, …
	Source   Source // the rung that chose Encoding
}

// Decode returns body as UTF-8, choosing the encoding as the package
// comment describes. forced and contentType may be empty.
func Decode(body []byte, contentType, forced string) Result {
	e, name, src := Choose(body, contentType, forced)
	return Result{Text: transcode(body, e), Encoding: name, Source: src}
}

// Choose returns the encoding Decode reads body with (nil for UTF-8),
// its canonical name and the rung that chose it.
func Choose(body []byte, contentType, forced string) (encoding.Encoding, string, Source) {
	if e, name, ok := believe(body, forced); ok {
		return e, name, Forced
	}
	if e, name := bomEncoding(body); name != "" {
		return e, name, BOM
	}
	if e, name, ok := believe(body, ContentTypeCharset(contentType)); ok {
		return e, name, ContentType
	}
	if e, name, ok := believe(body, MetaCharset(body)); ok {
		return e, name, Meta
	}
	if utf8.Valid(body) {
		return nil, "utf-8", Detected
	}
	e, name := guessCJK(body)
	return e, name, Detected
}

// believe resolves label and says whether body agrees with it: false for
// an empty or unknown label and for one the bytes contradict.
func believe(body []byte, label string) (encoding.Encoding, string, bool) {
	if label == "" {
		return nil, "", false
	}
	e, name := Lookup(label)
	switch {
	case name == "":
		return nil, "", false
	case name == "utf-8":
		return nil, name, utf8.Valid(body)
	case strings.HasPrefix(name, "utf-16"):
		return e, name, true
	case bytes.HasPrefix(body, utf8BOM):
		return nil, "", false // a legacy label on a UTF-8 BOM
	case utf8.Valid(body) && hasNonASCII(body):
		return nil, "", false // valid multi-byte UTF-8 is practically never GBK or Big5
	}
	return e, name, true
}

// Lookup resolves a charset label (WHATWG names and aliases, quotes and
// case ignored) to its decoder and canonical name. UTF-8 has no decoder
// (nil); GB2312 and GBK resolve to GB18030. The name is "" for a label
// nothing knows.
func Lookup(label string) (encoding.Encoding, string) {
	label = strings.ToLower(strings.Trim(strings.TrimSpace(label), `"'`))
	if label == "" {
		return nil, ""
	}
	e, err := htmlindex.Get(label)
	if err != nil {
		return nil, ""
	}
	switch e {
	case unicode.UTF8:
		return nil, "utf-8"
	case simplifiedchinese.GBK, simplifiedchinese.GB18030:
		return simplifiedchinese.GB18030, "gb18030"
	}
	name, err := htmlindex.Name(e)
	if err != nil {
		return nil, ""
	}
	return e, name
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// bomEncoding reads a byte-order mark; the name is "" without one.
func bomEncoding(body []byte) (encoding.Encoding, string) {
	switch {
	case bytes.HasPrefix(body, utf8BOM):
		return nil, "utf-8"
	case bytes.HasPrefix(body, []byte{0xFE, 0xFF}):
		return unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), "utf-16be"
	case bytes.HasPrefix(body, []byte{0xFF, 0xFE}):
		return unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), "utf-16le"
	}
	return nil, ""
}

// ContentTypeCharset returns the charset parameter of a Content-Type, or
// "". It is lenient, as portals' headers are: "text/html;charset=gbk;" and
// unquoted or oddly spaced parameters are read too.
func ContentTypeCharset(ct string) string {
	for _, part := range strings.Split(ct, ";") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if ok && strings.EqualFold(strings.TrimSpace(k), "charset") {
			return strings.Trim(strings.TrimSpace(v), `"'`)
		}
	}
	return ""
}

func hasNonASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return true
		}
	}
	return false
}

// transcode decodes body with e (nil: UTF-8) into valid UTF-8 without a
// leading byte-order mark. Bytes the decoder rejects become U+FFFD.
func transcode(body []byte, e encoding.Encoding) []byte {
	var out []byte
	if e == nil {
		out = bytes.TrimPrefix(body, utf8BOM)
	} else if d, err := e.NewDecoder().Bytes(body); err == nil {
		out = bytes.TrimPrefix(d, utf8BOM)
	} else {
		out = body
	}
	if !utf8.Valid(out) {
		return bytes.ToValidUTF8(out, []byte("\uFFFD"))
	}
	return out
}

// guessCJK decodes undeclared non-UTF-8 bytes both as GB18030 and Big5 and
// keeps the one with fewer replacement characters and more common Han
// characters. Ties go to GB18030: mainland pages are the common case.
func guessCJK(body []byte) (encoding.Encoding, string) {
	gb, _ := simplifiedchinese.GB18030.NewDecoder().Bytes(body)
	big, errBig := traditionalchinese.Big5.NewDecoder().Bytes(body)
	if errBig == nil && decodeScore(string(big)) > decodeScore(string(gb)) {
		return traditionalchinese.Big5, "big5"
	}
	return simplifiedchinese.GB18030, "gb18030"
}

// commonHan are characters frequent in official prose; a right decoding
// has many of them.
const commonHan = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质"

// decodeScore rewards characters of the CJK Unified Ideographs block,
// common ones most, and punishes replacement characters and private-use
// characters that a wrong decoding produces.
func decodeScore(s string) int {
	score := 0
	for _, r := range s {
		switch {
		case r == '\ufffd':
			score -= 10
		case strings.ContainsRune(commonHan, r):
			score += 2
		case r >= 0x4e00 && r <= 0x9fff:
			score++
		case r >= 0xe000 && r <= 0xf8ff:
			score -= 5
		}
	}
	return score
}
