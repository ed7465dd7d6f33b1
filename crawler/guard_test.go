package crawler

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/config"
)

func TestAddressClass(t *testing.T) {
	tests := []struct {
		addr      string
		want      string // with allow_private_networks off
		privateOK string // with it on
	}{
		{"93.184.216.34", "", ""},
		{"2606:2800:220:1:248:1893:25c8:1946", "", ""},
		{"127.0.0.1", "loopback", "loopback"},
		{"127.0.0.32", "loopback", "loopback"},
		{"::1", "loopback", "loopback"},
		{"::ffff:127.0.0.1", "loopback", "loopback"},
		{"10.0.0.1", "private", ""},
		{"172.16.5.4", "private", ""},
		{"172.32.0.1", "", ""},
		{"192.168.1.1", "private", ""},
		{"::ffff:192.168.1.1", "private", ""},
		{"fd00::1", "private", ""},
		{"fc00::1", "private", ""},
		{"100.64.0.1", "shared", ""},
		{"100.127.255.254", "shared", ""},
		{"100.128.0.1", "", ""},
		{"169.254.169.254", "link-local", "link-local"},
		{"::ffff:169.254.169.254", "link-local", "link-local"},
		{"fe80::1", "link-local", "link-local"},
		{"fe80::1%eth0", "link-local", "link-local"},
		{"224.0.0.1", "multicast", "multicast"},
		{"ff02::1", "multicast", "multicast"},
		{"255.255.255.255", "multicast", "multicast"},
		{"0.0.0.0", "unspecified", "unspecified"},
		{"0.1.2.3", "unspecified", "unspecified"},
		{"::", "unspecified", "unspecified"},
	}
	for _, tt := range tests {
		a := netip.MustParseAddr(tt.addr)
		if got := addressClass(a, false); got != tt.want {
			t.Errorf("addressClass(%s) = %q, want %q", tt.addr, got, tt.want)
		}
		if got := addressClass(a, true); got != tt.privateOK {
			t.Errorf("addressClass(%s) with private networks allowed = %q, want %q", tt.addr, got, tt.privateOK)
		}
	}
}

// listenAt starts a test server on ip (a loopback address), counting every
// request it gets; it skips the test when the system refuses the address.
func listenAt(t *testing.T, ip string, h http.Handler) (*httptest.Server, *hitLog) {
	t.Helper()
	ln, err := net.Listen("tcp", net.JoinHostPort(ip, "0"))
	if err != nil {
		t.Skipf("cannot listen on %s: %v", ip, err)
	}
	hits := &hitLog{}
	srv := httptest.NewUnstartedServer(hits.wrap(h))
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	t.Cleanup(srv.Close)
	return srv, hits
}

// total is the number of requests h has seen, robots.txt included.
func (h *hitLog) total() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.all)
}

// ssrfPortal is a configured portal on 127.0.0.31 whose report page
// redirects to target, and whose other report links an attachment that
// redirects there and one that lives there.
func ssrfPortal(t *testing.T, host, target string) (*httptest.Server, config.Portal) {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "User-agent: *\nAllow: /\n") })
	mux.HandleFunc("/nb/index.html", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<html><body><ul>
<li><a href="r2023.html">2023年政府信息公开工作年度报告</a></li>
<li><a href="r2022.html">2022年政府信息公开工作年度报告</a></li>
<li><a href="`+target+`r2021.html">2021年政府信息公开工作年度报告</a></li>
</ul></body></html>`)
	})
	mux.HandleFunc("/nb/r2023.html", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target+"latest/meta-data/iam/security-credentials/", http.StatusFound)
	})
	mux.HandleFunc("/nb/r2022.html", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<html><body><h1>2022年政府信息公开工作年度报告</h1>
<a href="/files/2022.pdf">附件</a><a href="`+target+`files/2022.xls">附件二</a></body></html>`)
	})
	mux.HandleFunc("/files/2022.pdf", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target+"files/2022.pdf", http.StatusMovedPermanently)
	})
	srv, _ := listenAt(t, "127.0.0.31", mux)
	column := srv.URL + "/nb/index.html"
	if host != "" {
		column = "http://" + net.JoinHostPort(host, fmt.Sprint(srv.Listener.Addr().(*net.TCPAddr).AddrPort().Port())) + "/nb/index.html"
	}
	return srv, config.Portal{
		Name: "ssrf", Agency: "某区人民政府", Column: column, Schedule: "0 3 * * *", Pagination: "auto",
		Crawl: config.Crawl{
			UserAgent: "nianbao-test/1.0", Delay: time.Millisecond, Parallelism: 2, Timeout: 2 * time.Second,
			MaxBody: 1 << 20, Retries: 0, Robots: true, MaxPages: 50, Attachments: true,
		},
	}
}

// TestGuardRefusesUnconfiguredAddresses is the case: a configured
// portal whose report answers 302 to a host named nowhere in the config
// (standing for a metadata service or an intranet host) — by IP literal,
// IPv6 forms, or a portal-looking name resolving to loopback or to
// 169.254.169.254. Nothing reaches the target, not even robots.txt; the
// report is archived as failed(blocked_address_ADDR); the configured
// portal itself, on loopback, is crawled.
func TestGuardRefusesUnconfiguredAddresses(t *testing.T) {
	inner, innerHits := listenAt(t, "127.0.0.32", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "AKIA-secret-credentials 2023年政府信息公开工作年度报告")
	}))
	innerPort := inner.Listener.Addr().(*net.TCPAddr).AddrPort().Port()
	var v6Hits *hitLog
	v6Port := uint16(1)
	if ln, err := net.Listen("tcp", "[::1]:0"); err == nil {
		ln.Close()
		srv, hits := listenAt(t, "::1", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "secret") }))
		v6Hits, v6Port = hits, srv.Listener.Addr().(*net.TCPAddr).AddrPort().Port()
	}
	resolver := newFakeDNS(t, map[string][]string{
		"www.portal.test":    {"127.0.0.31"},
		"static.portal.test": {"127.0.0.32"}, // not named: the portal names www only
		"intranet.test":      {"127.0.0.32"},
		"metadata.test":      {"169.254.169.254"},
	})
	at := func(host string, port uint16) string {
		return "http://" + net.JoinHostPort(host, fmt.Sprint(port)) + "/"
	}
	tests := []struct {
		name, target, reason string
		portalHost           string // the column's host name; "" for the literal 127.0.0.31
		hits                 *hitLog
	}{
		{"unconfigured loopback address", at("127.0.0.32", innerPort), "blocked_address_127.0.0.32", "", innerHits},
		{"name resolving to loopback", at("intranet.test", innerPort), "blocked_address_127.0.0.32", "", innerHits},
		{"sibling name resolving to loopback", at("static.portal.test", innerPort), "blocked_address_127.0.0.32", "www.portal.test", innerHits},
		{"name resolving to the metadata address", at("metadata.test", 80), "blocked_address_169.254.169.254", "", nil},
		{"metadata literal", at("169.254.169.254", 80), "blocked_address_169.254.169.254", "", nil},
		{"IPv6 loopback", at("::1", v6Port), "blocked_address_::1", "", v6Hits},
		{"IPv4-mapped IPv6 loopback", at("::ffff:127.0.0.32", innerPort), "blocked_address_127.0.0.32", "", innerHits},
	}
	for _, robots := range []bool{true, false} {
		for _, tt := range tests {
			t.Run(fmt.Sprintf("%s/robots=%v", tt.name, robots), func(t *testing.T) {
				before, v6Before := innerHits.total(), 0
				if v6Hits != nil {
					v6Before = v6Hits.total()
				}
				_, p := ssrfPortal(t, tt.portalHost, tt.target)
				p.Crawl.Robots = robots
				a := newMemArchive()
				cr := New(a, nil, Options{Resolver: resolver, RetryBackoff: time.Millisecond})
				t.Cleanup(cr.Close)
				run, err := cr.Run(context.Background(), p)
				if err != nil {
					t.Fatalf("run: %v", err)
				}
				base, _ := url.Parse(p.Column)
				report := base.ResolveReference(&url.URL{Path: "r2023.html"}).String()
				if got, want := a.outcomes(report), []string{"failed(" + tt.reason + ")"}; fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("redirecting report archived as %v, want %v", got, want)
				}
				attachment := base.ResolveReference(&url.URL{Path: "/files/2022.pdf"}).String()
				if got, want := a.outcomes(attachment), []string{"failed(" + tt.reason + ")"}; fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("redirecting attachment archived as %v, want %v", got, want)
				}
				for _, u := range []string{tt.target + "r2021.html", tt.target + "files/2022.xls"} {
					if got := a.outcomes(u); len(got) != 0 {
						t.Errorf("link to the unconfigured host %s archived: %v", u, got)
					}
				}
				// The configured portal itself still crawls.
				if got := a.outcomes(p.Column); fmt.Sprint(got) != "[new]" {
					t.Errorf("column archived as %v, want [new]", got)
				}
				page := base.ResolveReference(&url.URL{Path: "r2022.html"}).String()
				if got := a.outcomes(page); fmt.Sprint(got) != "[new]" {
					t.Errorf("report page on the portal archived as %v, want [new]", got)
				}
				if n := innerHits.total() - before; n != 0 {
					t.Errorf("%d requests reached 127.0.0.32, want 0", n)
				}
				if v6Hits != nil && v6Hits.total() != v6Before {
					t.Errorf("%d requests reached [::1], want 0", v6Hits.total()-v6Before)
				}
				if run.Failures[tt.reason] != 2 {
					t.Errorf("run failures = %v, want %s=2", run.Failures, tt.reason)
				}
			})
		}
	}
}

// TestGuardNamedHostsMayBeAnywhere: hosts the config names are dialed at
// whatever address they have — a redirect from one configured portal to
// another one's loopback host, a named host name resolving to loopback —
// while the private-networks switch widens to private ranges only.
func TestGuardNamedHostsMayBeAnywhere(t *testing.T) {
	other, otherHits := listenAt(t, "127.0.0.32", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "<html><body><h1>2023年政府信息公开工作年度报告</h1></body></html>")
	}))
	_, p := ssrfPortal(t, "", other.URL+"/")
	p.Crawl.Robots = false
	a := newMemArchive()
	cr := New(a, nil, Options{})
	t.Cleanup(cr.Close)
	// The scheduler names every portal of the config, including one on 127.0.0.32.
	cr.NameHosts([]config.Portal{p, {Name: "other", Column: other.URL + "/"}})
	if _, err := cr.Run(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	report := strings.TrimSuffix(p.Column, "index.html") + "r2023.html"
	if got := a.outcomes(report); fmt.Sprint(got) != "[new]" {
		t.Errorf("redirect to another configured portal's host archived as %v, want [new]", got)
	}
	if otherHits.total() == 0 {
		t.Error("the configured host got no request")
	}
}

func TestGuardAllowPrivateNetworksKeepsLoopbackRefused(t *testing.T) {
	g := newAddressGuard(nil, true)
	for addr, refused := range map[string]bool{"10.1.2.3": false, "192.168.0.9": false, "fd12::1": false, "127.0.0.1": true, "169.254.169.254": true} {
		err := g.check(netip.MustParseAddr(addr), "")
		if got := err != nil; got != refused {
			t.Errorf("allow_private_networks: %s refused=%v, want %v (%v)", addr, got, refused, err)
		}
	}
}

// TestGuardThroughProxy: with a proxy in the environment the dialer sees
// only the proxy, so the target's addresses are judged before the request
// goes to it; the proxy itself may sit on loopback.
func TestGuardThroughProxy(t *testing.T) {
	resolver := newFakeDNS(t, map[string][]string{
		"intranet.test":   {"10.0.0.7"},
		"public.test":     {"93.184.216.34"},
		"www.portal.test": {"10.0.0.8"},
	})
	g := newAddressGuard(resolver, false)
	proxyURL, _ := url.Parse("http://127.0.0.1:3128")
	g.proxyFor = func(*http.Request) (*url.URL, error) { return proxyURL, nil }
	g.name([]config.Portal{{Column: "http://www.portal.test/nb/"}})
	for target, blocked := range map[string]string{
		"http://intranet.test/":   "10.0.0.7",
		"http://10.9.9.9/":        "10.9.9.9",
		"http://public.test/":     "",
		"http://www.portal.test/": "",
	} {
		req := httptest.NewRequest(http.MethodGet, target, nil)
		pu, err := g.proxy(req)
		var be *BlockedAddressError
		switch {
		case blocked == "" && (err != nil || pu != proxyURL):
			t.Errorf("proxy for %s = %v, %v; want the proxy", target, pu, err)
		case blocked != "" && (!errors.As(err, &be) || be.Addr.String() != blocked):
			t.Errorf("proxy for %s: err %v, want blocked %s", target, err, blocked)
		}
	}
	if !g.named("127.0.0.1") {
		t.Error("the proxy's own host may not be dialed")
	}
}

// TestGuardCoversEveryRequestKind: whatever kind of request a run makes —
// a page GET, a Hanweb-style form POST, a list API's JSON POST — it goes
// through the one guarded transport: to an unconfigured loopback host it
// is refused before anything is sent; to a named one it goes out.
func TestGuardCoversEveryRequestKind(t *testing.T) {
	inner, innerHits := listenAt(t, "127.0.0.32", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"items":[]}`)
	}))
	named, namedHits := listenAt(t, "127.0.0.31", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"items":[]}`)
	}))
	kinds := []struct {
		name string
		req  fetchReq
	}{
		{"page GET", fetchReq{url: "/nb/index.html"}},
		{"form POST", fetchReq{url: "/dataproxy.jsp?startrecord=1", form: "col=1&webid=2"}},
		{"list API JSON POST", fetchReq{url: "/api/search", form: `{"page":2}`, ctype: "application/json", referer: named.URL + "/nb/"}},
	}
	for _, robots := range []bool{true, false} {
		for _, k := range kinds {
			t.Run(fmt.Sprintf("%s/robots=%v", k.name, robots), func(t *testing.T) {
				cr := New(newMemArchive(), nil, Options{})
				t.Cleanup(cr.Close)
				nameHosts(cr, named.URL)
				set := testSettings()
				set.robots = robots
				f := newFetcher(cr, "p", set)
				before := innerHits.total()
				r := k.req
				r.url = inner.URL + k.req.url
				ex, err := f.fetch(context.Background(), r)
				if err != nil || ex.reason != "blocked_address_127.0.0.32" || !errors.Is(ex.err, ErrBlockedAddress) {
					t.Errorf("to 127.0.0.32: reason %q, err %v (%v); want blocked_address_127.0.0.32", ex.reason, ex.err, err)
				}
				if n := innerHits.total() - before; n != 0 {
					t.Errorf("%d requests reached 127.0.0.32, want 0", n)
				}
				before = namedHits.total()
				r.url = named.URL + k.req.url
				if ex, err := f.fetch(context.Background(), r); err != nil || ex.reason != "" || ex.status != 200 {
					t.Errorf("to the named host: status %d, reason %q, err %v (%v); want 200", ex.status, ex.reason, ex.err, err)
				}
				if namedHits.total() == before {
					t.Error("the named host got no request")
				}
			})
		}
	}
}

func TestAllowPrivateNetworksIsLogged(t *testing.T) {
	for _, on := range []bool{false, true} {
		var logs strings.Builder
		cr := New(newMemArchive(), nil, Options{AllowPrivateNetworks: on, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
		cr.Close()
		if got := strings.Contains(logs.String(), `level=WARN msg="crawl.allow_private_networks is on`); got != on {
			t.Errorf("allow_private_networks %v: WARN logged %v:\n%s", on, got, logs.String())
		}
	}
}

// TestNamingAHostLiftsItsRefusal: robots.txt refused by the guard is not
// remembered for the hour an unreachable robots.txt is: once the config
// names the host, it is fetched at once.
func TestNamingAHostLiftsItsRefusal(t *testing.T) {
	srv, hits := listenAt(t, "127.0.0.32", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "ok") }))
	cr := New(newMemArchive(), nil, Options{})
	t.Cleanup(cr.Close)
	set := testSettings()
	set.robots = true
	f := newFetcher(cr, "p", set)
	if ex, _ := f.fetch(context.Background(), fetchReq{url: srv.URL + "/x"}); ex.reason != "blocked_address_127.0.0.32" || hits.total() != 0 {
		t.Fatalf("before naming: reason %q, %d hits; want blocked_address_127.0.0.32 and none", ex.reason, hits.total())
	}
	nameHosts(cr, srv.URL)
	if ex, _ := f.fetch(context.Background(), fetchReq{url: srv.URL + "/x"}); ex.reason != "" || ex.status != 200 || hits.count("/robots.txt") != 1 {
		t.Errorf("after naming: status %d reason %q, robots.txt fetched %d times; want 200 and robots.txt once", ex.status, ex.reason, hits.count("/robots.txt"))
	}
}
