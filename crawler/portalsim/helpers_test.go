package portalsim

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"go.uber.org/goleak"
	"golang.org/x/net/html/charset"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// fetched is one answer read in full.
type fetched struct {
	status int
	header http.Header
	body   []byte
}

// client returns a client that does not keep connections alive, so a
// test leaves no idle connection goroutine behind.
func client() *http.Client {
	return &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
}

func mustDo(tb testing.TB, req *http.Request) fetched {
	tb.Helper()
	resp, err := client().Do(req)
	if err != nil {
		tb.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatalf("read %s: %v", req.URL, err)
	}
	return fetched{status: resp.StatusCode, header: resp.Header, body: b}
}

func mustGet(tb testing.TB, url string, header ...string) fetched {
	tb.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		tb.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return mustDo(tb, req)
}

func mustPost(tb testing.TB, url, form string) fetched {
	tb.Helper()
	req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(form))
	if err != nil {
		tb.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return mustDo(tb, req)
}

// mustDoc decodes a page the way a browser would (BOM, header, <meta>)
// and parses it.
func mustDoc(tb testing.TB, f fetched) *goquery.Document {
	tb.Helper()
	r, err := charset.NewReader(bytes.NewReader(f.body), f.header.Get("Content-Type"))
	if err != nil {
		tb.Fatalf("decode: %v", err)
	}
	doc, err := goquery.NewDocumentFromReader(r)
	if err != nil {
		tb.Fatalf("parse: %v", err)
	}
	return doc
}
