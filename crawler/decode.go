package crawler

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/saintfish/chardet"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// decodeHTML returns body as UTF-8 for parsing. The archive never sees the
// result: raw bytes stay raw. The order is: a forced charset from the
// portal's config, a byte-order mark, the Content-Type charset, a <meta>
// prescan, then detection. A label is only believed when the bytes agree
// with it: a GBK body labelled utf-8 is not valid UTF-8, and a body that is
// valid multi-byte UTF-8 is read as UTF-8 whatever a gbk label says (long
// GBK text is practically never valid UTF-8). GB2312 and GBK are read as
// GB18030, their superset.
func decodeHTML(body []byte, contentType, forced string) []byte {
	if len(body) == 0 {
		return body
	}
	if forced != "" {
		if e := lookupEncoding(forced); e != nil {
			return transcode(body, e)
		}
	}
	if bytes.HasPrefix(body, []byte{0xEF, 0xBB, 0xBF}) {
		return transcode(body[3:], unicode.UTF8)
	}
	if bytes.HasPrefix(body, []byte{0xFE, 0xFF}) || bytes.HasPrefix(body, []byte{0xFF, 0xFE}) {
		return transcode(body, unicode.UTF16(unicode.BigEndian, unicode.UseBOM))
	}
	validUTF8 := utf8.Valid(body)
	if validUTF8 && hasMultiByte(body) {
		return body
	}
	for _, label := range []string{contentTypeCharset(contentType), metaCharset(body)} {
		if label == "" {
			continue
		}
		e := lookupEncoding(label)
		if e == nil {
			continue
		}
		if isUTF8(e) {
			if validUTF8 {
				return body
			}
			continue // the label lies: not UTF-8 bytes
		}
		return transcode(body, e)
	}
	if validUTF8 {
		return body
	}
	return transcode(body, detectEncoding(body))
}

func hasMultiByte(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return true
		}
	}
	return false
}

func isUTF8(e encoding.Encoding) bool {
	return e == encoding.Nop || e == unicode.UTF8
}

// lookupEncoding maps a WHATWG label to an encoding, widening the GB family
// to GB18030. It returns nil for unknown labels.
func lookupEncoding(label string) encoding.Encoding {
	label = strings.ToLower(strings.Trim(strings.TrimSpace(label), `"'`))
	switch label {
	case "gb2312", "gbk", "x-gbk", "gb18030", "cp936", "windows-936", "csgb2312", "chinese", "gb_2312-80", "iso-ir-58":
		return simplifiedchinese.GB18030
	case "utf8", "utf-8":
		return unicode.UTF8
	}
	e, err := htmlindex.Get(label)
	if err != nil {
		return nil
	}
	if e == simplifiedchinese.GBK {
		return simplifiedchinese.GB18030
	}
	return e
}

func contentTypeCharset(ct string) string {
	for _, part := range strings.Split(ct, ";") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if ok && strings.EqualFold(strings.TrimSpace(k), "charset") {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// metaCharset runs the HTML5 prescan over the first 1024 bytes and returns
// the declared label, or "".
func metaCharset(body []byte) string {
	head := body[:min(len(body), 1024)]
	_, name, certain := charset.DetermineEncoding(head, "text/html")
	if !certain && name == "windows-1252" {
		return "" // the prescan's default, not a declaration
	}
	return name
}

// detectEncoding guesses the encoding of non-UTF-8 bytes. Government pages
// are overwhelmingly GB-family; Big5 is taken only when the detector prefers
// it clearly.
func detectEncoding(body []byte) encoding.Encoding {
	sample := body[:min(len(body), 64<<10)]
	if r, err := chardet.NewTextDetector().DetectBest(sample); err == nil && r.Confidence >= 60 {
		if strings.EqualFold(r.Charset, "Big5") {
			if e := lookupEncoding("big5"); e != nil {
				return e
			}
		}
	}
	return simplifiedchinese.GB18030
}

func transcode(body []byte, e encoding.Encoding) []byte {
	if isUTF8(e) && utf8.Valid(body) {
		return body
	}
	out, err := e.NewDecoder().Bytes(body)
	if err != nil || !utf8.Valid(out) {
		return bytes.ToValidUTF8(body, []byte("\uFFFD"))
	}
	return bytes.TrimPrefix(out, []byte("\uFEFF"))
}
