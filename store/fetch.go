package store

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Outcome classifies one fetch of a URL against what the archive already
// holds for it.
type Outcome string

const (
	// OutcomeNew: a 2xx body that differs from the URL's body in force (or
	// the URL's first body, or its first after a tombstone). Its blob is
	// stored unless another URL already has the same bytes.
	OutcomeNew Outcome = "new"
	// OutcomeUnchanged: a 2xx body with the same SHA-256 as the body in force.
	OutcomeUnchanged Outcome = "unchanged"
	// OutcomeNotModified: a 304 answer to a conditional request.
	OutcomeNotModified Outcome = "not_modified"
	// OutcomeGone: a 404 or 410 for a URL that once answered 2xx: a tombstone.
	OutcomeGone Outcome = "gone"
	// OutcomeFailed: no usable answer; Version.Reason says why.
	OutcomeFailed Outcome = "failed"
)

// Outcomes lists every outcome, in the order reports print them.
func Outcomes() []Outcome {
	return []Outcome{OutcomeNew, OutcomeUnchanged, OutcomeNotModified, OutcomeGone, OutcomeFailed}
}

// Fetch is one HTTP exchange as the crawler saw it, handed to Record.
type Fetch struct {
	Portal    string
	URL       string      // requested; required
	FinalURL  string      // after redirects; empty means URL
	FetchedAt time.Time   // zero means Options.Now()
	Status    int         // 0 when there was no response
	Header    http.Header // Content-Type, ETag, Last-Modified, Content-Length, Date are kept
	Body      []byte      // raw bytes (transfer decoding only); ignored unless the outcome is new
	Reason    string      // non-empty ⇒ failed: timeout, reset, http_5xx, too_large, blocked, robots, …

	// The request, when it was not a plain GET: Method (empty means GET),
	// the body sent (a POST's form or JSON) and its Content-Type. They are
	// kept in the version, so a capture of a list API says what was asked.
	Method             string
	RequestBody        []byte
	RequestContentType string
	// Referrer is the page that led to the request (sent as Referer):
	// for a report, the list page or shell page that linked it.
	Referrer string

	// Redirects are the 3xx answers that led from URL to FinalURL, in the
	// order they came; nil when there was no redirect.
	Redirects []Redirect
}

// requestKey is what the archive files a fetch under: the URL of a GET,
// and for any other method the URL, the method and the body sent, so the
// pages of a POST list API (one URL, a page number in the form) each keep
// their own body in force and history.
func requestKey(url, method string, body []byte) string {
	if method == "" || method == http.MethodGet {
		return url
	}
	return url + "\x00" + method + "\x00" + string(body)
}

// MaxRedirectBody bounds the body of a redirect answer that the archive
// keeps with the hop; a longer body is left out and the hop says so
// (Redirect.BodyDropped). Servers send a line or two of HTML with a 3xx.
const MaxRedirectBody = 8 << 10

// Redirect is one hop of a redirect chain: a 3xx answer kept in the
// version it led to, so that an export can replay the original URL.
type Redirect struct {
	URL      string // the URL requested at this hop
	Status   int    // 301, 302, 303, 307 or 308
	Location string // the Location header exactly as sent
	// Date and ContentType are the hop's headers of those names.
	Date, ContentType string
	// Body is the hop's body (content decoding undone), at most
	// MaxRedirectBody bytes; BodyDropped is set when a longer one was left out.
	Body        []byte
	BodyDropped bool
}

// prepared is a Fetch checked and hashed outside any transaction, with its
// body compressed when the blob may be missing.
type prepared struct {
	f       Fetch
	urlHash [hashLen]byte
	hasBody bool          // a 2xx without Reason: the body is a candidate content version
	sha     [hashLen]byte // of the body, when hasBody
	blob    []byte        // encoded blob record; nil until compressed
	payload int           // compressed payload bytes in blob
}

func (s *Store) prepare(f Fetch) (*prepared, error) {
	if f.URL == "" {
		return nil, fmt.Errorf("store: record fetch: empty URL: %w", ErrInvalid)
	}
	if f.FinalURL == "" {
		f.FinalURL = f.URL
	}
	if f.FetchedAt.IsZero() {
		f.FetchedAt = s.now()
	}
	f.FetchedAt = f.FetchedAt.UTC()
	if f.Method == http.MethodGet {
		f.Method = ""
	}
	p := &prepared{f: f, urlHash: urlHash(requestKey(f.URL, f.Method, f.RequestBody))}
	p.hasBody = f.Reason == "" && f.Status >= 200 && f.Status < 300 // hashed by the caller, in parallel
	return p, nil
}

// failureReason names a fetch that produced no content and no tombstone.
func failureReason(status int) string {
	if status == 0 {
		return "no_response"
	}
	return "http_" + strconv.Itoa(status)
}

// headerFields copies the kept response headers into v.
func headerFields(v *Version, h http.Header) {
	v.ContentType = h.Get("Content-Type")
	v.ETag = h.Get("ETag")
	v.LastModified = h.Get("Last-Modified")
	v.Date = h.Get("Date")
	v.ContentLength = -1
	if cl := strings.TrimSpace(h.Get("Content-Length")); cl != "" {
		if n, err := strconv.ParseInt(cl, 10, 64); err == nil && n >= 0 {
			v.ContentLength = n
		}
	}
}
