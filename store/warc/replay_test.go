package warc_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	gowarc "github.com/nlnwa/gowarc/v3"

	"github.com/nianbao/nianbao/config"
	"github.com/nianbao/nianbao/crawler"
	"github.com/nianbao/nianbao/crawler/portalsim"
)

// The replay tools the export is checked with, installed by .ci/run from
// npm: NIANBAO_REPLAYWEBPAGE names the unpacked replaywebpage package (its
// ui.js and sw.js), NIANBAO_WARCIO the directory whose node_modules holds
// warcio. Tests that need one skip without it.
const (
	replayWebPageEnv = "NIANBAO_REPLAYWEBPAGE"
	warcioEnv        = "NIANBAO_WARCIO"
)

// toolDir returns the directory env names, or skips the test when it is
// unset or does not hold file.
func toolDir(tb testing.TB, env, file string) string {
	tb.Helper()
	dir := os.Getenv(env)
	if dir == "" {
		tb.Skipf("%s not set (.ci/run installs the npm package and sets it)", env)
	}
	if _, err := os.Stat(filepath.Join(dir, file)); err != nil {
		tb.Skipf("%s=%s: %v", env, dir, err)
	}
	return dir
}

// chromiumPath finds a Chromium or Chrome binary; the test skips without one.
func chromiumPath(tb testing.TB) string {
	tb.Helper()
	if p := os.Getenv("NIANBAO_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	tb.Skip("no chromium binary installed")
	return ""
}

// replayPage embeds ReplayWeb.page showing url as archived at ts.
const replayPage = `<!doctype html>
<html><head><meta charset="utf-8"><script src="/ui.js"></script></head>
<body><replay-web-page source="/archive.warc.gz" url="%s" ts="%s" replayBase="/replay/" embed="replayonly"></replay-web-page></body></html>`

// frameText is evaluated in the page: the text of the innermost document
// that shows an archived page (found through shadow roots and same-origin
// iframes), and its address, as "ADDRESS\nTEXT"; "" while none has loaded.
const frameText = `(() => {
  let found = "";
  const visit = (root, depth) => {
    if (depth > 8 || found) return;
    for (const el of root.querySelectorAll("*")) {
      if (el.shadowRoot) visit(el.shadowRoot, depth + 1);
      if (el.tagName === "IFRAME") {
        let doc = null;
        try { doc = el.contentDocument; } catch (e) {}
        if (!doc) continue;
        const href = doc.location.href;
        if (href.includes("mp_/") && doc.body && doc.body.innerText.trim() !== "") {
          found = href + "\n" + doc.body.innerText;
          return;
        }
        visit(doc, depth + 1);
      }
    }
  };
  visit(document, 0);
  return found;
})()`

// TestReplayWebPage loads the fixture's export in ReplayWeb.page in
// headless Chromium, as a user opening the WARC would: the original URL of
// a report reached through a redirect renders the report, and asking for a
// URL at the time of its 304 renders the body that the 304 confirmed (the
// revisit's; the next capture of that URL holds an edited body).
func TestReplayWebPage(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test in -short mode")
	}
	rwp := toolDir(t, replayWebPageEnv, "sw.js")
	exe := chromiumPath(t)
	_, data, _ := exportFixture(t)

	mux := http.NewServeMux()
	page := make(chan string, 1)
	mux.HandleFunc("/{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, <-page)
	})
	mux.HandleFunc("/ui.js", func(w http.ResponseWriter, r *http.Request) { http.ServeFile(w, r, filepath.Join(rwp, "ui.js")) })
	mux.HandleFunc("/replay/sw.js", func(w http.ResponseWriter, r *http.Request) { http.ServeFile(w, r, filepath.Join(rwp, "sw.js")) })
	mux.HandleFunc("/archive.warc.gz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/warc")
		http.ServeContent(w, r, "archive.warc.gz", time.Time{}, strings.NewReader(string(data)))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.ProxyServer("http://127.0.0.1:9"), // nothing listens: no page reaches past loopback
		chromedp.UserDataDir(t.TempDir()),
	)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	defer acancel()

	for _, tc := range []struct {
		name, url, ts string
		wantAt        string // the address the archived page is shown at ends so
		wantText      string
	}{
		{"report behind a 301 at its original URL", jspURL, "20250304140607", "mp_/" + staticURL, "主动公开 2295 条"},
		{"report at the time of its 304", reportURL, "20250304070607", "mp_/" + reportURL, "主动公开 2294 条"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bctx, bcancel := chromedp.NewContext(actx)
			defer bcancel()
			// ReplayWeb.page works through a service worker, which on a
			// busy machine now and then never takes over the first load of
			// a fresh profile: after 30 s without the page, load it again
			// (three loads, 90 s in all).
			var got string
			for load := 1; got == "" && load <= 3; load++ {
				page <- fmt.Sprintf(replayPage, tc.url, tc.ts)
				if err := chromedp.Do(bctx, chromedp.Navigate(srv.URL+"/")); err != nil {
					t.Fatal(err)
				}
				for deadline := time.Now().Add(30 * time.Second); got == "" && time.Now().Before(deadline); {
					v, err := chromedp.Run(bctx, chromedp.Evaluate[string](frameText))
					if err != nil {
						t.Fatal(err)
					}
					if got = v; got == "" {
						time.Sleep(250 * time.Millisecond)
					}
				}
				if got == "" {
					t.Logf("load %d: no archived page after 30 s", load)
				}
			}
			if got == "" {
				t.Fatalf("ReplayWeb.page showed no archived page for %s at %s in three loads of 30 s", tc.url, tc.ts)
			}
			at, text, _ := strings.Cut(got, "\n")
			if !strings.HasSuffix(at, tc.wantAt) || !strings.Contains(text, tc.wantText) {
				t.Errorf("ReplayWeb.page at %s shows %q; want the page at …%s with %q", at, text, tc.wantAt, tc.wantText)
			}
		})
	}
}

// warcioCLI returns the command line of warcio.js, or skips the test when
// node or the package (NIANBAO_WARCIO) is missing.
func warcioCLI(t *testing.T) []string {
	t.Helper()
	dir := toolDir(t, warcioEnv, filepath.Join("node_modules", "warcio", "dist", "cli.js"))
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("no node binary")
	}
	return []string{node, filepath.Join(dir, "node_modules", "warcio", "dist", "cli.js")}
}

// cdxIndex has warcio.js index a WARC file and returns its CDXJ lines.
func cdxIndex(t *testing.T, cli []string, data []byte) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "export.warc.gz")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(cli[0], append(cli[1:], "cdx-index", file)...).Output()
	if err != nil {
		t.Fatalf("warcio cdx-index: %v", err)
	}
	return string(out)
}

// TestWarcioIndexesTheExport runs warcio.js (npm) over the fixture's
// export, as replay tools index a WARC: every response and revisit is a
// capture of its URL with its HTTP status (the redirect hops with theirs,
// the 304 with its own), a POST capture is paired with its request record
// and keyed by its form (each page of the list API its own key), and
// metadata records are not captures.
func TestWarcioIndexesTheExport(t *testing.T) {
	cli := warcioCLI(t)
	wants, data, _ := exportFixture(t)
	var got []string
	for _, line := range strings.Split(strings.TrimSpace(cdxIndex(t, cli, data)), "\n") {
		_, js, ok := strings.Cut(line, " {")
		if !ok {
			t.Fatalf("warcio cdx-index line %q: no JSON", line)
		}
		var c struct{ URL, Mime, Status, Method, RequestBody string }
		if err := json.Unmarshal([]byte("{"+js), &c); err != nil {
			t.Fatalf("warcio cdx-index line %q: %v", line, err)
		}
		key, _, _ := strings.Cut(line, " ")
		capture := fmt.Sprintf("%s %s revisit=%v", c.URL, c.Status, c.Mime == "warc/revisit")
		if c.Method != "" {
			capture += fmt.Sprintf(" %s %q keyed %v", c.Method, c.RequestBody, strings.Contains(key, "__wb_method=post&"))
		}
		got = append(got, capture)
	}
	var want []string
	for i, w := range wants {
		if w.typ != gowarc.Response && w.typ != gowarc.Revisit {
			continue
		}
		capture := fmt.Sprintf("%s %d revisit=%v", w.target, w.status, w.typ == gowarc.Revisit)
		if i+1 < len(wants) && wants[i+1].typ == gowarc.Request {
			capture += fmt.Sprintf(" POST %q keyed true", wants[i+1].payload)
		}
		want = append(want, capture)
	}
	if !slices.Equal(got, want) {
		t.Errorf("warcio cdx-index captures:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestWarcioIndexesACrawl exports what the crawler archived from a
// simulated farm (TRS with GBK pages, Hanweb with its POST list API, plain
// sites; one report behind two redirects), crawled twice so that the
// second pass brings revisits and 304s, and has warcio.js index it: every
// response and revisit the export wrote is a capture, and the report behind
// the redirects is reachable from its original URL through the 302s.
func TestWarcioIndexesACrawl(t *testing.T) {
	cli := warcioCLI(t)
	farm, err := portalsim.NewFarm(portalsim.FarmOptions{Hosts: 3, Reports: 12}, portalsim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer farm.Close()
	moved := farm.Hosts()[2].ReportURLs()[0]
	farm.Hosts()[2].Inject(moved, portalsim.Fault{Kind: portalsim.RedirectChain, Size: 2})
	s := MustOpen(t)
	cr := crawler.New(s, nil, crawler.Options{})
	set := config.DefaultCrawl()
	set.Delay, set.Retries = 0, 0
	for range 2 {
		for _, h := range farm.Hosts() {
			u, _ := url.Parse(h.ColumnURL())
			p := config.Portal{Name: h.Site.Name, Agency: h.Site.Agency, Column: h.ColumnURL(),
				AllowedHosts: []string{u.Hostname()}, Pagination: "auto", Crawl: set}
			if _, err := cr.Run(context.Background(), p); err != nil {
				t.Fatal(err)
			}
		}
	}
	data, sum := MustExport(t, s, fixedOptions())
	if sum.Requests == 0 || sum.Revisits == 0 {
		t.Fatalf("export %+v: want POST captures with their requests and revisits from the second pass", sum)
	}
	out := cdxIndex(t, cli, data)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != sum.Responses+sum.Revisits {
		t.Errorf("warcio indexed %d captures, the export wrote %d responses and %d revisits", len(lines), sum.Responses, sum.Revisits)
	}
	for _, want := range []string{`"url":"` + moved + `","mime":"text/html","status":"302"`, `"url":"` + moved + `?hop=1",`, `"method":"POST"`} {
		if !strings.Contains(out, want) {
			t.Errorf("warcio's index has no capture with %s", want)
		}
	}
}
