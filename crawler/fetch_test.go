package crawler

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nianbao/nianbao/config"
)

// hitLog records requests to a test server by path, with arrival times.
type hitLog struct {
	mu    sync.Mutex
	times map[string][]time.Time
	all   []time.Time
	hdrs  map[string][]http.Header
}

func (h *hitLog) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.mu.Lock()
		if h.times == nil {
			h.times, h.hdrs = map[string][]time.Time{}, map[string][]http.Header{}
		}
		now := time.Now()
		h.times[r.URL.RequestURI()] = append(h.times[r.URL.RequestURI()], now)
		h.hdrs[r.URL.RequestURI()] = append(h.hdrs[r.URL.RequestURI()], r.Header.Clone())
		h.all = append(h.all, now)
		h.mu.Unlock()
		next.ServeHTTP(w, r)
	})
}

func (h *hitLog) count(path string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.times[path])
}

func (h *hitLog) header(path string, i int) http.Header {
	h.mu.Lock()
	defer h.mu.Unlock()
	if i >= len(h.hdrs[path]) {
		return nil
	}
	return h.hdrs[path][i]
}

// sorted returns the arrival times of every request, in order.
func (h *hitLog) sorted() []time.Time {
	h.mu.Lock()
	defer h.mu.Unlock()
	ts := append([]time.Time(nil), h.all...)
	slices.SortFunc(ts, time.Time.Compare)
	return ts
}

// newServer starts a loopback test server that logs hits.
func newServer(t *testing.T, mux http.Handler) (*httptest.Server, *hitLog) {
	t.Helper()
	h := &hitLog{}
	srv := httptest.NewServer(h.wrap(mux))
	t.Cleanup(srv.Close)
	return srv, h
}

func testSettings() settings {
	return settings{
		userAgent: "nianbao-test/1.0", delay: 0, parallelism: 2, timeout: 2 * time.Second,
		maxBody: 1 << 20, retries: 2, robots: false, maxPages: 100, attachments: true,
	}
}

func newTestCrawler(t *testing.T, a Archive, c Classifier) *Crawler {
	t.Helper()
	cr := New(a, c, Options{RetryBackoff: 10 * time.Millisecond, MaxRetryAfter: 3 * time.Second, FrontierEvery: 1})
	t.Cleanup(cr.Close)
	nameHosts(cr, "http://127.0.0.1/") // httptest servers: a host the config names
	return cr
}

// nameHosts names the hosts of urls in cr's address guard, as a config
// whose portals have those columns would (it replaces earlier names).
func nameHosts(cr *Crawler, urls ...string) {
	portals := make([]config.Portal, 0, len(urls))
	for _, u := range urls {
		portals = append(portals, config.Portal{Column: u})
	}
	cr.NameHosts(portals)
}

func fetchOnce(t *testing.T, set settings, u string, r fetchReq) exchange {
	t.Helper()
	cr := newTestCrawler(t, newMemArchive(), nil)
	nameHosts(cr, "http://127.0.0.1/", u)
	r.url = u
	ex, err := newFetcher(cr, "p", set).fetch(context.Background(), r)
	if err != nil {
		t.Fatalf("fetch %s: %v", u, err)
	}
	return ex
}

func gzipped(tb testing.TB, b []byte) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

func TestFetchOutcomes(t *testing.T) {
	gbkPage := gbk(t, "<html><body>2023年政府信息公开工作年度报告</body></html>")
	small := []byte(strings.Repeat("年报", 1000))
	bomb := gzipped(t, bytes.Repeat([]byte{0}, 8<<20))
	mux := http.NewServeMux()
	mux.HandleFunc("/gbk.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8") // a lying label
		w.Write(gbkPage)
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", fmt.Sprint(2<<20))
		w.Write(make([]byte, 2<<20))
	})
	mux.HandleFunc("/big-chunked", func(w http.ResponseWriter, r *http.Request) {
		for range 40 {
			w.Write(make([]byte, 64<<10))
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/bomb", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(bomb)
	})
	mux.HandleFunc("/gz", func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			http.Error(w, "gzip expected", 400)
			return
		}
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(gzipped(t, small))
	})
	mux.HandleFunc("/stall", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(200)
		w.Write([]byte("<html>"))
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-time.After(time.Second):
		}
	})
	mux.HandleFunc("/trickle", func(w http.ResponseWriter, r *http.Request) {
		for range 500 {
			if _, err := w.Write([]byte("a")); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-time.After(10 * time.Millisecond):
			}
		}
	})
	mux.HandleFunc("/loop/a", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop/b", http.StatusFound) })
	mux.HandleFunc("/loop/b", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop/a", http.StatusFound) })
	mux.HandleFunc("/chain/", func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscanf(strings.TrimPrefix(r.URL.Path, "/chain/"), "%d", &n)
		http.Redirect(w, r, fmt.Sprintf("/chain/%d", n+1), http.StatusMovedPermanently)
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/gbk.html", http.StatusFound) })
	mux.HandleFunc("/ruishu", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(412)
		w.Write([]byte(`<html><head><meta content="x8s7d6f" r='m'><script>$_ts=window['$_ts'];if(!$_ts)$_ts={};$_ts.nsd=12345;</script><script src="/abc.js" r='m'></script></head><body></body></html>`))
	})
	mux.HandleFunc("/ruishu202", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(202)
		w.Write([]byte(`<html><script>var _$a=["\x61\x62"];eval(function(p,a,c,k,e,d){return p}('0',1,1,''));</script></html>`))
	})
	mux.HandleFunc("/waf", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(403)
		w.Write([]byte(`<html><body>您的访问被阻断，网站防火墙</body></html>`))
	})
	mux.HandleFunc("/forbidden", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "403 forbidden", http.StatusForbidden) })
	mux.HandleFunc("/wafword", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("<html><body>" + strings.Repeat("本机关在WAF建设方面投入经费，主动公开政府信息。", 20) + "</body></html>"))
	})
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) })
	srv, hits := newServer(t, mux)

	set := testSettings()
	set.retries = 0
	tests := []struct {
		name   string
		path   string
		status int
		reason string
		body   []byte
		final  string
	}{
		{"raw GBK bytes kept under a lying label", "/gbk.html", 200, "", gbkPage, "/gbk.html"},
		{"Content-Length over the cap", "/big", 200, "too_large", nil, ""},
		{"chunked body over the cap", "/big-chunked", 200, "too_large", nil, ""},
		{"gzip bomb over the decoded cap", "/bomb", 200, "too_large", nil, ""},
		{"gzip decoded", "/gz", 200, "", small, "/gz"},
		{"headers then stall", "/stall", 200, "timeout", nil, ""},
		{"trickling body", "/trickle", 200, "timeout", nil, ""},
		{"redirect loop", "/loop/a", 0, "redirect_loop", nil, ""},
		{"endless redirects", "/chain/0", 0, "too_many_redirects", nil, ""},
		{"redirect followed", "/moved", 200, "", gbkPage, "/gbk.html"},
		{"瑞数 412 challenge", "/ruishu", 412, "blocked", nil, ""},
		{"瑞数 202 challenge", "/ruishu202", 202, "blocked", nil, ""},
		{"WAF 403", "/waf", 403, "blocked", nil, ""},
		{"plain 403", "/forbidden", 403, "http_403", nil, ""},
		{"a page mentioning WAF is content", "/wafword", 200, "", nil, "/wafword"},
		{"404 carries no reason", "/gone", 404, "", nil, "/gone"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set.timeout = 10 * time.Second // generous for a loaded -race run
			if tt.reason == "timeout" {
				set.timeout = 300 * time.Millisecond
			}
			ex := fetchOnce(t, set, srv.URL+tt.path, fetchReq{})
			if ex.status != tt.status || ex.reason != tt.reason {
				t.Errorf("status, reason = %d, %q, want %d, %q (err %v)", ex.status, ex.reason, tt.status, tt.reason, ex.err)
			}
			if tt.body != nil && !bytes.Equal(ex.body, tt.body) {
				t.Errorf("body = %d bytes, want the %d raw bytes", len(ex.body), len(tt.body))
			}
			if tt.reason != "" && ex.body != nil {
				t.Errorf("failed fetch kept a body of %d bytes", len(ex.body))
			}
			if tt.final != "" && ex.finalURL != srv.URL+tt.final {
				t.Errorf("final URL = %s, want %s", ex.finalURL, srv.URL+tt.final)
			}
			if ex.header != nil && ex.header.Get("Content-Encoding") != "" {
				t.Errorf("Content-Encoding %q kept on a decoded body", ex.header.Get("Content-Encoding"))
			}
		})
	}
	if n := hits.count("/gbk.html"); n < 2 {
		t.Errorf("/gbk.html hits = %d", n)
	}
	if ua := hits.header("/gbk.html", 0).Get("User-Agent"); ua != "nianbao-test/1.0" {
		t.Errorf("User-Agent = %q, want the configured one", ua)
	}
}

func TestFetchRetries(t *testing.T) {
	var mu sync.Mutex
	fails := map[string]int{"/flaky": 2, "/down": 100, "/reset": 1}
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		left := fails[r.URL.Path]
		fails[r.URL.Path]--
		mu.Unlock()
		switch {
		case left > 0 && r.URL.Path == "/reset":
			conn, _, _ := w.(http.Hijacker).Hijack()
			conn.Close()
		case left > 0:
			http.Error(w, "busy", http.StatusBadGateway)
		default:
			w.Write([]byte("ok " + r.URL.Path))
		}
	})
	mux.HandleFunc("/limited", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		left := fails["/limited"]
		fails["/limited"] = left + 1
		mu.Unlock()
		if left == 0 {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		w.Write([]byte("ok"))
	})
	mux.HandleFunc("/forever", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "3600")
		w.WriteHeader(http.StatusServiceUnavailable)
	})
	srv, hits := newServer(t, mux)
	set := testSettings()
	set.retries = 3
	tests := []struct {
		path     string
		status   int
		reason   string
		attempts int
	}{
		{"/flaky", 200, "", 3},
		{"/down", 502, "http_502", 4},
		{"/reset", 200, "", 2},
		{"/forever", 503, "http_503", 1}, // Retry-After beyond MaxRetryAfter: no waiting within the run
	}
	for _, tt := range tests {
		ex := fetchOnce(t, set, srv.URL+tt.path, fetchReq{})
		if ex.status != tt.status || ex.reason != tt.reason || ex.attempts != tt.attempts {
			t.Errorf("%s: status, reason, attempts = %d, %q, %d, want %d, %q, %d (err %v)",
				tt.path, ex.status, ex.reason, ex.attempts, tt.status, tt.reason, tt.attempts, ex.err)
		}
		if n := hits.count(tt.path); n != tt.attempts {
			t.Errorf("%s: server saw %d requests, want %d", tt.path, n, tt.attempts)
		}
	}

	ex := fetchOnce(t, set, srv.URL+"/limited", fetchReq{})
	if ex.status != 200 || ex.attempts != 2 {
		t.Errorf("/limited: status %d after %d attempts, want 200 after 2", ex.status, ex.attempts)
	}
	hits.mu.Lock()
	ts := hits.times["/limited"]
	hits.mu.Unlock()
	if len(ts) == 2 && ts[1].Sub(ts[0]) < time.Second {
		t.Errorf("retry came %v after a Retry-After: 1", ts[1].Sub(ts[0]))
	}
}

func TestConditionalGet(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/r.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Mon, 15 Jan 2024 08:00:00 GMT")
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Write([]byte("report"))
	})
	srv, hits := newServer(t, mux)
	ex := fetchOnce(t, testSettings(), srv.URL+"/r.html", fetchReq{etag: `"v1"`, lastMd: "Mon, 15 Jan 2024 08:00:00 GMT"})
	if ex.status != 304 || ex.reason != "" || len(ex.body) != 0 {
		t.Errorf("conditional fetch = %d %q %d bytes, want 304 without body", ex.status, ex.reason, len(ex.body))
	}
	h := hits.header("/r.html", 0)
	if h.Get("If-None-Match") != `"v1"` || h.Get("If-Modified-Since") == "" {
		t.Errorf("request validators = %q / %q", h.Get("If-None-Match"), h.Get("If-Modified-Since"))
	}
}

func TestFetchTLSAndRefused(t *testing.T) {
	tlsSrv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("x")) }))
	tlsSrv.Config.ErrorLog = log.New(io.Discard, "", 0) // the handshake failure is the point
	tlsSrv.StartTLS()
	defer tlsSrv.Close()
	closed := httptest.NewServer(http.NotFoundHandler())
	closedURL := closed.URL
	closed.Close()
	set := testSettings()
	set.retries = 0
	for _, tt := range []struct{ url, reason string }{
		{tlsSrv.URL + "/", "tls"}, // a certificate nobody vouches for
		{closedURL + "/", "refused"},
	} {
		if ex := fetchOnce(t, set, tt.url, fetchReq{}); ex.reason != tt.reason {
			t.Errorf("%s: reason %q, want %q (err %v)", tt.url, ex.reason, tt.reason, ex.err)
		}
	}
}

func TestIsChallenge(t *testing.T) {
	page := "<html><body>" + strings.Repeat("二〇二三年政府信息公开工作年度报告正文。", 30) + "</body></html>"
	tests := []struct {
		name   string
		status int
		body   string
		ct     string
		want   bool
	}{
		{"412 always", 412, "<html></html>", "text/html", true},
		{"403 WAF page", 403, "<html><body>您的访问被阻断，网站防火墙</body></html>", "text/html", true},
		{"403 script shell", 403, "<html><script>var a=1;location.reload()</script></html>", "text/html", true},
		{"403 plain refusal", 403, "<html><head><title>403 Forbidden</title></head><body><h1>Forbidden</h1></body></html>", "text/html", false},
		{"403 empty", 403, "", "", false},
		{"加速乐 521", 521, `<script>document.cookie=('__jsl_clearance=1')</script>`, "text/html", true},
		{"origin down 521", 521, "<html>down</html>", "text/html", false},
		{"503 is not a challenge", 503, "<html><script>x</script></html>", "text/html", false},
		{"202 script only", 202, "<html><script>var a=1</script></html>", "text/html", true},
		{"202 with content", 202, page, "text/html", false},
		{"200 page", 200, page, "text/html", false},
		{"200 short WAF page", 200, "<html><body>请求已被拦截（网站防火墙）</body></html>", "text/html", true},
		{"200 $_ts shell", 200, "<html><script>$_ts=window['$_ts'];</script></html>", "", true},
		{"PDF never", 200, "%PDF-1.4 $_ts", "application/pdf", false},
	}
	for _, tt := range tests {
		if got := isChallenge(tt.status, []byte(tt.body), tt.ct); got != tt.want {
			t.Errorf("%s: isChallenge = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestIsChallengeGBK(t *testing.T) {
	body := gbk(t, `<html><head><meta charset="gbk"></head><body>您的访问被阻断</body></html>`)
	if !isChallenge(200, body, "text/html") {
		t.Error("a GBK WAF page was not recognised")
	}
}

// TestRedirectObeysRobots follows redirects only to URLs robots.txt allows:
// a hop into a disallowed path ends the fetch as failed(robots) and the
// disallowed URL is never requested.
func TestRedirectObeysRobots(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
	})
	mux.HandleFunc("/to-private", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/private/report.html", http.StatusFound)
	})
	mux.HandleFunc("/to-public", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/public/report.html", http.StatusFound)
	})
	page := func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "<html><body>2023年度报告</body></html>")
	}
	mux.HandleFunc("/private/report.html", page)
	mux.HandleFunc("/public/report.html", page)
	srv, hits := newServer(t, mux)
	set := testSettings()
	set.robots = true
	tests := []struct {
		path, reason, final string
	}{
		{"/to-private", "robots", ""},
		{"/to-public", "", "/public/report.html"},
	}
	for _, tt := range tests {
		ex := fetchOnce(t, set, srv.URL+tt.path, fetchReq{})
		if ex.reason != tt.reason {
			t.Errorf("%s: reason %q, want %q (err %v)", tt.path, ex.reason, tt.reason, ex.err)
		}
		if tt.final != "" && ex.finalURL != srv.URL+tt.final {
			t.Errorf("%s: final URL %s, want %s", tt.path, ex.finalURL, srv.URL+tt.final)
		}
	}
	if n := hits.count("/private/report.html"); n != 0 {
		t.Errorf("the disallowed redirect target was requested %d times", n)
	}
}
