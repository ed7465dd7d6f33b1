package portalsim

import (
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Host is one simulated portal. Its exported fields are fixed at start;
// its methods are safe for concurrent use and take effect on the next
// request.
type Host struct {
	Site    Site   // the effective site description (defaults filled in)
	Addr    string // host:port the host listens on
	BaseURL string // "http://" + Addr

	cms     cms
	now     func() time.Time
	latency time.Duration
	bomb    func() []byte
	srv     *http.Server
	done    chan struct{}  // closed by close: abandons stalled answers
	wg      sync.WaitGroup // the Serve goroutine
	once    sync.Once

	mu      sync.Mutex
	items   []*item // column order, newest first; replaced, never modified
	gen     int     // bumped when items change
	byPath  map[string]*item
	attPath map[string]*attachment
	rev     map[string]int
	views   map[string]int // furniture revisions, see Touch
	deleted map[string]int
	faults  map[string]*Fault
	trap    bool
	hits    []Hit
	seq     uint64
	cache   map[string][]byte // rendered pages, see cached
	closed  bool
	active  int        // handlers running
	idle    *sync.Cond // signalled when active drops to 0 after closed
}

func newHost(s Site, n int, ln net.Listener, opts Options, bomb func() []byte) *Host {
	c := newCMS(s, n)
	if hw, ok := c.(hanweb); ok {
		hw.perPage = s.PerPage
		c = hw
	}
	h := &Host{
		Site:    s,
		Addr:    ln.Addr().String(),
		cms:     c,
		now:     opts.Now,
		latency: opts.Latency,
		bomb:    bomb,
		done:    make(chan struct{}),
		byPath:  make(map[string]*item),
		attPath: make(map[string]*attachment),
		rev:     make(map[string]int),
		views:   make(map[string]int),
		deleted: make(map[string]int),
		faults:  make(map[string]*Fault),
		cache:   make(map[string][]byte),
	}
	h.idle = sync.NewCond(&h.mu)
	h.BaseURL = "http://" + h.Addr
	h.items = buildItems(s, n, c)
	for _, it := range h.items {
		h.index(it)
	}
	h.srv = &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	h.wg.Go(func() { h.srv.Serve(ln) })
	return h
}

// index makes it reachable by path. The caller holds h.mu or owns h.
func (h *Host) index(it *item) {
	if !it.pdfOnly {
		h.byPath[it.path] = it
	}
	if it.attach != nil {
		h.attPath[it.attach.path] = it.attach
	}
}

func (h *Host) close() {
	h.once.Do(func() {
		h.mu.Lock()
		h.closed = true
		h.mu.Unlock()
		close(h.done)
		h.srv.Close()
		h.wg.Wait()
		h.mu.Lock()
		for h.active > 0 {
			h.idle.Wait()
		}
		h.mu.Unlock()
	})
}

// enter registers a running handler; false once the host is closing.
func (h *Host) enter() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return false
	}
	h.active++
	return true
}

func (h *Host) leave() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.active--
	if h.active == 0 {
		h.idle.Broadcast()
	}
}

// ServeHTTP answers one request: it records the hit, then serves an
// injected fault, a deleted page, or the page itself.
func (h *Host) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !h.enter() {
		return
	}
	defer h.leave()
	seq := h.record(r)
	defer h.answered(seq)
	rec := &statusRecorder{ResponseWriter: w, host: h, seq: seq}
	if h.latency > 0 && !h.wait(r, h.latency) {
		return
	}

	w.Header().Set("Server", h.serverName())
	if f, ok := h.takeFault(r.URL.Path); ok {
		h.serveFault(rec, r, f)
		return
	}
	h.mu.Lock()
	status := h.deleted[r.URL.Path]
	h.mu.Unlock()
	if status != 0 {
		h.serveError(rec, status)
		return
	}
	h.serveResolved(rec, r)
}

func (h *Host) serverName() string {
	if h.Site.Family == Hanweb {
		return "Apache-Coyote/1.1"
	}
	return "nginx"
}

// target turns a URL or a path into the path and raw query it names.
func (h *Host) target(t string) (path, query string) {
	if t == "*" {
		return t, ""
	}
	u, err := url.Parse(t)
	if err != nil {
		return t, ""
	}
	return u.Path, u.RawQuery
}

func (h *Host) serveError(w http.ResponseWriter, status int) {
	text := http.StatusText(status)
	w.Header().Set("Content-Type", "text/html")
	w.WriteHeader(status)
	w.Write([]byte("<html>\r\n<head><title>" + itoa(status) + " " + text + "</title></head>\r\n<body>\r\n<center><h1>" +
		itoa(status) + " " + text + "</h1></center>\r\n<hr><center>" + h.serverName() + "</center>\r\n</body>\r\n</html>\r\n"))
}

// URL returns the absolute URL of path on this host.
func (h *Host) URL(path string) string {
	if strings.HasPrefix(path, "http://") {
		return path
	}
	return h.BaseURL + path
}
