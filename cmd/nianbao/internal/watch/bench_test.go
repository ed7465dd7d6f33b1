package watch_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/watch"
	"github.com/nianbao/nianbao/config"
	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/store"
)

// memoExtractions serves extractions from memory by body hash, as the
// daemon's cache in the archive does after the crawl extracted each body.
type memoExtractions struct {
	mu   sync.Mutex
	next watch.Extractions
	memo map[string]*extract.Report
}

func (m *memoExtractions) Extraction(ctx context.Context, r store.Report, v store.Version) (*extract.Report, error) {
	m.mu.Lock()
	rep, ok := m.memo[v.SHA256]
	m.mu.Unlock()
	if ok {
		return rep, nil
	}
	rep, err := m.next.Extraction(ctx, r, v)
	if err == nil {
		m.mu.Lock()
		m.memo[v.SHA256] = rep
		m.mu.Unlock()
	}
	return rep, err
}

// benchArchive writes an archive of 2,500 reports with four fetches each
// (10,000 versions): content, the same content again, edited content
// (figures changed), then 404.
func benchArchive(b *testing.B, path string, x *extract.Extractor) {
	b.Helper()
	ctx := context.Background()
	st, err := store.Open(path, store.Options{NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	page := func(agency string, n, rev int) []byte {
		return fmt.Appendf(nil, `<html><head><title>%s2024年政府信息公开工作年度报告</title></head><body><div class="content">
<p>一、总体情况</p><p>%s全年主动公开政府信息%d条。</p>
<p>三、收到和处理政府信息公开申请情况</p><p>本年新收申请%d件。</p><p>发布时间：2025-01-20</p></div></body></html>`, agency, agency, 100+n+rev*7, 10+rev)
	}
	t0 := time.Date(2025, 1, 20, 0, 0, 0, 0, time.UTC)
	hdr := http.Header{"Content-Type": {"text/html; charset=utf-8"}}
	for n := range 2500 {
		agency := fmt.Sprintf("第%04d号机关", n)
		u := fmt.Sprintf("http://127.0.0.1:1/%d.html", n)
		var first store.Version
		for i, f := range []store.Fetch{
			{URL: u, Status: 200, Header: hdr, Body: page(agency, n, 0), FetchedAt: t0},
			{URL: u, Status: 200, Header: hdr, Body: page(agency, n, 0), FetchedAt: t0.Add(24 * time.Hour)},
			{URL: u, Status: 200, Header: hdr, Body: page(agency, n, 1), FetchedAt: t0.Add(48 * time.Hour)},
			{URL: u, Status: 404, FetchedAt: t0.Add(72 * time.Hour)},
		} {
			v, err := st.Record(ctx, f)
			if err != nil {
				b.Fatal(err)
			}
			if i == 0 {
				first = v
			}
		}
		if _, err := st.IndexReport(ctx, store.ReportEntry{Agency: agency, Year: 2024, URL: u, Title: agency + "年报", VersionID: first.ID}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDerive10kVersions derives the events of an archive of 10,000
// versions (2,500 reports: new, changed, withdrawn) from scratch, once
// with every extraction cached (the daemon's case after its crawls) and
// once extracting every content version.
func BenchmarkDerive10kVersions(b *testing.B) {
	x, err := extract.New()
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	src := filepath.Join(dir, "src.db")
	benchArchive(b, src, x)
	data, err := os.ReadFile(src)
	if err != nil {
		b.Fatal(err)
	}
	warm := &memoExtractions{memo: map[string]*extract.Report{}}
	for _, tc := range []struct {
		name   string
		cached bool
	}{{"cached", true}, {"extracting", false}} {
		b.Run(tc.name, func(b *testing.B) {
			var events int
			for b.Loop() {
				b.StopTimer()
				path := filepath.Join(dir, "run.db")
				if err := os.WriteFile(path, data, 0o600); err != nil {
					b.Fatal(err)
				}
				st, err := store.Open(path, store.Options{NoSync: true})
				if err != nil {
					b.Fatal(err)
				}
				var ex watch.Extractions = watch.NewExtractions(st, x)
				if tc.cached {
					warm.next = ex
					ex = warm
				}
				d := watch.NewDeriver(st, ex, nil, nil)
				if tc.cached && len(warm.memo) == 0 { // fill the cache outside the timing
					if _, err := d.Derive(context.Background(), nil, time.Now()); err != nil {
						b.Fatal(err)
					}
					st.Close()
					os.WriteFile(path, data, 0o600)
					if st, err = store.Open(path, store.Options{NoSync: true}); err != nil {
						b.Fatal(err)
					}
					d = watch.NewDeriver(st, warm, nil, nil)
				}
				b.StartTimer()
				res, err := d.Derive(context.Background(), nil, time.Now())
				if err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				events = len(res.Added)
				st.Close()
				b.StartTimer()
			}
			if events != 7500 {
				b.Fatalf("derived %d events, want 7500 (new, changed, withdrawn per report)", events)
			}
		})
	}
	// A pass over the same archive once derived: what the daemon pays
	// after a crawl that brought nothing new.
	b.Run("again", func(b *testing.B) {
		path := filepath.Join(dir, "again.db")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			b.Fatal(err)
		}
		st, err := store.Open(path, store.Options{NoSync: true})
		if err != nil {
			b.Fatal(err)
		}
		defer st.Close()
		warm.next = watch.NewExtractions(st, x)
		d := watch.NewDeriver(st, warm, nil, nil)
		if _, err := d.Derive(context.Background(), nil, time.Now()); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			res, err := d.Derive(context.Background(), nil, time.Now())
			if err != nil || res.Derived != 0 {
				b.Fatalf("second pass derived %d reports (%v), want 0", res.Derived, err)
			}
		}
	})
}

// BenchmarkFeed100kEvents serves /feeds/events.atom from an archive of
// 100,000 events: the newest 50, one agency's (a scan of the index), and
// one kind's.
func BenchmarkFeed100kEvents(b *testing.B) {
	st, err := store.Open(filepath.Join(b.TempDir(), "a.db"), store.Options{NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	kinds := []watch.Kind{watch.KindNew, watch.KindChanged, watch.KindWithdrawn, watch.KindRestored}
	for chunk := range 100 {
		var evs []store.Event
		for i := range 1000 {
			n := chunk*1000 + i
			e := watch.Event{ID: fmt.Sprintf("%032x", n+1), Kind: kinds[n%4], Time: t0.Add(time.Duration(n) * time.Minute),
				Agency: fmt.Sprintf("第%04d号机关", n%5000), Region: fmt.Sprintf("第%02d省", n%31), Year: 2024,
				ReportID: fmt.Sprintf("%016x", n%5000), Versions: []string{fmt.Sprint(n), fmt.Sprint(n + 1)}, Link: "/reports/x/history",
				Text: []string{"- 全年主动公开政府信息100条。", "+ 全年主动公开政府信息107条。"}, TextSummary: "1 行删除, 1 行新增"}
			data, _ := json.Marshal(e)
			evs = append(evs, store.Event{ID: e.ID, Time: e.Time, Scope: fmt.Sprintf("report/%d", chunk), Data: data})
		}
		if _, err := st.ReplaceEvents(context.Background(), fmt.Sprintf("report/%d", chunk), 1, evs); err != nil {
			b.Fatal(err)
		}
	}
	h := watch.NewReader(st, nil, func() []config.Portal { return nil }, nil).FeedHandler()
	for _, q := range []string{"", "agency=" + url.QueryEscape("第4999号机关"), "kind=report_restored"} {
		b.Run("?"+q, func(b *testing.B) {
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/feeds/events.atom?"+q, nil))
				if rec.Code != 200 {
					b.Fatalf("GET ?%s = %d", q, rec.Code)
				}
			}
		})
	}
}
