package crawler

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/nianbao/nianbao/config"
	"github.com/nianbao/nianbao/store"
)

// Archive is the subset of *store.Store the crawler calls. Implementations
// must be safe for concurrent use.
type Archive interface {
	Record(ctx context.Context, f store.Fetch) (store.Version, error)
	Body(ctx context.Context, sha256 string) ([]byte, error)
	Validators(ctx context.Context, url string) (etag, lastModified string, err error)
	IndexReport(ctx context.Context, e store.ReportEntry) (store.Report, error)
	StartRun(ctx context.Context, portal string) (store.Run, error)
	FinishRun(ctx context.Context, r store.Run) error
	LastRun(ctx context.Context, portal string) (store.Run, error)
	// LastRunEnds reads the last run of many portals at once (the
	// scheduler's start-up); see store.Store.LastRunEnds.
	LastRunEnds(ctx context.Context, portals []string, fn func(portal string, r store.RunEnd)) error
	SaveFrontier(ctx context.Context, portal string, pending []store.FrontierItem, done []string) error
	Frontier(ctx context.Context, portal string) (pending []store.FrontierItem, done []string, err error)
	ClearFrontier(ctx context.Context, portal string) error
}

// Classifier decides whether a fetched report candidate is an annual report.
// cmd/nianbao implements it with extract; the crawler never imports extract.
type Classifier interface {
	// Classify decides whether a fetched page is an annual report and, if so,
	// what to index. Empty fields of the entry are filled by the crawler:
	// Portal, URL, VersionID, Agency and Region from the portal, Year from
	// the link, Title from the link text. An error is logged and the page
	// stays archived but unindexed.
	Classify(ctx context.Context, p Page) (entry store.ReportEntry, isReport bool, err error)
}

// ClassifierFunc adapts a function to Classifier.
type ClassifierFunc func(ctx context.Context, p Page) (store.ReportEntry, bool, error)

// Classify calls f.
func (f ClassifierFunc) Classify(ctx context.Context, p Page) (store.ReportEntry, bool, error) {
	return f(ctx, p)
}

// Page is a fetched report candidate handed to the Classifier. Body is the
// raw body in force (for a 304, the archived body); it must not be modified.
// For a Document the crawler leaves Body nil and sets Load, which reads
// the archived body: documents queue for the extractor (PDFium reads one at
// a time) and a queued document then holds no memory. Raw returns either.
type Page struct {
	Portal   config.Portal
	Version  store.Version
	Body     []byte
	Load     func(ctx context.Context) ([]byte, error)
	LinkText string // the anchor text or title that named the report
	LinkYear int    // the year the link named, 0 when none
	// Referrer is the page that linked the candidate (a list page, a list
	// API's column, or the shell page around a document).
	Referrer string
	// Document: the candidate is a file (.pdf .doc .docx .wps .ofd .xls
	// .xlsx …, or any body that is not HTML) rather than a page: a report
	// published as a document. Until the extractor reads its format the
	// Classifier should still index it from LinkText and LinkYear, with a
	// status saying it was not read, never drop it.
	Document bool
}

// Raw returns the page's body: Body, or what Load reads when Body is nil.
func (p Page) Raw(ctx context.Context) ([]byte, error) {
	if p.Body != nil || p.Load == nil {
		return p.Body, nil
	}
	return p.Load(ctx)
}

// Progress is reported after every fetch of a run, from the run's workers
// (the callback must be safe for concurrent use and quick).
type Progress struct {
	Portal  string
	Done    int  // fetches finished in this run (a resumed run counts those finished before the interruption)
	Queued  int  // fetches known but not finished
	Reports int  // pages indexed as reports so far
	Failed  int  // fetches archived as failed so far
	Final   bool // the run has ended
	URL     string
}

// Options configure a Crawler. Zero values take the documented defaults.
type Options struct {
	Logger   *slog.Logger     // default: discard
	Now      func() time.Time // fetch times, run ends, robots.txt expiry; default time.Now
	Metrics  *Metrics         // nil: no metrics
	Progress func(Progress)   // nil: no progress reports
	// Client's Transport (its connection pool) carries every request; its
	// other fields are not used. Default: the crawler's own transport,
	// whose every connection goes through the address guard. A Transport
	// given here replaces that guard: the caller owns what it connects to.
	Client *http.Client
	// Resolver resolves host names for the crawler's own transport (nil:
	// net.DefaultResolver). The address guard judges the addresses it
	// returns; tests use it to map names to loopback addresses.
	Resolver *net.Resolver
	// AllowPrivateNetworks lets the crawler connect to private addresses
	// (RFC 1918, 100.64.0.0/10, fc00::/7) of hosts the config does not
	// name, for operators who crawl intranet portals on purpose. Loopback,
	// link-local, multicast and unspecified addresses stay refused.
	AllowPrivateNetworks bool
	// RetryBackoff is the first retry's wait; it doubles per attempt, plus
	// up to 50% jitter. Default 1s.
	RetryBackoff time.Duration
	// MaxRetryAfter is the longest Retry-After honoured within a run; a
	// longer one ends the URL's attempts (archived as failed). Default 2m.
	MaxRetryAfter time.Duration
	// FrontierEvery is how many finished fetches may pass between two saves
	// of the frontier. Default 20.
	FrontierEvery int
	// Simplify converts Traditional Chinese to Simplified (the extractor's
	// zhconv.Converter.Simplify), so report titles and pagination labels
	// in either script match one word list. nil: text is matched as
	// written, and Traditional-script columns yield no report links.
	Simplify func(string) string
	// MaxWorkers bounds one run's workers, which fetch, archive and parse
	// (the per-host limits on fetches apply below it). Default 16.
	MaxWorkers int
}

// Crawler runs portals. One Crawler is shared by every run of a process:
// it holds the connection pool, the per-host limiter and the robots.txt
// cache (per host, not per portal; idle entries expire). Safe for
// concurrent use; Run refuses two simultaneous runs of one portal.
type Crawler struct {
	archive      Archive
	classifier   Classifier
	opts         Options
	log          *slog.Logger
	now          func() time.Time
	metrics      *Metrics
	transport    *transport
	robotsClient *http.Client
	limiter      *hostLimiter
	robots       *robotsCache
	words        wording
	guard        *addressGuard

	mu      sync.Mutex
	running map[string]bool
}

// New returns a Crawler writing to a and asking c about report candidates
// (c may be nil: pages are archived, nothing is indexed).
func New(a Archive, c Classifier, opts Options) *Crawler {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.RetryBackoff <= 0 {
		opts.RetryBackoff = time.Second
	}
	if opts.MaxRetryAfter <= 0 {
		opts.MaxRetryAfter = 2 * time.Minute
	}
	if opts.FrontierEvery <= 0 {
		opts.FrontierEvery = 20
	}
	if opts.MaxWorkers <= 0 {
		opts.MaxWorkers = 16
	}
	guard := newAddressGuard(opts.Resolver, opts.AllowPrivateNetworks)
	if opts.AllowPrivateNetworks {
		opts.Logger.Warn("crawl.allow_private_networks is on: the crawler may connect to private addresses (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7) of any host; loopback and link-local stay refused")
	}
	var base http.RoundTripper = newBaseTransport(guard)
	if opts.Client != nil && opts.Client.Transport != nil {
		base = opts.Client.Transport
	}
	limiter := newHostLimiter()
	return &Crawler{
		archive:    a,
		classifier: c,
		opts:       opts,
		log:        opts.Logger,
		now:        opts.Now,
		metrics:    opts.Metrics,
		transport:  &transport{base: base, sent: limiter.sent},
		// robots.txt needs no capture, so it goes straight to the pool.
		robotsClient: &http.Client{Transport: base, CheckRedirect: checkRedirect},
		limiter:      limiter,
		robots:       newRobotsCache(opts.Now),
		guard:        guard,
		running:      make(map[string]bool),
		words:        wording{simplify: opts.Simplify},
	}
}

// NameHosts sets the hosts the config names — every portal's column host
// and allowed_hosts — which the crawler may connect to at any address,
// loopback and private ones included; every other host is refused such
// addresses (failed fetches with reason blocked_address_ADDR). The
// Scheduler calls it with its portals at Start and Update; a portal being
// Run is always named for the length of its run. Safe for concurrent use.
func (c *Crawler) NameHosts(portals []config.Portal) {
	c.guard.name(portals)
	c.robots.forgetBlocked()
}

// claim marks portal as running; false when it already is.
func (c *Crawler) claim(portal string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.running[portal] {
		return false
	}
	c.running[portal] = true
	return true
}

func (c *Crawler) unclaim(portal string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.running, portal)
}

// Close closes the idle connections of the crawler's pool. Runs in progress
// are not affected; the Crawler stays usable.
func (c *Crawler) Close() {
	type idleCloser interface{ CloseIdleConnections() }
	if t, ok := c.transport.base.(idleCloser); ok {
		t.CloseIdleConnections()
	}
}
