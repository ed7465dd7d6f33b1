package webui

import (
	"context"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/testarchive"
)

// chromiumPath finds a Chromium or Chrome binary; the browser test skips
// when there is none (CI installs none).
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

// TestUIInBrowser loads the matrix and a report page in headless
// Chromium under the UI's CSP: the link from the matrix leads to the
// report, the tables show the numbers, and the stylesheet applies (a
// failing cell is tinted), so the CSP lets our own CSS through. The
// browser only reaches the loopback test server: every other host goes
// to a dead proxy.
func TestUIInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test in -short mode")
	}
	exe := chromiumPath(t)
	sd := testarchive.SeedUI(t)
	srv := httptest.NewServer(newTestUI(t, sd))
	defer srv.Close()

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.ProxyServer("http://127.0.0.1:9"), // nothing listens: no page can reach past loopback
		chromedp.UserDataDir(t.TempDir()),
	)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	defer acancel()
	bctx, bcancel := chromedp.NewContext(actx)
	defer bcancel()

	err := chromedp.Do(bctx,
		chromedp.Navigate(srv.URL+"/?agency="+"%E5%AE%BF%E9%81%B7"), // 宿遷
		chromedp.WaitVisible(`table.matrix a.report`),
	)
	if err != nil {
		t.Fatal(err)
	}
	// The 2021 column's link: the last in the row (2020 comes first).
	link, err := chromedp.Run(bctx, chromedp.AttributeValue(`table.matrix tbody tr td:last-child a.report`, "href"))
	if err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(bctx, chromedp.Click(`table.matrix tbody tr td:last-child a.report`), chromedp.WaitVisible(`td[data-cell="requests/new/6"]`))
	if err != nil {
		t.Fatal(err)
	}
	read := func(a chromedp.Action[string]) string {
		v, err := chromedp.Run(bctx, a)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	href := link.Value
	title := read(chromedp.Text(`h1`))
	total := read(chromedp.Text(`td[data-cell="requests/new/6"]`))
	blank := read(chromedp.Text(`td[data-cell="requests/rejected_repeat/0"]`))
	failBg := read(chromedp.Evaluate[string](`getComputedStyle(document.querySelector('td.fail')).backgroundColor`))
	nullBg := read(chromedp.Evaluate[string](`getComputedStyle(document.querySelector('td.null')).backgroundImage`))
	for _, c := range []struct{ what, got, want string }{
		{"matrix link", href, "/reports/" + sd.ReportID},
		{"report title", title, "宿迁市人民政府2021年"},
		{"一、本年新收 总计", total, "10"},
		{"blank cell", blank, "空"},
		{"failing cell background (stylesheet applied)", failBg, "rgb(253, 226, 225)"},
		{"blank cell pattern (stylesheet applied)", nullBg, "repeating-linear-gradient"},
	} {
		if !strings.Contains(c.got, c.want) {
			t.Errorf("%s = %q, want %q", c.what, c.got, c.want)
		}
	}
}
