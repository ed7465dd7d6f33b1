package warc

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/store"
)

// headers are the response headers the archive keeps for a version, in the
// order they are written. Empty values are left out.
type headers struct {
	Date, ContentType, ETag, LastModified string
}

func headersOf(v store.Version) headers {
	return headers{Date: v.Date, ContentType: v.ContentType, ETag: v.ETag, LastModified: v.LastModified}
}

// updatedBy applies the headers of a 304 to a stored response's, as an HTTP
// cache does (RFC 9111 §4.3.4): each header the 304 carries replaces the
// stored one.
func (h headers) updatedBy(n headers) headers {
	if n.Date != "" {
		h.Date = n.Date
	}
	if n.ContentType != "" {
		h.ContentType = n.ContentType
	}
	if n.ETag != "" {
		h.ETag = n.ETag
	}
	if n.LastModified != "" {
		h.LastModified = n.LastModified
	}
	return h
}

// httpHead is the HTTP/1.1 status line and header block of a response
// whose payload is size bytes, ending with the empty line. Content-Length
// is the stored body's length; Transfer-Encoding and Content-Encoding are
// never written, because the archive keeps bodies decoded.
func httpHead(status int, h headers, size int64) []byte {
	var b strings.Builder
	b.WriteString("HTTP/1.1 ")
	b.WriteString(strconv.Itoa(status))
	b.WriteByte(' ')
	b.WriteString(http.StatusText(status))
	b.WriteString("\r\n")
	for _, f := range [...]struct{ name, value string }{
		{"Date", h.Date}, {"Content-Type", h.ContentType}, {"ETag", h.ETag}, {"Last-Modified", h.LastModified},
	} {
		if v := fieldValue(f.value); v != "" {
			b.WriteString(f.name + ": " + v + "\r\n")
		}
	}
	b.WriteString("Content-Length: " + strconv.FormatInt(size, 10) + "\r\n\r\n")
	return []byte(b.String())
}

// fieldValue makes s safe as one header line's value: control characters
// (CR and LF above all) become spaces, and the ends are trimmed.
func fieldValue(s string) string {
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s))
}

// fields is the block of an application/warc-fields record: "name: value"
// lines in the order added, names written as given.
type fields []string

func (f *fields) add(name, value string) { *f = append(*f, name+": "+fieldValue(value)+"\r\n") }

func (f fields) bytes() []byte { return []byte(strings.Join(f, "")) }
