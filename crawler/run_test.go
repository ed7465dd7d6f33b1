package crawler

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nianbao/nianbao/config"
	"github.com/nianbao/nianbao/store"
)

// testPortal is a small TRS-style portal: two list pages, report pages
// (one in GBK), a decoy, a notice, a robots-disallowed report, a PDF and an
// attachment. Pages answer conditional GETs by ETag.
type testPortal struct {
	mu     sync.Mutex
	pages  map[string][]byte
	types  map[string]string
	block  chan struct{} // when set, /nb/r2021.html waits for it
	srv    string
	hits   *hitLog
	served map[string]int
}

func newTestPortal(t *testing.T) *testPortal {
	t.Helper()
	p := &testPortal{pages: map[string][]byte{}, types: map[string]string{}, served: map[string]int{}}
	html := func(path, body string) { p.pages[path], p.types[path] = []byte(body), "text/html; charset=utf-8" }
	html("/robots.txt", "User-agent: *\nDisallow: /private/\n")
	p.types["/robots.txt"] = "text/plain"
	html("/nb/index.html", `<html><body><ul>
<li><a href="r2023.html" title="某区人民政府2023年政府信息公开工作年度报告">某区人民政府2023年政府...</a></li>
<li><a href="r2022.html">二〇二二年政府信息公开工作年度报告</a></li>
<li><a href="/zn.html">2023年政府信息公开指南</a></li>
<li><a href="notice.html">2023年政府信息公开工作年度报告发布安排</a></li>
<li><a href="/private/r2020.html">2020年政府信息公开工作年度报告</a></li>
</ul><script>createPageHTML(2, 0, "index", "html");</script></body></html>`)
	html("/nb/index_1.html", `<html><body><ul>
<li><a href="r2021.html">2021年政府信息公开工作年度报告</a></li>
<li><a href="/files/2019nb.pdf">2019年政府信息公开年报</a></li>
</ul><script>createPageHTML(2, 1, "index", "html");</script></body></html>`)
	html("/nb/r2023.html", `<html><body><h1>某区人民政府2023年政府信息公开工作年度报告</h1><p>一、总体情况</p>
<a href="/files/2023tables.xlsx">附件：统计表</a><a href="/nb/index.html">返回</a></body></html>`)
	p.pages["/nb/r2022.html"] = gbk(t, `<html><head><meta charset="gb2312"></head><body><h1>二〇二二年政府信息公开工作年度报告</h1></body></html>`)
	p.types["/nb/r2022.html"] = "text/html"
	html("/nb/r2021.html", `<html><body><h1>2021年政府信息公开工作年度报告</h1></body></html>`)
	html("/nb/notice.html", `<html><body><h1>关于做好2023年政府信息公开工作年度报告编制发布工作的通知</h1></body></html>`)
	html("/private/r2020.html", `<html><body>2020年政府信息公开工作年度报告</body></html>`)
	html("/zn.html", `<html><body>指南</body></html>`)
	p.pages["/files/2019nb.pdf"], p.types["/files/2019nb.pdf"] = []byte("%PDF-1.4 2019"), "application/pdf"
	p.pages["/files/2023tables.xlsx"], p.types["/files/2023tables.xlsx"] = []byte("PK\x03\x04 xlsx"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

	srv, hits := newServer(t, http.HandlerFunc(p.serve))
	p.srv, p.hits = srv.URL, hits
	return p
}

func (p *testPortal) serve(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	body, ok := p.pages[r.URL.Path]
	ct := p.types[r.URL.Path]
	block := p.block
	p.served[r.URL.Path]++
	p.mu.Unlock()
	if r.URL.Path == "/nb/r2021.html" && block != nil {
		select {
		case <-block:
		case <-r.Context().Done():
			return
		}
	}
	if !ok {
		http.NotFound(w, r)
		return
	}
	etag := fmt.Sprintf(`"%x"`, sha256.Sum256(body))
	w.Header().Set("ETag", etag)
	w.Header().Set("Content-Type", ct)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Write(body)
}

func (p *testPortal) set(path, body string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if body == "" {
		delete(p.pages, path)
		return
	}
	p.pages[path] = []byte(body)
}

func (p *testPortal) portal() config.Portal {
	return config.Portal{
		Name: "testportal", Agency: "某区人民政府", Region: "某省某市某区", Column: p.srv + "/nb/index.html",
		Schedule: "0 3 * * *", Pagination: "auto",
		Crawl: config.Crawl{
			UserAgent: "nianbao-test/1.0", Delay: 5 * time.Millisecond, Parallelism: 2, Timeout: 2 * time.Second,
			MaxBody: 1 << 20, Retries: 1, Robots: true, MaxPages: 100, Attachments: true,
		},
	}
}

// fakeClassifier accepts pages naming 政府信息公开工作年度报告 unless they are
// notices (通知); it records what it was asked.
type fakeClassifier struct {
	mu    sync.Mutex
	asked map[string]Page
}

func (f *fakeClassifier) Classify(ctx context.Context, p Page) (store.ReportEntry, bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.asked == nil {
		f.asked = map[string]Page{}
	}
	f.asked[p.Version.URL] = p
	body, err := p.Raw(ctx)
	if err != nil {
		return store.ReportEntry{}, false, err
	}
	text := string(decodeHTML(body, p.Version.ContentType, ""))
	if !strings.Contains(text, "政府信息公开工作年度报告") || strings.Contains(text, "通知") {
		return store.ReportEntry{}, false, nil
	}
	return store.ReportEntry{Template: "T2021"}, true, nil
}

func TestRunArchivesColumn(t *testing.T) {
	tp := newTestPortal(t)
	a := newMemArchive()
	cls := &fakeClassifier{}
	var progress []Progress
	var pmu sync.Mutex
	cr := New(a, cls, Options{RetryBackoff: 10 * time.Millisecond, FrontierEvery: 2, Progress: func(p Progress) {
		pmu.Lock()
		progress = append(progress, p)
		pmu.Unlock()
	}})
	t.Cleanup(cr.Close)
	p := tp.portal()
	run, err := cr.Run(context.Background(), p)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	u := func(path string) string { return tp.srv + path }
	wantOutcomes := map[string]string{
		"/nb/index.html": "new", "/nb/index_1.html": "new",
		"/nb/r2023.html": "new", "/nb/r2022.html": "new", "/nb/r2021.html": "new", "/nb/notice.html": "new",
		"/files/2019nb.pdf": "new", "/files/2023tables.xlsx": "new",
		"/private/r2020.html": "failed(robots)",
	}
	for path, want := range wantOutcomes {
		if got := strings.Join(a.outcomes(u(path)), ","); got != want {
			t.Errorf("%s archived as %q, want %q", path, got, want)
		}
	}
	if got := a.outcomes(u("/zn.html")); len(got) != 0 {
		t.Errorf("decoy 指南 archived: %v", got)
	}
	if n := tp.hits.count("/private/r2020.html"); n != 0 {
		t.Errorf("robots-disallowed page fetched %d times", n)
	}
	// Raw bytes are archived untouched (the GBK page).
	if got := a.versions[u("/nb/r2022.html")][0].SHA256; got != fmt.Sprintf("%x", sha256.Sum256(tp.pages["/nb/r2022.html"])) {
		t.Errorf("GBK page archived with a different hash")
	}
	reports := a.reported()
	var years []int
	for _, e := range reports {
		years = append(years, e.Year)
		if e.Agency != "某区人民政府" || e.Portal != "testportal" || e.VersionID == "" || e.Template != "T2021" {
			t.Errorf("report entry %+v lacks defaults", e)
		}
	}
	sort.Ints(years)
	if fmt.Sprint(years) != "[2021 2022 2023]" {
		t.Errorf("indexed years = %v, want [2021 2022 2023]", years)
	}
	if e := reports[u("/nb/r2023.html")]; e.Title != "某区人民政府2023年政府信息公开工作年度报告" {
		t.Errorf("title from link = %q", e.Title)
	}
	if _, ok := cls.asked[u("/nb/notice.html")]; !ok {
		t.Error("the notice was not shown to the classifier")
	}
	if pg := cls.asked[u("/nb/r2022.html")]; pg.LinkYear != 2022 || pg.LinkText != "二〇二二年政府信息公开工作年度报告" {
		t.Errorf("classifier saw link %q/%d", pg.LinkText, pg.LinkYear)
	}
	// A page comes with its body; a document comes without, to be read
	// back from the archive when the classifier gets to it.
	if pg := cls.asked[u("/nb/r2022.html")]; !bytes.Equal(pg.Body, tp.pages["/nb/r2022.html"]) || pg.Document {
		t.Errorf("classifier saw the report page as document=%v with %d bytes, want its %d bytes", pg.Document, len(pg.Body), len(tp.pages["/nb/r2022.html"]))
	}
	pdf := cls.asked[u("/files/2019nb.pdf")]
	if !pdf.Document || pdf.Body != nil || pdf.Load == nil {
		t.Errorf("classifier saw the PDF as document=%v, %d bytes in hand, loader set=%v; want a document to load", pdf.Document, len(pdf.Body), pdf.Load != nil)
	} else if raw, err := pdf.Raw(context.Background()); err != nil || !bytes.Equal(raw, tp.pages["/files/2019nb.pdf"]) {
		t.Errorf("the PDF's Raw = %q, %v; want the archived bytes %q", raw, err, tp.pages["/files/2019nb.pdf"])
	}
	if run.Counts[store.OutcomeNew] != 8 || run.Counts[store.OutcomeFailed] != 1 || run.Failures["robots"] != 1 || run.Reports != 3 || run.Error != "" {
		t.Errorf("run = %+v", run)
	}
	if last := progress[len(progress)-1]; !last.Final || last.Reports != 3 || last.Done != 9 {
		t.Errorf("last progress = %+v", last)
	}
	if pending, done, _ := a.Frontier(context.Background(), p.Name); len(pending)+len(done) != 0 {
		t.Errorf("frontier left after a complete run: %d pending, %d done", len(pending), len(done))
	}

	// Second run: every page answers 304; nothing new is archived, reports stay indexed.
	before := a.newVersions()
	tp.set("/nb/r2021.html", `<html><body><h1>2021年政府信息公开工作年度报告（修订）</h1></body></html>`)
	run2, err := cr.Run(context.Background(), p)
	if err != nil {
		t.Fatalf("second Run: %v", err)
	}
	if got := a.outcomes(u("/nb/r2023.html")); strings.Join(got, ",") != "new,not_modified" {
		t.Errorf("second fetch of an unchanged report = %v, want new,not_modified", got)
	}
	if got := a.outcomes(u("/nb/r2021.html")); strings.Join(got, ",") != "new,new" {
		t.Errorf("edited report = %v, want new,new", got)
	}
	if a.newVersions() != before+1 || run2.Reports != 3 || run2.Counts[store.OutcomeNotModified] != 7 {
		t.Errorf("second run = %+v; new versions %d -> %d", run2, before, a.newVersions())
	}
	if h := tp.hits.header("/nb/r2023.html", 1); h.Get("If-None-Match") == "" {
		t.Error("second fetch was not conditional")
	}
	// A 304 list page is still walked from the archived body.
	if n := tp.hits.count("/nb/index_1.html"); n != 2 {
		t.Errorf("page 2 fetched %d times, want 2", n)
	}
}

func TestRunResumesFrontier(t *testing.T) {
	tp := newTestPortal(t)
	tp.block = make(chan struct{})
	a := newMemArchive()
	cr := New(a, &fakeClassifier{}, Options{RetryBackoff: 10 * time.Millisecond, FrontierEvery: 1})
	t.Cleanup(cr.Close)
	p := tp.portal()
	p.Crawl.Parallelism = 1

	// First run: killed while /nb/r2021.html hangs.
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		for tp.hits.count("/nb/r2021.html") == 0 {
			time.Sleep(5 * time.Millisecond)
		}
		cancel()
	}()
	_, err := cr.Run(ctx, p)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted Run error = %v, want context.Canceled", err)
	}
	pending, done, _ := a.Frontier(context.Background(), p.Name)
	if len(pending) == 0 || len(done) == 0 {
		t.Fatalf("frontier after interruption: %d pending, %d done", len(pending), len(done))
	}
	close(tp.block)
	hitsBefore := map[string]int{}
	for _, path := range []string{"/nb/index.html", "/nb/index_1.html", "/nb/r2023.html"} {
		hitsBefore[path] = tp.hits.count(path)
	}

	// Second run continues from the frontier: finished pages are not fetched again.
	run, err := cr.Run(context.Background(), p)
	if err != nil {
		t.Fatalf("resumed Run: %v", err)
	}
	for path, n := range hitsBefore {
		if got := tp.hits.count(path); got != n {
			t.Errorf("%s fetched again on resume (%d -> %d)", path, n, got)
		}
	}
	for _, vs := range a.versions {
		news := 0
		for _, v := range vs {
			if v.Outcome == store.OutcomeNew {
				news++
			}
		}
		if news > 1 {
			t.Errorf("%s archived as new %d times", vs[0].URL, news)
		}
	}
	if got := a.outcomes(tp.srv + "/nb/r2021.html"); len(got) != 1 || got[0] != "new" {
		t.Errorf("r2021 outcomes = %v, want [new]", got)
	}
	if len(a.reported()) != 3 || run.Error != "" {
		t.Errorf("after resume: %d reports indexed, run %+v", len(a.reported()), run)
	}
	if pending, done, _ := a.Frontier(context.Background(), p.Name); len(pending)+len(done) != 0 {
		t.Error("frontier not cleared after the resumed run completed")
	}
}

func TestRunRefusesOverlap(t *testing.T) {
	tp := newTestPortal(t)
	tp.block = make(chan struct{})
	cr := New(newMemArchive(), nil, Options{})
	t.Cleanup(cr.Close)
	p := tp.portal()
	done := make(chan error, 1)
	go func() {
		_, err := cr.Run(context.Background(), p)
		done <- err
	}()
	for tp.hits.count("/nb/r2021.html") == 0 {
		time.Sleep(5 * time.Millisecond)
	}
	if _, err := cr.Run(context.Background(), p); !errors.Is(err, ErrRunning) {
		t.Errorf("overlapping Run error = %v, want ErrRunning", err)
	}
	close(tp.block)
	if err := <-done; err != nil {
		t.Errorf("first Run: %v", err)
	}
}

func TestRunPageCapAndTrap(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/list", func(w http.ResponseWriter, r *http.Request) {
		// A trap: every page links to a "next" page with the same listing.
		var n int
		fmt.Sscanf(r.URL.Query().Get("page"), "%d", &n)
		fmt.Fprintf(w, `<a href="/r.html">2023年政府信息公开工作年度报告</a><a href="/list?page=%d">下一页</a>`, n+1)
	})
	mux.HandleFunc("/r.html", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("r")) })
	mux.HandleFunc("/cal", func(w http.ResponseWriter, r *http.Request) {
		// An endless calendar: every page is different.
		var n int
		fmt.Sscanf(r.URL.Query().Get("page"), "%d", &n)
		fmt.Fprintf(w, `<a href="/r%d.html">%d年政府信息公开工作年度报告</a><a href="/cal?page=%d">下一页</a>`, n, 2008+n%90, n+1)
	})
	srv, hits := newServer(t, mux)
	a := newMemArchive()
	cr := New(a, nil, Options{})
	t.Cleanup(cr.Close)
	p := config.Portal{Name: "trap", Agency: "x", Column: srv.URL + "/list?page=1",
		Crawl: config.Crawl{Parallelism: 1, Timeout: time.Second, MaxPages: 30}}
	if _, err := cr.Run(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	if n := hits.count("/list?page=3"); n != 0 {
		t.Errorf("trap followed to page 3 (%d hits)", n)
	}
	p = config.Portal{Name: "cal", Agency: "x", Column: srv.URL + "/cal?page=1",
		Crawl: config.Crawl{Parallelism: 1, Timeout: time.Second, MaxPages: 30}}
	run, err := cr.Run(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, n := range run.Counts {
		total += n
	}
	if total != 30 || !strings.Contains(run.Error, "page cap") {
		t.Errorf("capped run fetched %d (error %q), want 30 and a page cap note", total, run.Error)
	}
}

func TestRunRejectsBadPortal(t *testing.T) {
	cr := New(newMemArchive(), nil, Options{})
	for _, p := range []config.Portal{
		{Name: "a", Column: "ftp://x/"},
		{Name: "b", Column: "http://x.gov.cn/", ReportLink: "re:("},
	} {
		if _, err := cr.Run(context.Background(), p); err == nil {
			t.Errorf("Run(%+v) = nil error", p)
		}
	}
}

// frontierReadFails is a memArchive whose saved frontier cannot be read.
type frontierReadFails struct{ *memArchive }

func (frontierReadFails) Frontier(context.Context, string) ([]store.FrontierItem, []string, error) {
	return nil, nil, errors.New("disk on fire")
}

func TestRunKeepsAFrontierItCouldNotRead(t *testing.T) {
	a := newMemArchive()
	saved := []store.FrontierItem{{URL: "http://127.0.0.1:1/nb/r2021.html", Kind: KindReport}}
	if err := a.SaveFrontier(context.Background(), "p", saved, []string{"http://127.0.0.1:1/nb/"}); err != nil {
		t.Fatal(err)
	}
	cr := New(frontierReadFails{a}, nil, Options{})
	t.Cleanup(cr.Close)
	p := config.Portal{Name: "p", Agency: "x", Column: "http://127.0.0.1:1/nb/"}
	if _, err := cr.Run(context.Background(), p); err == nil {
		t.Fatal("Run with an unreadable frontier: nil error, want one")
	}
	pending, done, _ := a.Frontier(context.Background(), "p")
	if len(pending) != 1 || len(done) != 1 {
		t.Errorf("saved frontier after the failed run = %v pending, %v done, want the 1 and 1 saved before", pending, done)
	}
}
