package crawler

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fetchAll fetches paths on base concurrently through one fetcher.
func fetchAll(t *testing.T, cr *Crawler, set settings, base string, paths []string) []exchange {
	t.Helper()
	f := newFetcher(cr, "p", set)
	out := make([]exchange, len(paths))
	var wg sync.WaitGroup
	for i, p := range paths {
		wg.Go(func() {
			ex, err := f.fetch(context.Background(), fetchReq{url: base + p})
			if err != nil {
				t.Errorf("fetch %s: %v", p, err)
			}
			out[i] = ex
		})
	}
	wg.Wait()
	return out
}

func TestHostDelay(t *testing.T) {
	srv, hits := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("x")) }))
	cr := newTestCrawler(t, newMemArchive(), nil)
	set := testSettings()
	set.delay, set.parallelism = 60*time.Millisecond, 3
	var paths []string
	for i := range 6 {
		paths = append(paths, fmt.Sprintf("/p%d", i))
	}
	fetchAll(t, cr, set, srv.URL, paths)
	assertSpaced(t, hits.sorted(), 60*time.Millisecond)
}

func TestHostsAreIndependent(t *testing.T) {
	bSeen := make(chan struct{})
	var once sync.Once
	a, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-bSeen:
			w.Write([]byte("a saw b"))
		case <-time.After(3 * time.Second):
			w.Write([]byte("a alone"))
		}
	}))
	b, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		once.Do(func() { close(bSeen) })
		w.Write([]byte("b"))
	}))
	cr := newTestCrawler(t, newMemArchive(), nil)
	set := testSettings()
	set.parallelism, set.delay, set.timeout = 1, time.Second, 5*time.Second
	var exA exchange
	var wg sync.WaitGroup
	wg.Go(func() { exA, _ = newFetcher(cr, "a", set).fetch(context.Background(), fetchReq{url: a.URL + "/"}) })
	// Let a's request start first, then ask b: a per-host limiter lets it through.
	time.Sleep(20 * time.Millisecond)
	wg.Go(func() { newFetcher(cr, "b", set).fetch(context.Background(), fetchReq{url: b.URL + "/"}) })
	wg.Wait()
	if string(exA.body) != "a saw b" {
		t.Errorf("host b waited for host a (a answered %q)", exA.body)
	}
}

func TestRobots(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "User-agent: *\nDisallow: /private/\nCrawl-delay: 0.1\n\nUser-agent: badbot\nDisallow: /\n")
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) })
	srv, hits := newServer(t, mux)
	cr := newTestCrawler(t, newMemArchive(), nil)
	set := testSettings()
	set.robots, set.delay, set.parallelism = true, 0, 2
	exs := fetchAll(t, cr, set, srv.URL, []string{"/a", "/b", "/c", "/private/x"})
	for i, want := range []string{"", "", "", "robots"} {
		if exs[i].reason != want {
			t.Errorf("fetch %d reason = %q, want %q", i, exs[i].reason, want)
		}
	}
	if n := hits.count("/private/x"); n != 0 {
		t.Errorf("disallowed URL requested %d times", n)
	}
	if n := hits.count("/robots.txt"); n != 1 {
		t.Errorf("robots.txt fetched %d times, want once (cached)", n)
	}
	hits.mu.Lock()
	ts := append(hits.times["/a"], append(hits.times["/b"], hits.times["/c"]...)...)
	hits.mu.Unlock()
	slices.SortFunc(ts, time.Time.Compare)
	assertSpaced(t, ts, 100*time.Millisecond)

	set.userAgent = "BadBot/2.0"
	cr2 := newTestCrawler(t, newMemArchive(), nil)
	if ex := fetchAll(t, cr2, set, srv.URL, []string{"/a"})[0]; ex.reason != "robots" {
		t.Errorf("badbot fetch reason = %q, want robots", ex.reason)
	}
	set.robots = false
	if ex := fetchAll(t, cr2, set, srv.URL, []string{"/private/y"})[0]; ex.reason != "" {
		t.Errorf("robots off: reason = %q, want none", ex.reason)
	}
}

func TestRobotsUnreachableDisallowsForAnHour(t *testing.T) {
	var robotsStatus atomic.Int32
	robotsStatus.Store(500)
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		if code := int(robotsStatus.Load()); code != 200 {
			http.Error(w, "oops", code)
			return
		}
		w.Write([]byte("User-agent: *\nDisallow:\n"))
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) })
	srv, hits := newServer(t, mux)
	set := testSettings()
	set.robots = true
	clock := &fakeClock{now: time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)}
	a := newMemArchive()
	cr := New(a, nil, Options{Now: clock.Now, RetryBackoff: 10 * time.Millisecond})
	t.Cleanup(cr.Close)
	nameHosts(cr, srv.URL)
	if ex := fetchAll(t, cr, set, srv.URL, []string{"/x"})[0]; ex.reason != "robots_http_500" {
		t.Errorf("fetch with robots.txt answering 500: reason %q status %d, want robots_http_500", ex.reason, ex.status)
	}
	if n := hits.count("/x"); n != 0 {
		t.Errorf("/x fetched %d times while robots.txt was unreachable, want 0", n)
	}
	// Within the hour the verdict stands; after it robots.txt is tried again.
	robotsStatus.Store(200)
	clock.Advance(30 * time.Minute)
	if ex := fetchAll(t, cr, set, srv.URL, []string{"/x"})[0]; ex.reason != "robots_http_500" {
		t.Errorf("30 min later: reason %q, want robots_http_500 (remembered for an hour)", ex.reason)
	}
	clock.Advance(31 * time.Minute)
	if ex := fetchAll(t, cr, set, srv.URL, []string{"/x"})[0]; ex.status != 200 || ex.reason != "" {
		t.Errorf("after an hour with robots.txt back: %d %q, want 200", ex.status, ex.reason)
	}
}

func TestLimiterForgetsIdleHosts(t *testing.T) {
	l := newHostLimiter()
	start := time.Now()
	var mu sync.Mutex
	now := start
	l.now = func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	for i := range 100 {
		release, err := l.acquire(context.Background(), fmt.Sprintf("h%d:80", i), 0, 1)
		if err != nil {
			t.Fatal(err)
		}
		release()
	}
	if n := l.size(); n != 100 {
		t.Errorf("limiter keeps %d hosts right after their requests, want 100 (a Crawl-delay may still apply)", n)
	}
	mu.Lock()
	now = start.Add(forgetAfter)
	mu.Unlock()
	if n := l.size(); n != 0 {
		t.Errorf("limiter keeps %d idle hosts after %v, want 0", n, forgetAfter)
	}
	l.now = time.Now
	ctx, cancel := context.WithCancel(context.Background())
	release, _ := l.acquire(ctx, "busy:80", time.Hour, 1)
	cancel()
	if _, err := l.acquire(ctx, "busy:80", time.Hour, 1); err == nil {
		t.Error("acquire on a busy host with a cancelled context succeeded")
	}
	release()
}

// assertSpaced checks that requests arrived about delay apart. The server
// stamps a request when its handler runs, which on a loaded machine may lag
// the wire by milliseconds, so single gaps get slack while the span of all
// requests, which only the first stamp's lag can shorten, is held close to
// (n-1)×delay. Without the limiter every gap would be about zero.
func assertSpaced(t *testing.T, ts []time.Time, delay time.Duration) {
	t.Helper()
	if len(ts) < 2 {
		t.Fatalf("%d requests, want several", len(ts))
	}
	for i := 1; i < len(ts); i++ {
		if gap := ts[i].Sub(ts[i-1]); gap < delay/2 {
			t.Errorf("gap %v between requests %d and %d, want about %v", gap, i-1, i, delay)
		}
	}
	if span, want := ts[len(ts)-1].Sub(ts[0]), time.Duration(len(ts)-1)*delay; span < want-10*time.Millisecond {
		t.Errorf("%d requests spanned %v, want ≥ %v", len(ts), span, want)
	}
}

func TestRobotsCancelledLoadIsForgotten(t *testing.T) {
	slow := make(chan struct{})
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-slow:
		case <-r.Context().Done():
			return
		}
		fmt.Fprint(w, "User-agent: *\nDisallow: /\n")
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) })
	srv, hits := newServer(t, mux)
	cr := newTestCrawler(t, newMemArchive(), nil)
	set := testSettings()
	set.robots = true
	f := newFetcher(cr, "p", set)
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		for hits.count("/robots.txt") == 0 {
			time.Sleep(2 * time.Millisecond)
		}
		cancel()
	}()
	if _, err := f.fetch(ctx, fetchReq{url: srv.URL + "/x"}); err == nil {
		t.Fatal("fetch with a cancelled robots load succeeded")
	}
	close(slow)
	ex, err := f.fetch(context.Background(), fetchReq{url: srv.URL + "/x"})
	if err != nil || ex.reason != "robots" {
		t.Errorf("after a cancelled load: reason %q, err %v; want robots (the rules fetched anew)", ex.reason, err)
	}
	if n := hits.count("/x"); n != 0 {
		t.Errorf("disallowed page requested %d times", n)
	}
}

func TestRobotsRefreshedDaily(t *testing.T) {
	var mu sync.Mutex
	rules := "User-agent: *\nDisallow: /old/\n"
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprint(w, rules)
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) })
	srv, hits := newServer(t, mux)
	now := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
	var nmu sync.Mutex
	clock := func() time.Time {
		nmu.Lock()
		defer nmu.Unlock()
		return now
	}
	cr := New(newMemArchive(), nil, Options{Now: clock})
	t.Cleanup(cr.Close)
	nameHosts(cr, srv.URL)
	set := testSettings()
	set.robots = true
	reason := func(path string) string {
		ex, err := newFetcher(cr, "p", set).fetch(context.Background(), fetchReq{url: srv.URL + path})
		if err != nil {
			t.Fatal(err)
		}
		return ex.reason
	}
	if r := reason("/new/a"); r != "" {
		t.Fatalf("/new/a reason %q before the change", r)
	}
	mu.Lock()
	rules = "User-agent: *\nDisallow: /new/\n"
	mu.Unlock()
	nmu.Lock()
	now = now.Add(23 * time.Hour)
	nmu.Unlock()
	if r := reason("/new/b"); r != "" || hits.count("/robots.txt") != 1 {
		t.Errorf("within a day: reason %q, robots fetched %d times; want the cached rules", r, hits.count("/robots.txt"))
	}
	nmu.Lock()
	now = now.Add(2 * time.Hour)
	nmu.Unlock()
	if r := reason("/new/c"); r != "robots" || hits.count("/robots.txt") != 2 {
		t.Errorf("after a day: reason %q, robots fetched %d times; want the new rules", r, hits.count("/robots.txt"))
	}
}

func TestLimiterSpacesByTheLongerDelayOfTheNextRequest(t *testing.T) {
	// robots.txt is fetched at the configured delay; the Crawl-delay it
	// announces must already space the request that follows it.
	l := newHostLimiter()
	release, err := l.acquire(context.Background(), "h:80", 5*time.Millisecond, 1)
	if err != nil {
		t.Fatal(err)
	}
	first := time.Now()
	release()
	const crawlDelay = 80 * time.Millisecond
	release, err = l.acquire(context.Background(), "h:80", crawlDelay, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	if gap := time.Since(first); gap < crawlDelay {
		t.Errorf("second request let go %v after the first, want ≥ Crawl-delay %v", gap, crawlDelay)
	}
}

// dnsFailing is a transport whose every request fails to resolve its host,
// as a portal whose name has lapsed does.
type dnsFailing struct{}

func (dnsFailing) RoundTrip(r *http.Request) (*http.Response, error) {
	return nil, &url.Error{Op: r.Method, URL: r.URL.String(),
		Err: &net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "no such host", Name: r.URL.Hostname(), IsNotFound: true}}}
}

// TestRobotsDNSFailureIsDNS: a host whose name does not resolve fails
// fetching robots.txt; its pages are failed(dns), the real reason, and the
// diagnostic does not claim robots.txt disallowed them.
func TestRobotsDNSFailureIsDNS(t *testing.T) {
	set := testSettings()
	set.robots = true
	cr := New(newMemArchive(), nil, Options{Client: &http.Client{Transport: dnsFailing{}}, RetryBackoff: time.Millisecond})
	t.Cleanup(cr.Close)
	ex := fetchAll(t, cr, set, "http://lapsed.gov.test", []string{"/col/index.html"})[0]
	if ex.reason != "dns" {
		t.Errorf("reason %q, want dns", ex.reason)
	}
	if errors.Is(ex.err, ErrRobots) || strings.Contains(fmt.Sprint(ex.err), "disallowed") {
		t.Errorf("diagnostic %v says robots.txt disallowed the page", ex.err)
	}
}
