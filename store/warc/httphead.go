package warc

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/store"
)

// headers are the response headers the archive keeps for a version, in the
// order they are written. Empty values are left out.
type headers struct {
	Date, ContentType, ETag, LastModified, Location string
}

func headersOf(v store.Version) headers {
	return headers{Date: v.Date, ContentType: v.ContentType, ETag: v.ETag, LastModified: v.LastModified}
}

// httpHead is the HTTP/1.1 status line and header block of a response
// whose payload is size bytes, ending with the empty line. Content-Length
// is the stored body's length, left out when size is negative (a 304, a
// redirect whose body was not kept); Transfer-Encoding and
// Content-Encoding are never written, because the archive keeps bodies
// decoded.
func httpHead(status int, h headers, size int64) []byte {
	var b strings.Builder
	b.WriteString("HTTP/1.1 ")
	b.WriteString(strconv.Itoa(status))
	b.WriteByte(' ')
	b.WriteString(http.StatusText(status))
	b.WriteString("\r\n")
	for _, f := range [...]struct{ name, value string }{
		{"Date", h.Date}, {"Location", h.Location}, {"Content-Type", h.ContentType}, {"ETag", h.ETag},
		{"Last-Modified", h.LastModified},
	} {
		if v := fieldValue(f.value); v != "" {
			b.WriteString(f.name + ": " + v + "\r\n")
		}
	}
	if size >= 0 {
		b.WriteString("Content-Length: " + strconv.FormatInt(size, 10) + "\r\n")
	}
	b.WriteString("\r\n")
	return []byte(b.String())
}

// requestHead is the HTTP/1.1 request line and header block of v's
// request, ending with the empty line: the method, the URL's path and
// query, Host, and the body's Content-Type and Content-Length.
func requestHead(v store.Version) ([]byte, error) {
	u, err := url.Parse(v.URL)
	if err != nil {
		return nil, fmt.Errorf("request URL %q: %w", v.URL, err)
	}
	var b strings.Builder
	b.WriteString(fieldValue(v.RequestMethod()) + " " + u.RequestURI() + " HTTP/1.1\r\n")
	b.WriteString("Host: " + fieldValue(u.Host) + "\r\n")
	if ct := fieldValue(v.RequestContentType); ct != "" {
		b.WriteString("Content-Type: " + ct + "\r\n")
	}
	b.WriteString("Content-Length: " + strconv.Itoa(len(v.RequestBody)) + "\r\n\r\n")
	return []byte(b.String()), nil
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
