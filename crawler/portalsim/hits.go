package portalsim

import (
	"io"
	"net/http"
	"strings"
	"time"
)

// Hit is one request a host received.
type Hit struct {
	Host string    // the host's Site.Name
	Time time.Time // when the request arrived (Options.Now)
	// Done is when the host finished answering (zero while it has not):
	// a client that waits for whole answers sends its next request after
	// Done, so overlapping hits mean concurrent requests.
	Done   time.Time
	Method string
	Path   string // URL path
	Query  string // raw query, without '?'
	// Status is the status answered; 0 while the answer is in progress
	// and for connections reset without an answer.
	Status int
	Header http.Header // request headers (a copy)
	Body   string      // form body of POST requests, at most 4 KiB

	seq uint64 // identifies the hit for finish across ResetHits
}

// URI returns the path and, if any, '?' and the query.
func (h Hit) URI() string {
	if h.Query == "" {
		return h.Path
	}
	return h.Path + "?" + h.Query
}

// UserAgent returns the User-Agent request header.
func (h Hit) UserAgent() string { return h.Header.Get("User-Agent") }

// IfNoneMatch returns the If-None-Match request header.
func (h Hit) IfNoneMatch() string { return h.Header.Get("If-None-Match") }

// IfModifiedSince returns the If-Modified-Since request header.
func (h Hit) IfModifiedSince() string { return h.Header.Get("If-Modified-Since") }

// Conditional reports whether the request carried a validator.
func (h Hit) Conditional() bool { return h.IfNoneMatch() != "" || h.IfModifiedSince() != "" }

// record appends a hit for r and returns its sequence number for finish.
func (h *Host) record(r *http.Request) uint64 {
	hit := Hit{
		Host:   h.Site.Name,
		Method: r.Method,
		Path:   r.URL.Path,
		Query:  r.URL.RawQuery,
		Header: r.Header.Clone(),
	}
	if r.Method == http.MethodPost && r.Body != nil {
		b, _ := io.ReadAll(io.LimitReader(r.Body, 4<<10))
		hit.Body = string(b)
		r.Body = io.NopCloser(strings.NewReader(hit.Body))
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	hit.Time = h.now() // under the lock: hits stay in time order
	h.seq++
	hit.seq = h.seq
	h.hits = append(h.hits, hit)
	return hit.seq
}

// finish stores the status of hit seq.
func (h *Host) finish(seq uint64, status int) {
	h.update(seq, func(hit *Hit) { hit.Status = status })
}

// answered stamps hit seq as done.
func (h *Host) answered(seq uint64) {
	done := h.now()
	h.update(seq, func(hit *Hit) { hit.Done = done })
}

func (h *Host) update(seq uint64, fn func(*Hit)) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for i := len(h.hits) - 1; i >= 0; i-- {
		if h.hits[i].seq == seq {
			fn(&h.hits[i])
			return
		}
	}
}

// Hits returns the host's hits, oldest first (a copy).
func (h *Host) Hits() []Hit {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]Hit(nil), h.hits...)
}

// HitsTo returns the hits whose path (or URL) is target, query ignored
// when target has none.
func (h *Host) HitsTo(target string) []Hit {
	path, query := h.target(target)
	var out []Hit
	for _, hit := range h.Hits() {
		if hit.Path == path && (query == "" || hit.Query == query) {
			out = append(out, hit)
		}
	}
	return out
}

// ResetHits forgets the host's hits.
func (h *Host) ResetHits() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.hits = nil
}

// statusRecorder stores the status in the hit before the first byte of
// the answer leaves, so a client never sees an answer its hit lacks.
type statusRecorder struct {
	http.ResponseWriter
	host   *Host
	seq    uint64
	status int
}

func (w *statusRecorder) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
		w.host.finish(w.seq, code)
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusRecorder) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach Flush and Hijack.
func (w *statusRecorder) Unwrap() http.ResponseWriter { return w.ResponseWriter }
