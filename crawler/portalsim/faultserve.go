package portalsim

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// serveFault answers r with fault f.
func (h *Host) serveFault(w http.ResponseWriter, r *http.Request, f Fault) {
	switch f.Kind {
	case ServerError:
		status := f.Status
		if status == 0 {
			status = http.StatusServiceUnavailable
		}
		if f.RetryAfter > 0 {
			w.Header().Set("Retry-After", strconv.Itoa(int(f.RetryAfter.Round(time.Second)/time.Second)))
		}
		h.serveError(w, status)
	case Reset:
		h.reset(w, nil)
	case ResetMidBody:
		resp := h.resolveOrError(r)
		h.reset(w, resp.body[:len(resp.body)/2], "Content-Type: "+resp.ctype, "Content-Length: "+strconv.Itoa(len(resp.body)))
	case Stall:
		h.stall(w, r)
	case Trickle:
		h.trickle(w, r, f.Interval)
	case Challenge:
		status := f.Status
		if status == 0 {
			status = http.StatusPreconditionFailed
		}
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Set-Cookie", "FSSBBIl1UgzbN7NO=5"+strconv.FormatInt(h.now().UnixNano()%1e12, 36)+"; Path=/; HttpOnly")
		w.WriteHeader(status)
		w.Write([]byte(challengePage(len(r.URL.Path) + int(h.now().UnixNano()%1000))))
	case WAF:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusForbidden)
		w.Write([]byte(wafPage))
	case GzipBomb:
		h.gzipBomb(w, r, f.Size)
	case Oversize:
		h.oversize(w, r, f)
	case RedirectLoop:
		next := r.URL.Path + "?loop=1"
		if r.URL.Query().Get("loop") != "" {
			next = r.URL.Path
		}
		http.Redirect(w, r, next, http.StatusFound)
	case RedirectChain:
		hops := f.Size
		if hops <= 0 {
			hops = 20
		}
		hop, _ := strconv.ParseInt(r.URL.Query().Get("hop"), 10, 64)
		if hop >= hops {
			h.serveResolved(w, r)
			return
		}
		http.Redirect(w, r, r.URL.Path+"?hop="+strconv.FormatInt(hop+1, 10), http.StatusFound)
	case Moved:
		http.Redirect(w, r, f.Location, http.StatusMovedPermanently)
	case LyingCharset:
		resp := h.resolveOrError(r)
		if resp.html {
			if h.Site.Family == TRS {
				resp.ctype = "text/html; charset=utf-8"
			} else {
				resp.ctype = "text/html; charset=gbk"
				resp.body = append([]byte("\xef\xbb\xbf"), resp.body...)
			}
		}
		h.serve(w, r, resp)
	default:
		h.serveError(w, http.StatusInternalServerError)
	}
}

// serveResolved serves what r names, as if there were no fault.
func (h *Host) serveResolved(w http.ResponseWriter, r *http.Request) {
	resp, ok := h.resolve(r)
	if !ok {
		h.serveError(w, http.StatusNotFound)
		return
	}
	h.serve(w, r, resp)
}

// resolveOrError resolves r, or makes an error page when it names nothing.
func (h *Host) resolveOrError(r *http.Request) response {
	resp, ok := h.resolve(r)
	if !ok {
		return response{body: []byte("<html><body>404</body></html>"), ctype: "text/html"}
	}
	return resp
}

// reset hijacks the connection, optionally writes a status line, headers
// and partial body, then closes with SO_LINGER 0 so the peer sees RST.
func (h *Host) reset(w http.ResponseWriter, partial []byte, headers ...string) {
	conn, buf, err := http.NewResponseController(w).Hijack()
	if err != nil {
		return
	}
	if partial != nil {
		writeRaw(buf, headers, partial)
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		tc.SetLinger(0)
	}
	conn.Close()
}

func writeRaw(buf *bufio.ReadWriter, headers []string, body []byte) {
	buf.WriteString("HTTP/1.1 200 OK\r\n")
	for _, h := range headers {
		buf.WriteString(h + "\r\n")
	}
	buf.WriteString("\r\n")
	buf.Write(body)
	buf.Flush()
}

// wait blocks for d, the client going away or the farm closing; it
// reports whether the answer should go on.
func (h *Host) wait(r *http.Request, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
	case <-h.done:
	}
	return false
}

func (h *Host) stall(w http.ResponseWriter, r *http.Request) {
	resp := h.resolveOrError(r)
	w.Header().Set("Content-Type", resp.ctype)
	w.Header().Set("Content-Length", strconv.Itoa(len(resp.body)))
	w.WriteHeader(http.StatusOK)
	w.Write(resp.body[:min(256, len(resp.body))])
	http.NewResponseController(w).Flush()
	select {
	case <-r.Context().Done():
	case <-h.done:
	}
}

func (h *Host) trickle(w http.ResponseWriter, r *http.Request, every time.Duration) {
	if every <= 0 {
		every = 100 * time.Millisecond
	}
	resp := h.resolveOrError(r)
	w.Header().Set("Content-Type", resp.ctype)
	w.Header().Set("Content-Length", strconv.Itoa(len(resp.body)))
	w.WriteHeader(http.StatusOK)
	rc := http.NewResponseController(w)
	for b := resp.body; len(b) > 0; b = b[min(16, len(b)):] {
		if _, err := w.Write(b[:min(16, len(b))]); err != nil {
			return
		}
		rc.Flush()
		if !h.wait(r, every) {
			return
		}
	}
}

func (h *Host) gzipBomb(w http.ResponseWriter, r *http.Request, size int64) {
	if size <= 0 {
		size = 1 << 30
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Encoding", "gzip")
	w.WriteHeader(http.StatusOK)
	member := h.bomb()
	for n := int64(0); n < size; n += 1 << 20 {
		if _, err := w.Write(member); err != nil || !h.alive(r) {
			return
		}
	}
}

func (h *Host) oversize(w http.ResponseWriter, r *http.Request, f Fault) {
	size := f.Size
	if size <= 0 {
		size = 64 << 20
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if !f.NoLength {
		w.Header().Set("Content-Length", strconv.FormatInt(size, 10))
	}
	w.WriteHeader(http.StatusOK)
	chunk := []byte(strings.Repeat(fmt.Sprintf("<p>%s</p>\n", strings.Repeat("政务公开", 60)), 32))
	for sent := int64(0); sent < size; {
		c := chunk[:min(int64(len(chunk)), size-sent)]
		n, err := w.Write(c)
		sent += int64(n)
		if err != nil || !h.alive(r) {
			return
		}
	}
}

// alive reports whether the client and the farm are still there.
func (h *Host) alive(r *http.Request) bool {
	select {
	case <-r.Context().Done():
		return false
	case <-h.done:
		return false
	default:
		return true
	}
}
