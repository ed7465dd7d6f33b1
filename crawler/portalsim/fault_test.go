package portalsim

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// get fetches u with c and reads at most limit bytes of the body.
func get(c *http.Client, u string, limit int64) (resp *http.Response, body []byte, err error) {
	resp, err = c.Get(u)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	body, err = io.ReadAll(io.LimitReader(resp.Body, limit))
	return resp, body, err
}

func TestFaults(t *testing.T) {
	f := NewTestFarm(t, Site{Family: TRS, Reports: 2}, Site{Family: Plain, Reports: 2})
	trs, pl := f.Hosts()[0], f.Hosts()[1]
	report := pl.ReportURLs()[0]
	short := &http.Client{Timeout: 300 * time.Millisecond, Transport: &http.Transport{DisableKeepAlives: true}}
	for _, tc := range []struct {
		name  string
		host  *Host
		fault Fault
		check func(t *testing.T, resp *http.Response, body []byte, err error)
	}{
		{"server error with Retry-After", pl, Fault{Kind: ServerError, Status: 503, RetryAfter: 7 * time.Second},
			func(t *testing.T, resp *http.Response, _ []byte, err error) {
				if err != nil || resp.StatusCode != 503 || resp.Header.Get("Retry-After") != "7" {
					t.Errorf("got %v %v, want 503 with Retry-After 7", resp, err)
				}
			}},
		{"reset", pl, Fault{Kind: Reset},
			func(t *testing.T, _ *http.Response, _ []byte, err error) {
				if err == nil {
					t.Error("no error from a reset connection")
				}
			}},
		{"reset mid body", pl, Fault{Kind: ResetMidBody},
			func(t *testing.T, resp *http.Response, _ []byte, err error) {
				if err == nil {
					t.Errorf("read the whole body of a connection reset mid-body (status %d)", resp.StatusCode)
				}
			}},
		{"stall", pl, Fault{Kind: Stall},
			func(t *testing.T, resp *http.Response, body []byte, err error) {
				if resp == nil || resp.StatusCode != 200 || len(body) != 256 || err == nil {
					t.Errorf("stall: resp %v, %d bytes, err %v; want 200, 256 bytes, a timeout", resp != nil, len(body), err)
				}
			}},
		{"trickle", pl, Fault{Kind: Trickle, Interval: 50 * time.Millisecond},
			func(t *testing.T, resp *http.Response, body []byte, err error) {
				if resp == nil || len(body) == 0 || len(body) > 16*8 || err == nil {
					t.Errorf("trickle: %d bytes in 300 ms, err %v; want a few 16-byte pieces and a timeout", len(body), err)
				}
			}},
		{"challenge", pl, Fault{Kind: Challenge},
			func(t *testing.T, resp *http.Response, body []byte, err error) {
				if err != nil || resp.StatusCode != 412 || !strings.Contains(string(body), "$_ts") || resp.Header.Get("Set-Cookie") == "" {
					t.Errorf("challenge: %v %v %.80s", resp, err, body)
				}
			}},
		{"challenge 202", pl, Fault{Kind: Challenge, Status: 202},
			func(t *testing.T, resp *http.Response, body []byte, err error) {
				if err != nil || resp.StatusCode != 202 || strings.Contains(string(body), "年度报告") {
					t.Errorf("challenge 202: %v %v", resp, err)
				}
			}},
		{"waf", pl, Fault{Kind: WAF},
			func(t *testing.T, resp *http.Response, body []byte, err error) {
				if err != nil || resp.StatusCode != 403 || !strings.Contains(string(body), "拦截") {
					t.Errorf("waf: %v %v", resp, err)
				}
			}},
		{"gzip bomb", pl, Fault{Kind: GzipBomb, Size: 64 << 20},
			func(t *testing.T, resp *http.Response, body []byte, err error) {
				if err != nil || !resp.Uncompressed || len(body) != 2<<20 {
					t.Errorf("bomb: decoded %d bytes (limit 2 MiB), err %v", len(body), err)
				}
			}},
		{"oversize", pl, Fault{Kind: Oversize, Size: 9 << 20},
			func(t *testing.T, resp *http.Response, body []byte, err error) {
				if err != nil || resp.ContentLength != 9<<20 || len(body) != 2<<20 {
					t.Errorf("oversize: Content-Length %d, read %d, err %v", resp.ContentLength, len(body), err)
				}
			}},
		{"redirect loop", pl, Fault{Kind: RedirectLoop},
			func(t *testing.T, _ *http.Response, _ []byte, err error) {
				if err == nil || !strings.Contains(err.Error(), "stopped after 10 redirects") {
					t.Errorf("redirect loop: err %v, want the client to give up", err)
				}
			}},
		{"long redirect chain", pl, Fault{Kind: RedirectChain},
			func(t *testing.T, _ *http.Response, _ []byte, err error) {
				if err == nil || !strings.Contains(err.Error(), "stopped after 10 redirects") {
					t.Errorf("redirect chain: err %v, want the client to give up", err)
				}
			}},
		{"short redirect chain", pl, Fault{Kind: RedirectChain, Size: 2},
			func(t *testing.T, resp *http.Response, body []byte, err error) {
				if err != nil || resp.StatusCode != 200 || resp.Request.URL.RawQuery != "hop=2" || !strings.Contains(string(body), "TRS_Editor") && !strings.Contains(string(body), "article-content") {
					t.Errorf("short chain: %v, final %v", err, resp)
				}
			}},
		{"lying charset on GBK", trs, Fault{Kind: LyingCharset},
			func(t *testing.T, resp *http.Response, body []byte, err error) {
				if err != nil || resp.Header.Get("Content-Type") != "text/html; charset=utf-8" || utf8.Valid(body) {
					t.Errorf("lying GBK: %q, valid UTF-8 %v", resp.Header.Get("Content-Type"), utf8.Valid(body))
				}
			}},
		{"lying charset on UTF-8", pl, Fault{Kind: LyingCharset},
			func(t *testing.T, resp *http.Response, body []byte, err error) {
				if err != nil || resp.Header.Get("Content-Type") != "text/html; charset=gbk" || !strings.HasPrefix(string(body), "\xef\xbb\xbf<!DOCTYPE") {
					t.Errorf("lying UTF-8: %q %.10q", resp.Header.Get("Content-Type"), body)
				}
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u := report
			if tc.host == trs {
				u = trs.ReportURLs()[0]
			}
			tc.host.Inject(u, tc.fault)
			defer tc.host.ClearFaults()
			c := short
			if tc.fault.Kind == GzipBomb || tc.fault.Kind == Oversize {
				c = &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
			}
			resp, body, err := get(c, u, 2<<20)
			tc.check(t, resp, body, err)
		})
	}
}

func TestFaultTimesAndScope(t *testing.T) {
	f := NewTestFarm(t, Site{Family: Plain, Reports: 2})
	h := f.Hosts()[0]
	h.Inject("*", Fault{Kind: ServerError, Status: 500, Times: 2})
	h.Inject(h.ReportURLs()[1], Fault{Kind: WAF})
	for i, want := range []int{500, 500, 200} {
		if got := mustGet(t, h.ReportURLs()[0]).status; got != want {
			t.Errorf("request %d to a host failing twice = %d, want %d", i, got, want)
		}
	}
	if got := mustGet(t, h.ReportURLs()[1]).status; got != 403 {
		t.Errorf("path fault = %d, want 403", got)
	}
	h.ClearFaults()
	if got := mustGet(t, h.ReportURLs()[1]).status; got != 200 {
		t.Errorf("after ClearFaults = %d, want 200", got)
	}
	h.Inject("*", Fault{Kind: Reset})
	if _, err := client().Get(h.URL("/robots.txt")); err == nil {
		t.Error("a host-wide reset spares robots.txt")
	}
	if hits := h.HitsTo("/robots.txt"); len(hits) != 1 || hits[0].Status != 0 {
		t.Errorf("reset hit = %+v, want one hit with status 0", hits)
	}
}

func TestCloseAbandonsStalledAnswers(t *testing.T) {
	f, err := New([]Site{{Family: Plain, Reports: 1}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	h := f.Hosts()[0]
	h.Inject("*", Fault{Kind: Stall})
	started := make(chan struct{})
	errc := make(chan error, 1)
	go func() {
		resp, err := client().Get(h.ColumnURL())
		if err == nil {
			close(started)
			_, err = io.ReadAll(resp.Body)
			resp.Body.Close()
		}
		errc <- err
	}()
	<-started
	f.Close()
	f.Close() // idempotent
	if err := <-errc; err == nil || errors.Is(err, io.EOF) {
		t.Errorf("read from a stalled answer cut by Close: %v, want an unexpected EOF", err)
	}
	if _, err := client().Get(h.ColumnURL()); err == nil {
		t.Error("closed host still answers")
	}
}
