package watch_test

import (
	"context"
	"net/url"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/watch"
	"github.com/nianbao/nianbao/config"
	"github.com/nianbao/nianbao/crawler"
	"github.com/nianbao/nianbao/crawler/portalsim"
	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/store"
)

// clock is simulated time, shared by the portals, the crawler, the store
// and the watch package.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Set(t time.Time) { c.mu.Lock(); defer c.mu.Unlock(); c.t = t }

// world is an archive, the crawler that fills it and the watch package's
// pieces over it.
type world struct {
	path    string
	st      *store.Store
	x       *extract.Extractor
	crawler *crawler.Crawler
	clock   *clock
}

func newWorld(tb testing.TB, c *clock) *world {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "archive.db")
	st, err := store.Open(path, store.Options{NoSync: true, Now: c.Now})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	x, err := extract.New()
	if err != nil {
		tb.Fatal(err)
	}
	w := &world{path: path, st: st, x: x, clock: c}
	w.crawler = crawler.New(st, crawler.ClassifierFunc(w.classify), crawler.Options{Now: c.Now, RetryBackoff: time.Millisecond})
	return w
}

// classify does what the daemon's classifier does: extract with the
// portal's agency and region as hints, index what is a report.
func (w *world) classify(ctx context.Context, p crawler.Page) (store.ReportEntry, bool, error) {
	body, err := p.Raw(ctx)
	if p.Version.SHA256 == "" || len(body) == 0 || err != nil {
		return store.ReportEntry{}, false, err
	}
	rep, err := w.x.Extract(extract.Input{Body: body, ContentType: p.Version.ContentType, URL: p.Version.URL, Agency: p.Portal.Agency, Region: p.Portal.Region})
	if err != nil || !rep.IsReport {
		return store.ReportEntry{}, false, err
	}
	return store.ReportEntry{Agency: rep.Agency, Region: rep.Region, Title: rep.Title, Published: rep.Published,
		Template: rep.Template, URL: p.Version.URL, Portal: p.Portal.Name, Year: rep.Year, VersionID: p.Version.ID}, true, nil
}

func (w *world) crawl(tb testing.TB, ps ...config.Portal) {
	tb.Helper()
	for _, p := range ps {
		if _, err := w.crawler.Run(context.Background(), p); err != nil {
			tb.Fatalf("crawl %s: %v", p.Name, err)
		}
	}
}

// portalOf is the config a user would write for h.
func portalOf(h *portalsim.Host, level string) config.Portal {
	u, _ := url.Parse(h.ColumnURL())
	return config.Portal{
		Name: h.Site.Name, Agency: h.Site.Agency, Region: h.Site.Region, Level: level, Column: h.ColumnURL(),
		AllowedHosts: []string{u.Hostname()}, Pagination: "auto",
		Crawl: config.Crawl{UserAgent: "nianbao-test", Delay: time.Millisecond, Parallelism: 2, Timeout: 5 * time.Second,
			MaxBody: 4 << 20, Retries: 1, Robots: true, MaxPages: 100},
	}
}

func (w *world) deriver() *watch.Deriver {
	return watch.NewDeriver(w.st, watch.NewExtractions(w.st, w.x), nil, nil)
}

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t.Add(4 * time.Hour) // noon in China
}
