package warc_test

import (
	"bytes"
	"context"
	"errors"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	gowarc "github.com/nlnwa/gowarc/v3"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/nianbao/nianbao/store"
	"github.com/nianbao/nianbao/store/warc"
	"github.com/nianbao/nianbao/store/warc/warctest"
)

const (
	reportURL = "http://www.example.gov.cn/zfxxgk/nb/t20240115_1.html"
	copyURL   = "http://www.example.gov.cn/zwgk/t20240115_1.html"
	pdfURL    = "http://www.example.gov.cn/down.jsp?id=7"
	pdfFinal  = "https://files.example.gov.cn/2024/report.pdf"
	brokenURL = "http://www.example.gov.cn/broken.html"
	// A report reached through a redirect, as TRS portals link them.
	jspURL    = "http://www.example.gov.cn/content.jsp?id=7"
	staticURL = "http://www.example.gov.cn/art/2024/t20240115_7.html"
	// A Hanweb list API: every page is a POST to one URL, the page in the form.
	listURL  = "http://www.example.gov.cn/module/web/jpage/dataproxy.jsp?perpage=15"
	formType = "application/x-www-form-urlencoded"
)

// want is one record expected in the export, in order.
type want struct {
	typ     gowarc.RecordType
	target  string
	date    time.Time
	status  int      // HTTP status in the block (response, revisit)
	http    []string // Content-Type, ETag, Last-Modified, Date, Content-Length[, Location]
	payload []byte   // response payload
	refers  int      // revisits: index of the referenced response in the wants
	request string   // requests: "METHOD URI Host Content-Type"
	// truncated: a response whose payload the archive left out (WARC-Truncated: length)
	truncated bool
	fields    map[string]string
}

// fixture records one archive with every outcome and returns the records
// its export must hold.
func fixture(t *testing.T, s *store.Store) []want {
	t.Helper()
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte("<html><head><meta charset=\"gbk\"><title>2023年政府信息公开工作年度报告</title></head><body>主动公开 2294 条</body></html>"))
	if err != nil {
		t.Fatal(err)
	}
	edited := bytes.Replace(gbk, []byte("2294"), []byte("2295"), 1)
	pdf := append([]byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n\x00\x00\x01\x02\xff\xfe\r\n\r\nstream\x00"), bytes.Repeat([]byte{0, 0xff, '\n', '\r'}, 64)...)
	at := func(h int) time.Time { return t0.Add(time.Duration(h) * time.Hour) }
	html := http.Header{
		"Content-Type":     {"text/html; charset=GBK"},
		"Etag":             {`"a1"`},
		"Last-Modified":    {"Mon, 15 Jan 2024 08:00:00 GMT"},
		"Date":             {"Tue, 04 Mar 2025 05:06:07 GMT"},
		"Content-Encoding": {"gzip"}, // the crawler decoded it; the export must not claim it
		"Content-Length":   {"999"},
	}
	notModified := http.Header{"Etag": {`"a1"`}, "Date": {"Wed, 05 Mar 2025 05:06:07 GMT"}}
	pdfHdr := http.Header{"Content-Type": {"application/pdf"}}

	r1 := MustRecord(t, s, store.Fetch{URL: reportURL, FetchedAt: at(0), Status: 200, Header: html, Body: gbk}, store.OutcomeNew)
	r2 := MustRecord(t, s, store.Fetch{URL: reportURL, FetchedAt: at(1), Status: 200, Header: html, Body: gbk}, store.OutcomeUnchanged)
	r3 := MustRecord(t, s, store.Fetch{URL: reportURL, FetchedAt: at(2), Status: 304, Header: notModified}, store.OutcomeNotModified)
	c1 := MustRecord(t, s, store.Fetch{URL: copyURL, FetchedAt: at(3), Status: 200, Header: html, Body: gbk}, store.OutcomeNew)
	p1 := MustRecord(t, s, store.Fetch{URL: pdfURL, FinalURL: pdfFinal, FetchedAt: at(4), Status: 200, Header: pdfHdr, Body: pdf}, store.OutcomeNew)
	g := MustRecord(t, s, store.Fetch{URL: reportURL, FetchedAt: at(5), Status: 410}, store.OutcomeGone)
	f := MustRecord(t, s, store.Fetch{URL: brokenURL, FetchedAt: at(6), Reason: "timeout"}, store.OutcomeFailed)
	r4 := MustRecord(t, s, store.Fetch{URL: reportURL, FetchedAt: at(7), Status: 200, Header: html, Body: edited}, store.OutcomeNew)
	p2 := MustRecord(t, s, store.Fetch{URL: pdfURL, FinalURL: pdfFinal, FetchedAt: at(8), Status: 200, Header: pdfHdr, Body: pdf}, store.OutcomeUnchanged)
	moved := []byte("<html><body><a href=\"/art/2024/t20240115_7.html\">Moved Permanently</a></body></html>")
	hop := store.Redirect{URL: jspURL, Status: 301, Location: "/art/2024/t20240115_7.html",
		Date: "Thu, 06 Mar 2025 05:06:07 GMT", ContentType: "text/html; charset=utf-8", Body: moved}
	j1 := MustRecord(t, s, store.Fetch{URL: jspURL, FinalURL: staticURL, FetchedAt: at(9), Status: 200, Header: html, Body: edited,
		Redirects: []store.Redirect{hop}}, store.OutcomeNew)
	long := store.Redirect{URL: jspURL, Status: 302, Location: staticURL, BodyDropped: true}
	j2 := MustRecord(t, s, store.Fetch{URL: jspURL, FinalURL: staticURL, FetchedAt: at(10), Status: 200, Header: html, Body: edited,
		Redirects: []store.Redirect{long}}, store.OutcomeUnchanged)
	xml := http.Header{"Content-Type": {"text/xml; charset=utf-8"}}
	page1, page2 := []byte("col=1&columnid=5&unitid=7&page=1"), []byte("col=1&columnid=5&unitid=7&page=2")
	list1, list2 := []byte("<datastore><record>报告 1</record></datastore>"), []byte("<datastore><record>报告 2</record></datastore>")
	post := func(h int, form, body []byte, o store.Outcome) store.Version {
		return MustRecord(t, s, store.Fetch{URL: listURL, FetchedAt: at(h), Status: 200, Header: xml, Body: body,
			Method: http.MethodPost, RequestBody: form, RequestContentType: formType}, o)
	}
	q1 := post(11, page1, list1, store.OutcomeNew)
	q2 := post(12, page2, list2, store.OutcomeNew)
	q3 := post(13, page1, list1, store.OutcomeUnchanged) // refers to q1, not to q2 of the same URL

	htmlHTTP := func(size int) []string {
		return []string{"text/html; charset=GBK", `"a1"`, "Mon, 15 Jan 2024 08:00:00 GMT", "Tue, 04 Mar 2025 05:06:07 GMT", strconv.Itoa(size)}
	}
	pdfHTTP := []string{"application/pdf", "", "", "", strconv.Itoa(len(pdf))}
	xmlHTTP := func(size int) []string { return []string{"text/xml; charset=utf-8", "", "", "", strconv.Itoa(size)} }
	const postLine = "POST /module/web/jpage/dataproxy.jsp?perpage=15 www.example.gov.cn " + formType
	return []want{
		{typ: gowarc.Warcinfo, date: t0.Add(1000 * time.Hour), fields: map[string]string{"software": "nianbao/test", "format": "WARC File Format 1.1", "archive": s.Path()}},
		{typ: gowarc.Response, target: reportURL, date: r1.FetchedAt, status: 200, http: htmlHTTP(len(gbk)), payload: gbk},
		{typ: gowarc.Revisit, target: reportURL, date: r2.FetchedAt, status: 200, http: htmlHTTP(len(gbk)), refers: 1},
		// The 304 keeps its own status and headers; no Content-Length, it had no body.
		{typ: gowarc.Revisit, target: reportURL, date: r3.FetchedAt, status: 304,
			http: []string{"", `"a1"`, "", "Wed, 05 Mar 2025 05:06:07 GMT", ""}, refers: 1},
		{typ: gowarc.Response, target: copyURL, date: c1.FetchedAt, status: 200, http: htmlHTTP(len(gbk)), payload: gbk},
		{typ: gowarc.Response, target: pdfFinal, date: p1.FetchedAt, status: 200, http: pdfHTTP, payload: pdf},
		{typ: gowarc.Metadata, target: pdfURL, date: p1.FetchedAt, fields: map[string]string{"outcome": "new", "redirected-to": pdfFinal, "archive-version": p1.ID}},
		{typ: gowarc.Metadata, target: reportURL, date: g.FetchedAt, fields: map[string]string{"outcome": "gone", "http-status": "410", "archive-version": g.ID}},
		{typ: gowarc.Metadata, target: brokenURL, date: f.FetchedAt, fields: map[string]string{"outcome": "failed", "reason": "timeout", "http-status": "", "archive-version": f.ID}},
		{typ: gowarc.Response, target: reportURL, date: r4.FetchedAt, status: 200, http: htmlHTTP(len(edited)), payload: edited},
		{typ: gowarc.Revisit, target: pdfFinal, date: p2.FetchedAt, status: 200, http: pdfHTTP, refers: 5},
		{typ: gowarc.Metadata, target: pdfURL, date: p2.FetchedAt, fields: map[string]string{"outcome": "unchanged", "redirected-to": pdfFinal}},
		// The redirect hop, then the report it led to; no metadata: the hop says it.
		{typ: gowarc.Response, target: jspURL, date: j1.FetchedAt, status: 301, payload: moved,
			http: []string{"text/html; charset=utf-8", "", "", "Thu, 06 Mar 2025 05:06:07 GMT", strconv.Itoa(len(moved)), "/art/2024/t20240115_7.html"}},
		{typ: gowarc.Response, target: staticURL, date: j1.FetchedAt, status: 200, http: htmlHTTP(len(edited)), payload: edited},
		// A hop whose long body was left out: no Content-Length, WARC-Truncated.
		{typ: gowarc.Response, target: jspURL, date: j2.FetchedAt, status: 302, truncated: true,
			http: []string{"", "", "", "", "", staticURL}},
		{typ: gowarc.Revisit, target: staticURL, date: j2.FetchedAt, status: 200, http: htmlHTTP(len(edited)), refers: 13},
		// Each POST capture, then its request (method, body), so replay tools key it by the form.
		{typ: gowarc.Response, target: listURL, date: q1.FetchedAt, status: 200, http: xmlHTTP(len(list1)), payload: list1},
		{typ: gowarc.Request, target: listURL, date: q1.FetchedAt, request: postLine, payload: page1},
		{typ: gowarc.Response, target: listURL, date: q2.FetchedAt, status: 200, http: xmlHTTP(len(list2)), payload: list2},
		{typ: gowarc.Request, target: listURL, date: q2.FetchedAt, request: postLine, payload: page2},
		{typ: gowarc.Revisit, target: listURL, date: q3.FetchedAt, status: 200, http: xmlHTTP(len(list1)), refers: 16},
		{typ: gowarc.Request, target: listURL, date: q3.FetchedAt, request: postLine, payload: page1},
	}
}

// exportFixture exports the fixture archive under fixedOptions.
func exportFixture(t *testing.T) (wants []want, data []byte, sum warc.Summary) {
	t.Helper()
	s := MustOpen(t)
	wants = fixture(t, s)
	data, sum = MustExport(t, s, fixedOptions())
	return wants, data, sum
}

func TestExportRecords(t *testing.T) {
	wants, data, sum := exportFixture(t)
	got := warctest.Read(t, data)
	if len(got) != len(wants) {
		for i, r := range got {
			t.Logf("record %d: %s %s", i, r.Type, r.Header.Get(gowarc.WarcTargetURI))
		}
		t.Fatalf("%d records, want %d", len(got), len(wants))
	}
	wantSum := warc.Summary{Warcinfo: 1, Responses: 9, Revisits: 5, Metadata: 4, Requests: 3, Bytes: int64(len(data))}
	for _, w := range wants {
		if w.typ == gowarc.Response {
			wantSum.PayloadBytes += int64(len(w.payload))
		}
	}
	if sum != wantSum {
		t.Errorf("Summary = %+v, want %+v", sum, wantSum)
	}
	for i, w := range wants {
		r := got[i]
		h := r.Header
		if r.Type != w.typ {
			t.Errorf("record %d: type %s, want %s", i, r.Type, w.typ)
			continue
		}
		if u := h.Get(gowarc.WarcTargetURI); u != w.target {
			t.Errorf("record %d (%s): WARC-Target-URI %q, want %q", i, w.typ, u, w.target)
		}
		if d := h.Get(gowarc.WarcDate); d != w.date.UTC().Format(time.RFC3339) {
			t.Errorf("record %d (%s): WARC-Date %q, want %s", i, w.typ, d, w.date.UTC().Format(time.RFC3339))
		}
		if !strings.HasPrefix(r.ID, "urn:uuid:") {
			t.Errorf("record %d: WARC-Record-ID %q, want urn:uuid", i, r.ID)
		}
		if w.typ != gowarc.Warcinfo && h.GetId(gowarc.WarcWarcinfoID) != got[0].ID {
			t.Errorf("record %d: WARC-Warcinfo-ID %q, want %q", i, h.GetId(gowarc.WarcWarcinfoID), got[0].ID)
		}
		if bd, want := h.Get(gowarc.WarcBlockDigest), "sha256:"+sha256Hex(r.RawBlock); bd != want {
			t.Errorf("record %d: WARC-Block-Digest %s, want %s", i, bd, want)
		}
		switch w.typ {
		case gowarc.Response:
			checkCapture(t, i, r, w)
			if !bytes.Equal(r.Payload, w.payload) {
				t.Errorf("record %d: payload differs from the recorded body (%d bytes, want %d)", i, len(r.Payload), len(w.payload))
			}
			if pd, want := h.Get(gowarc.WarcPayloadDigest), "sha256:"+sha256Hex(w.payload); pd != want {
				t.Errorf("record %d: WARC-Payload-Digest %s, want %s", i, pd, want)
			}
			if tr, want := h.Get(gowarc.WarcTruncated), map[bool]string{true: "length"}[w.truncated]; tr != want {
				t.Errorf("record %d: WARC-Truncated %q, want %q", i, tr, want)
			}
		case gowarc.Revisit:
			checkCapture(t, i, r, w)
			ref := got[w.refers]
			for _, c := range []struct{ field, got, want string }{
				{"WARC-Profile", h.Get(gowarc.WarcProfile), "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"},
				{"WARC-Refers-To", h.GetId(gowarc.WarcRefersTo), ref.ID},
				{"WARC-Refers-To-Target-URI", h.Get(gowarc.WarcRefersToTargetURI), ref.Header.Get(gowarc.WarcTargetURI)},
				{"WARC-Refers-To-Date", h.Get(gowarc.WarcRefersToDate), ref.Header.Get(gowarc.WarcDate)},
				{"WARC-Payload-Digest", h.Get(gowarc.WarcPayloadDigest), ref.Header.Get(gowarc.WarcPayloadDigest)},
			} {
				if c.got != c.want {
					t.Errorf("record %d (revisit): %s %q, want %q", i, c.field, c.got, c.want)
				}
			}
			if !bytes.HasSuffix(r.RawBlock, []byte("\r\n\r\n")) || bytes.Count(r.RawBlock, []byte("\r\n\r\n")) != 1 {
				t.Errorf("record %d (revisit): block is not HTTP headers only: %q", i, r.RawBlock)
			}
		case gowarc.Request:
			prev := got[i-1]
			if ct := h.Get(gowarc.ContentType); ct != "application/http;msgtype=request" {
				t.Errorf("record %d: Content-Type %q", i, ct)
			}
			if r.Request != w.request || !bytes.Equal(r.Payload, w.payload) {
				t.Errorf("record %d: request %q with body %q, want %q with %q", i, r.Request, r.Payload, w.request, w.payload)
			}
			if c := h.GetId(gowarc.WarcConcurrentTo); c != prev.ID {
				t.Errorf("record %d: WARC-Concurrent-To %q, want the capture before it, %q", i, c, prev.ID)
			}
		case gowarc.Metadata, gowarc.Warcinfo:
			if ct := h.Get(gowarc.ContentType); ct != gowarc.ApplicationWarcFields {
				t.Errorf("record %d: Content-Type %q, want %s", i, ct, gowarc.ApplicationWarcFields)
			}
			for k, v := range w.fields {
				if got := r.Fields.Get(k); got != v {
					t.Errorf("record %d (%s): field %s = %q, want %q", i, w.typ, k, got, v)
				}
			}
		}
	}
	// Metadata about a redirect names the capture it describes.
	if h := got[6].Header; h.GetId(gowarc.WarcRefersTo) != got[5].ID {
		t.Errorf("redirect metadata WARC-Refers-To %q, want the PDF response %q", h.GetId(gowarc.WarcRefersTo), got[5].ID)
	}
}

// checkCapture checks the HTTP block of a response or revisit record.
func checkCapture(t *testing.T, i int, r warctest.Record, w want) {
	t.Helper()
	if ct := r.Header.Get(gowarc.ContentType); ct != "application/http;msgtype=response" {
		t.Errorf("record %d: Content-Type %q", i, ct)
	}
	if r.Status != w.status {
		t.Errorf("record %d: HTTP status %d, want %d", i, r.Status, w.status)
	}
	for j, name := range []string{"Content-Type", "ETag", "Last-Modified", "Date", "Content-Length", "Location"} {
		want := ""
		if j < len(w.http) {
			want = w.http[j]
		}
		if r.HTTP[j] != want {
			t.Errorf("record %d: HTTP %s %q, want %q", i, name, r.HTTP[j], want)
		}
	}
	head := string(r.RawBlock[:bytes.Index(r.RawBlock, []byte("\r\n\r\n"))])
	if !strings.HasPrefix(head, "HTTP/1.1 ") {
		t.Errorf("record %d: status line %q", i, strings.SplitN(head, "\r\n", 2)[0])
	}
	for _, banned := range []string{"Content-Encoding", "Transfer-Encoding"} {
		if strings.Contains(head, banned) {
			t.Errorf("record %d: HTTP block has %s:\n%s", i, banned, head)
		}
	}
}

// Each record is its own gzip member: readers seek to a record's offset.
func TestExportGzipPerRecord(t *testing.T) {
	wants, data, _ := exportFixture(t)
	members := gzipMembers(t, data)
	if len(members) != len(wants) {
		t.Fatalf("%d gzip members, want one per record (%d)", len(members), len(wants))
	}
	for i, m := range members {
		if !bytes.HasPrefix(m, []byte("WARC/1.1\r\n")) || !bytes.HasSuffix(m, []byte("\r\n\r\n")) {
			t.Errorf("member %d does not hold exactly one WARC/1.1 record: starts %q", i, m[:min(len(m), 20)])
		}
		// Every member parses on its own, as a reader starting at its offset sees it.
		if recs := warctest.Read(t, m); len(recs) != 1 || recs[0].Type != wants[i].typ {
			t.Errorf("member %d read alone: %d records", i, len(recs))
		}
	}
}

// Export is deterministic under fixed options, so goldens and diffs work.
func TestExportDeterministic(t *testing.T) {
	s := MustOpen(t)
	fixture(t, s)
	a, _ := MustExport(t, s, fixedOptions())
	b, _ := MustExport(t, s, fixedOptions())
	if !bytes.Equal(a, b) {
		t.Error("two exports with the same options differ")
	}
	opts := fixedOptions()
	opts.Namespace = [16]byte{}
	c, _ := MustExport(t, s, opts)
	if warctest.Read(t, a)[1].ID == warctest.Read(t, c)[1].ID {
		t.Error("a random namespace gave the same record ids")
	}
}

func TestExportEmptyArchive(t *testing.T) {
	data, sum := MustExport(t, MustOpen(t), fixedOptions())
	if recs := warctest.Read(t, data); len(recs) != 1 || recs[0].Type != gowarc.Warcinfo || sum.Records() != 1 {
		t.Errorf("empty archive: %d records (summary %+v), want the warcinfo alone", len(recs), sum)
	}
}

func TestExportCancelled(t *testing.T) {
	s := MustOpen(t)
	fixture(t, s)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := warc.Export(ctx, s, new(bytes.Buffer), fixedOptions()); !errors.Is(err, context.Canceled) {
		t.Errorf("Export(cancelled) = %v, want context.Canceled", err)
	}
}

// A body larger than gowarc's in-memory block buffer (1 MiB) goes through
// its temporary file and still comes back byte for byte.
func TestExportLargeBody(t *testing.T) {
	s := MustOpen(t)
	body := make([]byte, 3<<20)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range body {
		body[i] = byte(rng.Uint32())
	}
	MustRecord(t, s, store.Fetch{URL: "http://a.test/big.pdf", FetchedAt: t0, Status: 200, Body: body}, store.OutcomeNew)
	data, sum := MustExport(t, s, fixedOptions())
	recs := warctest.Read(t, data)
	if len(recs) != 2 || !bytes.Equal(recs[1].Payload, body) || sum.PayloadBytes != int64(len(body)) {
		t.Errorf("large body did not come back whole (%d records, summary %+v)", len(recs), sum)
	}
}
