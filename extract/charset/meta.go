package charset

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
)

// prescanBytes is how much of a page the <meta> rung reads, as browsers
// do.
const prescanBytes = 1024

// MetaCharset returns the charset a page declares in a <meta> element
// within its first 1024 bytes — <meta charset=X>, or <meta
// http-equiv="Content-Type" content="…; charset=X"> — or "" when none
// does. It tokenises those bytes (golang.org/x/net/html), so a <meta> in a
// comment, a script or an attribute value does not count. A declaration
// of UTF-16 means UTF-8, as in browsers: a page that could be read as
// ASCII to find it is not UTF-16.
func MetaCharset(body []byte) string {
	z := html.NewTokenizer(bytes.NewReader(body[:min(len(body), prescanBytes)]))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if string(name) != "meta" || !hasAttr {
				continue
			}
			if cs := metaElementCharset(z); cs != "" {
				if strings.HasPrefix(strings.ToLower(cs), "utf-16") {
					return "utf-8"
				}
				return cs
			}
		}
	}
}

// metaElementCharset reads the attributes of the <meta> the tokenizer is
// at: its charset attribute, or the charset in content when http-equiv
// is Content-Type.
func metaElementCharset(z *html.Tokenizer) string {
	var charset, content string
	httpEquiv := false
	for {
		k, v, more := z.TagAttr()
		switch string(k) {
		case "charset":
			if charset == "" {
				charset = strings.TrimSpace(string(v))
			}
		case "http-equiv":
			httpEquiv = strings.EqualFold(strings.TrimSpace(string(v)), "content-type")
		case "content":
			content = string(v)
		}
		if !more {
			break
		}
	}
	if charset != "" {
		return charset
	}
	if httpEquiv {
		return contentCharset(content)
	}
	return ""
}

// contentCharset extracts the charset from a <meta content> value the
// way HTML does: after the first "charset", optional spaces, "=", then a
// quoted or bare value.
func contentCharset(s string) string {
	lower := strings.ToLower(s)
	for {
		i := strings.Index(lower, "charset")
		if i < 0 {
			return ""
		}
		rest := strings.TrimLeft(s[i+len("charset"):], " \t\n\f\r")
		lower = lower[i+len("charset"):]
		if !strings.HasPrefix(rest, "=") {
			continue
		}
		rest = strings.TrimLeft(rest[1:], " \t\n\f\r")
		if rest == "" {
			return ""
		}
		if q := rest[0]; q == '"' || q == '\'' {
			if end := strings.IndexByte(rest[1:], q); end >= 0 {
				return rest[1 : 1+end]
			}
			return ""
		}
		end := strings.IndexAny(rest, " \t\n\f\r;")
		if end < 0 {
			return rest
		}
		return rest[:end]
	}
}
