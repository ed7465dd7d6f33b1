package crawler

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"strconv"
	"strings"
	"time"

	"github.com/nianbao/nianbao/store"
)

// capture is the crawler's own record of one exchange, filled by the
// transport underneath colly. colly converts bodies to UTF-8 in place and
// cannot report a size overflow; the capture keeps the bytes exactly as
// received (after content decoding) and the truth about why a read failed.
type capture struct {
	maxBody  int64
	status   int
	header   http.Header
	finalURL string
	body     []byte
	complete bool  // the whole body was read
	err      error // why the body could not be read
	hops     []store.Redirect
}

type captureKey struct{}

func withCapture(ctx context.Context, c *capture) context.Context {
	return context.WithValue(ctx, captureKey{}, c)
}

// transport wraps an http.RoundTripper: it asks for gzip, decodes content
// encodings itself, and reads the whole body under two caps (bytes on the
// wire and decoded bytes), so a gzip bomb or an oversized page fails with
// ErrTooLarge instead of being truncated. A redirect response is kept as a
// hop of the capture (with its body, up to store.MaxRedirectBody) and passed
// on for the client to follow; the last hop's response is what the capture
// holds.
type transport struct {
	base http.RoundTripper
	sent func(host string, t time.Time) // told when a request's headers are written
}

// newBaseTransport is the shared connection pool. Every connection it opens
// goes through g (the address guard), proxies included. Compression is
// handled by transport, not by net/http, so the decoded-size cap can apply.
// Idle connections: two per host a run is crawling, for the scheduler's 32
// runs at once (DefaultMaxRuns); the least recently used go first, so a
// portal's connections close soon after its run ends instead of 256 of
// them (buffers, two goroutines and TLS state each) waiting a minute for a
// host the daemon will not ask again until its next run.
func newBaseTransport(g *addressGuard) *http.Transport {
	return &http.Transport{
		Proxy:                 g.proxy,
		DialContext:           g.dialContext,
		DisableCompression:    true,
		MaxIdleConns:          2 * DefaultMaxRuns,
		MaxIdleConnsPerHost:   4,
		IdleConnTimeout:       60 * time.Second,
		TLSHandshakeTimeout:   15 * time.Second,
		ExpectContinueTimeout: time.Second,
	}
}

func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	c, _ := req.Context().Value(captureKey{}).(*capture)
	if c == nil {
		return t.base.RoundTrip(req)
	}
	req = req.Clone(req.Context())
	if req.Header.Get("Accept-Encoding") == "" {
		req.Header.Set("Accept-Encoding", "gzip")
	}
	if t.sent != nil {
		host := req.URL.Host
		req = req.WithContext(httptrace.WithClientTrace(req.Context(), &httptrace.ClientTrace{
			WroteHeaders: func() { t.sent(host, time.Now()) },
		}))
	}
	res, err := t.base.RoundTrip(req)
	if err != nil {
		return res, err
	}
	if res.StatusCode >= 300 && res.StatusCode < 400 && res.Header.Get("Location") != "" {
		c.hops = append(c.hops, redirectHop(req, res))
		return res, nil // the client follows it
	}
	c.status = res.StatusCode
	c.header = res.Header.Clone()
	c.finalURL = req.URL.String()
	body, err := readCapped(res, c.maxBody)
	res.Body.Close()
	c.header.Del("Content-Encoding")
	if err != nil {
		c.err = err
		return nil, fmt.Errorf("crawler: read body of %s: %w", req.URL, err)
	}
	c.body, c.complete = body, true
	// colly converts bodies whose Content-Type names a charset; the crawler
	// decodes for itself, so colly is shown the media type alone.
	if mt, _, ok := strings.Cut(res.Header.Get("Content-Type"), ";"); ok {
		res.Header.Set("Content-Type", strings.TrimSpace(mt))
	}
	res.Header.Del("Content-Encoding")
	res.Header.Del("Content-Length")
	res.ContentLength = int64(len(body))
	res.Uncompressed = true
	res.Body = io.NopCloser(bytes.NewReader(body))
	return res, nil
}

// redirectHop keeps a redirect answer: its status, Location, Date,
// Content-Type and body. The body is read here (at most
// store.MaxRedirectBody bytes) and res is given a copy of what was read, so
// the client sees the answer unchanged.
func redirectHop(req *http.Request, res *http.Response) store.Redirect {
	h := store.Redirect{URL: req.URL.String(), Status: res.StatusCode, Location: res.Header.Get("Location"),
		Date: res.Header.Get("Date"), ContentType: res.Header.Get("Content-Type")}
	body, err := readCapped(res, store.MaxRedirectBody)
	res.Body.Close()
	res.Header.Del("Content-Encoding")
	res.Body = io.NopCloser(bytes.NewReader(body))
	if err != nil {
		h.BodyDropped = true // too long, or cut off: the client only needs the Location
		res.Body = http.NoBody
		return h
	}
	if len(body) > 0 {
		h.Body = body
	}
	return h
}

// readCapped reads res.Body, decoding gzip or deflate content encoding, and
// fails with ErrTooLarge when either the wire bytes or the decoded bytes
// exceed max (max <= 0 means no cap).
func readCapped(res *http.Response, max int64) ([]byte, error) {
	if max > 0 && res.ContentLength > max {
		return nil, fmt.Errorf("content-length %d: %w", res.ContentLength, ErrTooLarge)
	}
	var r io.Reader = capReader(res.Body, max)
	switch strings.ToLower(strings.TrimSpace(res.Header.Get("Content-Encoding"))) {
	case "", "identity":
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(r)
		if err != nil {
			return nil, fmt.Errorf("gzip header: %w", err)
		}
		defer zr.Close()
		r = capReader(zr, max)
	case "deflate":
		zr := flate.NewReader(r)
		defer zr.Close()
		r = capReader(zr, max)
	default:
		// Unknown encodings (br, zstd) are kept as received; we never ask
		// for them, so a server sending one is archived verbatim.
	}
	var buf bytes.Buffer
	if res.ContentLength > 0 && (max <= 0 || res.ContentLength <= max) {
		// ReadFrom wants MinRead bytes free before each read, the one
		// that sees the end included: without them a body of exactly
		// Content-Length bytes is copied into a buffer twice its size.
		buf.Grow(int(res.ContentLength) + bytes.MinRead)
	}
	if _, err := buf.ReadFrom(r); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// cappedReader returns ErrTooLarge as soon as more than max bytes come out
// of r: it never silently truncates.
type cappedReader struct {
	r    io.Reader
	left int64
}

func capReader(r io.Reader, max int64) io.Reader {
	if max <= 0 {
		return r
	}
	return &cappedReader{r: r, left: max}
}

func (c *cappedReader) Read(p []byte) (int, error) {
	if c.left < 0 {
		return 0, ErrTooLarge
	}
	if int64(len(p)) > c.left+1 {
		p = p[:c.left+1]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	if c.left < 0 {
		return n, fmt.Errorf("more than the cap read: %w", ErrTooLarge)
	}
	return n, err
}

// parseRetryAfter reads a Retry-After header: delay-seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if s, err := strconv.Atoi(v); err == nil {
		if s < 0 {
			return 0, false
		}
		return time.Duration(s) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		d := t.Sub(now)
		if d < 0 {
			d = 0
		}
		return d, true
	}
	return 0, false
}
