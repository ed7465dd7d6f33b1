package crawler

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/gocolly/colly/v2"

	"github.com/nianbao/nianbao/store"
)

// settings are the effective crawl settings of one portal.
type settings struct {
	userAgent   string
	delay       time.Duration
	parallelism int
	timeout     time.Duration
	maxBody     int64
	retries     int
	robots      bool
	maxPages    int
	attachments bool
	charset     string
}

// maxRedirects bounds a redirect chain.
const maxRedirects = 10

// exchange is the outcome of fetching one URL, after retries.
type exchange struct {
	url      string // requested
	finalURL string
	status   int
	header   http.Header
	body     []byte // raw (content decoding only); nil on failure
	reason   string // non-empty ⇒ failed
	err      error  // diagnostic for logs
	attempts int
	fetched  time.Time
	hops     []store.Redirect // the redirects that led from url to finalURL
}

// fetcher fetches URLs for one run: a fresh colly collector per run, cloned
// per request so each request carries its own deadline and capture.
type fetcher struct {
	cr     *Crawler
	set    settings
	portal string
	base   *colly.Collector
	// column and hosts, when set, stop the column's redirects at the
	// portal's hosts (checkRedirect).
	column string
	hosts  hostSet
}

func newFetcher(cr *Crawler, portal string, set settings) *fetcher {
	c := colly.NewCollector(
		colly.UserAgent(set.userAgent),
		colly.AllowURLRevisit(),
		colly.IgnoreRobotsTxt(),
		colly.ParseHTTPErrorResponse(),
		colly.MaxBodySize(0), // the transport enforces the cap without truncating
	)
	c.SetRequestTimeout(0) // each request's context carries the deadline
	c.WithTransport(cr.transport)
	f := &fetcher{cr: cr, set: set, portal: portal, base: c}
	c.SetRedirectHandler(f.checkRedirect)
	return f
}

// checkRedirect bounds redirect chains, refuses loops and, when robots.txt
// is obeyed, refuses a hop to a URL that its host's robots.txt disallows
// (the chain ends there, as a failed fetch with reason robots).
func (f *fetcher) checkRedirect(req *http.Request, via []*http.Request) error {
	if err := checkRedirect(req, via); err != nil {
		return err
	}
	if f.column != "" && len(via) > 0 && via[0].URL.String() == f.column && !f.hosts.allows(req.URL) {
		return &offSiteRedirect{url: req.URL.String()}
	}
	if !f.set.robots {
		return nil
	}
	refusal, _, err := f.robotsAllows(req.Context(), req.URL)
	if err != nil {
		return err
	}
	if refusal != "" {
		return &robotsRefusal{reason: refusal, url: req.URL.String()}
	}
	return nil
}

// robotsAllows asks the host's robots.txt about u: refusal is "" when u may
// be fetched, else the failure reason (robots, or robots_CAUSE when
// robots.txt was unreachable); crawlDelay is the host's Crawl-delay. err is
// only ctx's.
func (f *fetcher) robotsAllows(ctx context.Context, u *url.URL) (refusal string, crawlDelay time.Duration, err error) {
	rules, err := f.cr.robots.rules(ctx, u, f.robotsFetch)
	if err != nil {
		return "", 0, err
	}
	ok, crawlDelay := robotsVerdict(rules, u, f.set.userAgent)
	switch {
	case ok:
		return "", crawlDelay, nil
	case rules.unreachable:
		return rules.refusal(), 0, nil
	}
	return "robots", 0, nil
}

// offSiteRedirect is the column redirecting to a host the portal may not
// be crawled on: the chain stops there, as failed(off_site), and the run's
// coverage flags the portal.
type offSiteRedirect struct{ url string }

func (e *offSiteRedirect) Error() string {
	return fmt.Sprintf("crawler: the column redirects off the portal's hosts, to %s", e.url)
}

// robotsError is the diagnostic of a page not fetched because of
// robots.txt: ErrRobots when robots.txt disallows it, ErrBlockedAddress
// when the address guard refused the host, else robots.txt could not be
// read and refusal names why.
func robotsError(refusal string) error {
	switch {
	case refusal == "robots":
		return ErrRobots
	case strings.HasPrefix(refusal, blockedReasonPrefix):
		return fmt.Errorf("%w: %s", ErrBlockedAddress, strings.TrimPrefix(refusal, blockedReasonPrefix))
	}
	return fmt.Errorf("crawler: robots.txt unreachable (%s): host not crawled for now", refusal)
}

// robotsRefusal is a redirect hop that robots.txt disallows, or whose
// host's robots.txt could not be read (the address guard refusing the
// host, for one); it is ErrRobots (ErrBlockedAddress for the guard), and
// reason is the fetch's failure reason.
type robotsRefusal struct{ reason, url string }

func (e *robotsRefusal) Error() string {
	return fmt.Sprintf("%v: redirect to %s (%s)", robotsError(e.reason), e.url, e.reason)
}

func (e *robotsRefusal) Is(target error) bool {
	if strings.HasPrefix(e.reason, blockedReasonPrefix) {
		return target == ErrBlockedAddress
	}
	return target == ErrRobots
}

// checkRedirect bounds redirect chains and refuses loops.
func checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= maxRedirects {
		return ErrTooManyRedirects
	}
	for _, v := range via {
		if v.URL.String() == req.URL.String() {
			return ErrRedirectLoop
		}
	}
	return nil
}

// fetchReq is one request of a run.
type fetchReq struct {
	url          string
	form         string // POST body; empty means GET
	ctype        string // the POST body's Content-Type; empty means a url-encoded form
	referer      string // sent as Referer when set (some list APIs answer 404 without one)
	etag, lastMd string // validators for a conditional GET
}

// method is the request's HTTP method.
func (r fetchReq) method() string {
	if r.form != "" {
		return http.MethodPost
	}
	return http.MethodGet
}

// contentType is the Content-Type of a POST body, "" for a GET.
func (r fetchReq) contentType() string {
	switch {
	case r.form == "":
		return ""
	case r.ctype != "":
		return r.ctype
	}
	return "application/x-www-form-urlencoded"
}

// fetch fetches one URL politely: robots.txt, the host's pace, retries with
// exponential backoff and jitter for timeouts, resets and 5xx, Retry-After
// on 429/503. It returns ctx's error only when the run itself is cancelled;
// every other failure is in the exchange.
func (f *fetcher) fetch(ctx context.Context, r fetchReq) (exchange, error) {
	u, err := url.Parse(r.url)
	if err != nil {
		return exchange{url: r.url, reason: "bad_url", err: err, fetched: f.cr.now()}, nil
	}
	delay := f.set.delay
	if f.set.robots {
		refusal, crawlDelay, err := f.robotsAllows(ctx, u)
		if err != nil {
			return exchange{}, err
		}
		if refusal != "" {
			return exchange{url: r.url, reason: refusal, err: robotsError(refusal), fetched: f.cr.now()}, nil
		}
		delay = max(delay, crawlDelay)
	}
	for attempt := 0; ; attempt++ {
		release, err := f.cr.limiter.acquire(ctx, u.Host, delay, f.set.parallelism)
		if err != nil {
			return exchange{}, err
		}
		ex := f.once(ctx, r)
		release()
		ex.attempts = attempt + 1
		if err := ctx.Err(); err != nil {
			return exchange{}, err
		}
		wait, retry := f.retryAfter(ex, u.Host, attempt)
		if !retry {
			return ex, nil
		}
		f.cr.log.Debug("retrying", "portal", f.portal, "url", r.url, "reason", ex.reason, "attempt", attempt+1, "wait", wait)
		if err := sleepCtx(ctx, wait); err != nil {
			return exchange{}, err
		}
	}
}

// retryAfter decides whether ex, an answer from host, deserves another
// attempt and after how long.
func (f *fetcher) retryAfter(ex exchange, host string, attempt int) (time.Duration, bool) {
	if attempt >= f.set.retries || !retryable(ex) {
		return 0, false
	}
	if ex.status == http.StatusTooManyRequests || ex.status == http.StatusServiceUnavailable {
		if d, ok := parseRetryAfter(ex.header.Get("Retry-After"), time.Now()); ok {
			if d > f.cr.opts.MaxRetryAfter {
				return 0, false // the server asks for longer than we wait within a run
			}
			f.cr.limiter.pause(host, d, f.set.parallelism)
			return d, true
		}
	}
	backoff := f.cr.opts.RetryBackoff << attempt
	return backoff + rand.N(backoff/2+1), true
}

func retryable(ex exchange) bool {
	switch ex.reason {
	case "timeout", "reset", "refused":
		return true
	}
	return ex.status == http.StatusTooManyRequests || ex.status >= 500 && ex.reason != "blocked"
}

// once performs a single attempt through colly and classifies the result.
func (f *fetcher) once(ctx context.Context, r fetchReq) exchange {
	ex := exchange{url: r.url, fetched: f.cr.now()}
	cap := &capture{maxBody: f.set.maxBody}
	rctx, cancel := context.WithTimeout(ctx, f.set.timeout)
	defer cancel()
	c := f.base.Clone()
	c.Context = withCapture(rctx, cap)
	hdr := http.Header{}
	hdr.Set("User-Agent", f.set.userAgent)
	hdr.Set("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
	hdr.Set("Accept-Language", "zh-CN,zh;q=0.9")
	if r.etag != "" {
		hdr.Set("If-None-Match", r.etag)
	}
	if r.lastMd != "" {
		hdr.Set("If-Modified-Since", r.lastMd)
	}
	if r.referer != "" {
		hdr.Set("Referer", r.referer)
	}
	method, body := r.method(), io.Reader(nil)
	if r.form != "" {
		body = strings.NewReader(r.form)
		hdr.Set("Content-Type", r.contentType())
	}
	start := time.Now()
	err := c.Request(method, r.url, body, nil, hdr)
	f.cr.metrics.observe(time.Since(start))
	ex.hops = cap.hops
	if cap.complete {
		ex.status, ex.header, ex.body, ex.finalURL = cap.status, cap.header, cap.body, cap.finalURL
		ex.reason = statusReason(ex.status, ex.body, ex.header)
		if ex.reason != "" {
			ex.body = nil
		}
		return ex
	}
	ex.status, ex.header, ex.finalURL = cap.status, cap.header, cap.finalURL
	if cap.err != nil {
		err = cap.err
	}
	if err == nil {
		err = errors.New("crawler: no response")
	}
	ex.err = err
	ex.reason = errorReason(err, rctx)
	return ex
}

// statusReason names a complete response that is not content: challenge
// pages are "blocked", 5xx and 4xx are "http_NNN". 404/410 and 304 carry no
// reason: the archive turns them into gone and not_modified.
func statusReason(status int, body []byte, h http.Header) string {
	switch {
	case status == http.StatusNotModified, status == http.StatusNotFound, status == http.StatusGone:
		return ""
	case isChallenge(status, body, h.Get("Content-Type")):
		return "blocked"
	case status >= 200 && status < 300:
		return ""
	}
	return "http_" + strconv.Itoa(status)
}

// errorReason names a failed exchange: blocked_address_ADDR (the address
// guard refused to connect), timeout, reset, refused, dns, tls, too_large,
// redirect_loop, too_many_redirects, robots (a redirect robots.txt
// disallows) or error.
func errorReason(err error, rctx context.Context) string {
	var netErr net.Error
	var dnsErr *net.DNSError
	var certErr *tls.CertificateVerificationError
	var hostErr x509.HostnameError
	var authErr x509.UnknownAuthorityError
	var invalidErr x509.CertificateInvalidError
	var recordErr tls.RecordHeaderError
	var refusal *robotsRefusal
	var offSite *offSiteRedirect
	var blocked *BlockedAddressError
	switch {
	case errors.As(err, &refusal):
		return refusal.reason
	case errors.As(err, &offSite):
		return "off_site"
	case errors.As(err, &blocked):
		return blocked.Reason()
	case errors.Is(err, ErrTooLarge):
		return "too_large"
	case errors.Is(err, ErrRedirectLoop):
		return "redirect_loop"
	case errors.Is(err, ErrTooManyRedirects):
		return "too_many_redirects"
	case errors.Is(rctx.Err(), context.DeadlineExceeded), errors.Is(err, context.DeadlineExceeded):
		return "timeout"
	case errors.As(err, &dnsErr):
		return "dns"
	case errors.As(err, &certErr), errors.As(err, &hostErr), errors.As(err, &authErr), errors.As(err, &invalidErr),
		errors.As(err, &recordErr):
		return "tls"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "refused"
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF),
		errors.Is(err, syscall.EPIPE):
		return "reset"
	case errors.As(err, &netErr) && netErr.Timeout():
		return "timeout"
	}
	return "error"
}

// robotsFetch fetches robots.txt at the host's pace, once, without retries.
func (f *fetcher) robotsFetch(ctx context.Context, u string) (int, []byte, error) {
	pu, err := url.Parse(u)
	if err != nil {
		return 0, nil, err
	}
	release, err := f.cr.limiter.acquire(ctx, pu.Host, f.set.delay, f.set.parallelism)
	if err != nil {
		return 0, nil, err
	}
	defer release()
	rctx, cancel := context.WithTimeout(ctx, f.set.timeout)
	defer cancel()
	// Like the pages' transport, tell the limiter when the request left, so
	// a slow dial does not shorten the gap before the next request.
	rctx = httptrace.WithClientTrace(rctx, &httptrace.ClientTrace{
		WroteHeaders: func() { f.cr.limiter.sent(pu.Host, time.Now()) },
	})
	req, err := http.NewRequestWithContext(rctx, http.MethodGet, u, nil)
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("User-Agent", f.set.userAgent)
	res, err := f.cr.robotsClient.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer res.Body.Close()
	b, err := readRobots(res.Body)
	return res.StatusCode, b, err
}
