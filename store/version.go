package store

import (
	"encoding/hex"
	"fmt"
	"strconv"
	"time"
)

// Version is one recorded fetch of a URL. Versions are never changed or
// removed once recorded.
type Version struct {
	// ID is the version id (vid): a decimal sequence number, stable for the
	// life of the archive and safe in URL paths. Later versions have larger
	// ids.
	ID                                    string
	URL, FinalURL, Portal                 string
	FetchedAt                             time.Time // UTC
	Status                                int       // 0 when there was no response
	Outcome                               Outcome
	Reason                                string // set when Outcome is failed
	ContentType, ETag, LastModified, Date string
	ContentLength                         int64  // from the Content-Length header; -1 when absent
	SHA256                                string // hex; for new/unchanged/not_modified the body in force, else empty
	Size                                  int64  // bytes of that body
	// The request when it was not a plain GET (Fetch.Method,
	// RequestBody, RequestContentType): Method is empty for a GET.
	Method, RequestContentType string
	RequestBody                []byte
	// Referrer is the page that led to the request (Fetch.Referrer).
	Referrer string
	// Redirects are the hops that led from URL to FinalURL (see
	// Fetch.Redirects); nil for versions recorded before the archive kept
	// them, whose FinalURL alone says that a redirect happened.
	Redirects []Redirect
}

// RequestMethod is the HTTP method of the capture: Method, or GET.
func (v Version) RequestMethod() string {
	if v.Method == "" {
		return "GET"
	}
	return v.Method
}

// HasBody reports whether the version points at a body (readable with Body).
func (v Version) HasBody() bool { return v.SHA256 != "" }

// formatVersionID and parseVersionID map a sequence number to the vid.
func formatVersionID(seq uint64) string { return strconv.FormatUint(seq, 10) }

func parseVersionID(id string) (uint64, error) {
	seq, err := strconv.ParseUint(id, 10, 64)
	if err != nil || seq == 0 || formatVersionID(seq) != id {
		return 0, fmt.Errorf("store: version id %q: %w", id, ErrInvalid)
	}
	return seq, nil
}

var outcomeCodes = map[Outcome]uint64{
	OutcomeNew: 1, OutcomeUnchanged: 2, OutcomeNotModified: 3, OutcomeGone: 4, OutcomeFailed: 5,
}

func outcomeFromCode(c uint64) (Outcome, bool) {
	for o, code := range outcomeCodes {
		if code == c {
			return o, true
		}
	}
	return "", false
}

// encodeVersion writes every field but ID, which is the key.
func encodeVersion(v Version, sha []byte) []byte {
	e := newEncoder(128 + len(v.URL) + len(v.FinalURL))
	e.string(v.URL)
	e.string(v.FinalURL)
	e.string(v.Portal)
	e.int(v.FetchedAt.UnixNano())
	e.uint(uint64(v.Status))
	e.uint(outcomeCodes[v.Outcome])
	e.string(v.Reason)
	e.string(v.ContentType)
	e.string(v.ETag)
	e.string(v.LastModified)
	e.string(v.Date)
	e.int(v.ContentLength)
	e.bytes(sha)
	e.int(v.Size)
	// Trailing fields, each group written only when it or a later one has
	// something to say: a plain GET's record is as schema 2 first wrote it.
	if v.Method != "" || len(v.RequestBody) > 0 || v.RequestContentType != "" || len(v.Redirects) > 0 || v.Referrer != "" {
		e.string(v.Method)
		e.bytes(v.RequestBody)
		e.string(v.RequestContentType)
	}
	if len(v.Redirects) > 0 || v.Referrer != "" {
		encodeRedirects(e, v.Redirects)
	}
	if v.Referrer != "" {
		e.string(v.Referrer)
	}
	return e.b
}

// encodeRedirects appends the hop count and each hop, after the request
// fields. Fields added to the version record after schema 2's first
// release come at its end, so a record that ends before them (written by
// an older build) still decodes.
func encodeRedirects(e *encoder, hops []Redirect) {
	e.uint(uint64(len(hops)))
	for _, h := range hops {
		e.string(h.URL)
		e.uint(uint64(h.Status))
		e.string(h.Location)
		e.string(h.Date)
		e.string(h.ContentType)
		e.bytes(h.Body)
		dropped := uint64(0)
		if h.BodyDropped {
			dropped = 1
		}
		e.uint(dropped)
	}
}

// decodeRedirects reads what encodeRedirects wrote; a record that ends
// before the hop count has no hops.
func decodeRedirects(d *decoder) []Redirect {
	if !d.more() {
		return nil
	}
	n := d.uint("redirects")
	if n > uint64(len(d.b)) { // every hop takes at least one byte per field
		d.fail("redirects")
		return nil
	}
	var hops []Redirect
	for range n {
		h := Redirect{URL: d.string("redirect_url"), Status: int(d.uint("redirect_status")),
			Location: d.string("redirect_location"), Date: d.string("redirect_date"),
			ContentType: d.string("redirect_content_type")}
		if body := d.bytes("redirect_body"); len(body) > 0 {
			h.Body = body
		}
		h.BodyDropped = d.uint("redirect_body_dropped") == 1
		if d.err != nil {
			return nil
		}
		hops = append(hops, h)
	}
	return hops
}

// decodeVersion reads a version record; rec may point into the mmap.
func decodeVersion(seq uint64, rec []byte) (Version, error) {
	d := newDecoder(rec, "version")
	v := Version{ID: formatVersionID(seq)}
	v.URL = d.string("url")
	v.FinalURL = d.string("final_url")
	v.Portal = d.string("portal")
	v.FetchedAt = time.Unix(0, d.int("fetched_at")).UTC()
	v.Status = int(d.uint("status"))
	code := d.uint("outcome")
	v.Reason = d.string("reason")
	v.ContentType = d.string("content_type")
	v.ETag = d.string("etag")
	v.LastModified = d.string("last_modified")
	v.Date = d.string("date")
	v.ContentLength = d.int("content_length")
	sha := d.bytes("sha256")
	v.Size = d.int("size")
	if d.more() {
		v.Method = d.string("method")
		v.RequestBody = d.bytes("request_body")
		v.RequestContentType = d.string("request_content_type")
	}
	v.Redirects = decodeRedirects(d)
	if d.more() {
		v.Referrer = d.string("referrer")
	}
	if d.err != nil {
		return Version{}, fmt.Errorf("store: version %d: %w", seq, d.err)
	}
	var ok bool
	if v.Outcome, ok = outcomeFromCode(code); !ok {
		return Version{}, fmt.Errorf("store: version %d: outcome code %d: %w", seq, code, ErrCorrupt)
	}
	switch len(sha) {
	case 0:
	case hashLen:
		v.SHA256 = hex.EncodeToString(sha)
	default:
		return Version{}, fmt.Errorf("store: version %d: sha256 of %d bytes: %w", seq, len(sha), ErrCorrupt)
	}
	return v, nil
}
