package warctest

import (
	"bufio"
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"

	gowarc "github.com/nlnwa/gowarc/v3"
)

// Record is one record read back, with its block split up.
type Record struct {
	Type   gowarc.RecordType
	ID     string
	Header *gowarc.WarcFields
	// Status is the HTTP status of response and revisit records; HTTP
	// their Content-Type, ETag, Last-Modified, Date, Content-Length and
	// Location headers, in that order.
	Status int
	HTTP   []string
	// Payload is a response's payload, or a request's body.
	Payload []byte
	// Request is a request record's "METHOD URI Host Content-Type".
	Request string
	// Fields are the fields of a metadata (application/warc-fields) block.
	Fields *gowarc.WarcFields
	// RawBlock is the whole block as written.
	RawBlock []byte
}

// Read parses data strictly and returns its records, failing tb on an
// error or a validation finding.
func Read(tb testing.TB, data []byte) []Record {
	tb.Helper()
	r, err := gowarc.NewWarcFileReaderFromStream(bytes.NewReader(data), 0, gowarc.WithStrictValidation())
	if err != nil {
		tb.Fatal(err)
	}
	defer r.Close()
	var out []Record
	for rec, err := range r.Records() {
		if err != nil {
			tb.Fatalf("WARC record %d: %v", len(out), err)
		}
		if len(rec.Validation) > 0 {
			tb.Errorf("WARC record %d: validation findings %v", len(out), rec.Validation)
		}
		out = append(out, split(tb, len(out), rec.WarcRecord))
		rec.Close()
	}
	return out
}

// split reads record i's block.
func split(tb testing.TB, i int, wr gowarc.WarcRecord) Record {
	tb.Helper()
	got := Record{Type: wr.Type(), ID: wr.RecordId(), Header: wr.WarcHeader()}
	raw, err := wr.Block().RawBytes()
	if err != nil {
		tb.Fatalf("WARC record %d block: %v", i, err)
	}
	if got.RawBlock, err = io.ReadAll(raw); err != nil {
		tb.Fatal(err)
	}
	switch b := wr.Block().(type) {
	case gowarc.HttpResponseBlock:
		p, err := b.PayloadBytes()
		if err != nil {
			tb.Fatal(err)
		}
		if got.Payload, err = io.ReadAll(p); err != nil {
			tb.Fatal(err)
		}
	case gowarc.WarcFieldsBlock:
		got.Fields = b.WarcFields()
	}
	switch got.Type {
	case gowarc.Response, gowarc.Revisit:
		resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(got.RawBlock)), nil)
		if err != nil {
			tb.Fatalf("WARC record %d: HTTP block: %v", i, err)
		}
		got.Status = resp.StatusCode
		h := resp.Header
		got.HTTP = []string{h.Get("Content-Type"), h.Get("ETag"), h.Get("Last-Modified"), h.Get("Date"), h.Get("Content-Length"), h.Get("Location")}
	case gowarc.Request:
		req, err := http.ReadRequest(bufio.NewReader(bytes.NewReader(got.RawBlock)))
		if err != nil {
			tb.Fatalf("WARC record %d: HTTP request block: %v", i, err)
		}
		got.Request = strings.Join([]string{req.Method, req.RequestURI, req.Host, req.Header.Get("Content-Type")}, " ")
		if got.Payload, err = io.ReadAll(req.Body); err != nil {
			tb.Fatal(err)
		}
	}
	return got
}

// Captures lists the records after the warcinfo record as "TYPE URI DATE
// PAYLOAD-DIGEST", one string each.
func Captures(recs []Record) []string {
	var out []string
	for _, r := range recs {
		if r.Type == gowarc.Warcinfo {
			continue
		}
		h := r.Header
		out = append(out, strings.Join([]string{r.Type.String(), h.Get(gowarc.WarcTargetURI), h.Get(gowarc.WarcDate), h.Get(gowarc.WarcPayloadDigest)}, " "))
	}
	return out
}
