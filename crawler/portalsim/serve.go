package portalsim

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// response is a resolved resource, ready to be served.
type response struct {
	body       []byte
	ctype      string
	lastMod    time.Time
	validators bool // send ETag/Last-Modified and answer 304
	html       bool // an HTML page (the lying-charset fault applies)
}

// resolve finds what path names on this host.
func (h *Host) resolve(r *http.Request) (response, bool) {
	path := r.URL.Path
	if path == "/robots.txt" {
		return h.robots()
	}
	if hw, ok := h.cms.(hanweb); ok && path == DataProxyPath {
		return h.dataproxy(hw, r), true
	}
	if a, ok := h.cms.(apiSite); ok {
		if resp, ok := h.api(a, r); ok {
			return resp, true
		}
	}
	if path == shellPath && h.Site.Shell != ShellNone {
		return response{body: []byte(h.shell()), ctype: "text/html; charset=utf-8", lastMod: time.Date(2023, 5, 1, 8, 0, 0, 0, time.UTC), validators: true, html: true}, true
	}
	if k, ok := h.cms.listPage(path, r.URL.RawQuery); ok {
		return h.listResponse(k)
	}
	h.mu.Lock()
	it, att, rev, views := h.byPath[path], h.attPath[path], h.rev[path], h.views[path]
	h.mu.Unlock()
	switch {
	case it != nil:
		body := h.cached(path+"#"+itoa(rev)+"#"+itoa(views), func() []byte {
			return h.encode(withViews(h.cms.article(h.Site, it, articleBody(h.Site.Name, it, rev)), it, views))
		})
		return response{body: body, ctype: h.cms.contentType(), lastMod: revised(it.published, rev).Add(time.Duration(views) * time.Minute),
			validators: true, html: true}, true
	case att != nil && att.owner.pdfOnly && len(h.Site.PDF) > 0:
		return response{body: h.Site.PDF, ctype: attachmentType(att.ext), lastMod: revised(att.owner.published, rev), validators: true}, true
	case att != nil:
		body := h.cached(path+"#"+itoa(rev), func() []byte { return attachmentBody(att, rev) })
		return response{body: body, ctype: attachmentType(att.ext), lastMod: revised(att.owner.published, rev), validators: true}, true
	}
	return response{}, false
}

// cached returns the bytes stored under key, rendering them on first use.
// Keys name everything a rendering depends on (path, revision, trap), so
// entries never go stale. Two concurrent first uses may both render.
func (h *Host) cached(key string, render func() []byte) []byte {
	h.mu.Lock()
	b, ok := h.cache[key]
	h.mu.Unlock()
	if ok {
		return b
	}
	b = render()
	h.mu.Lock()
	h.cache[key] = b
	h.mu.Unlock()
	return b
}

// revised is the Last-Modified of revision rev of a page published at t.
func revised(t time.Time, rev int) time.Time {
	return t.Add(2*time.Hour + time.Duration(rev)*24*time.Hour).Truncate(time.Second)
}

// encode turns a UTF-8 page into the family's encoding.
func (h *Host) encode(page string) []byte {
	if h.Site.Family != TRS {
		return []byte(page)
	}
	b, err := encoding.ReplaceUnsupported(simplifiedchinese.GBK.NewEncoder()).Bytes([]byte(page))
	if err != nil {
		return []byte(page)
	}
	return b
}

func (h *Host) listResponse(k int) (response, bool) {
	h.mu.Lock()
	items, trap, gen := h.items, h.trap, h.gen
	h.mu.Unlock()
	pp := h.Site.PerPage
	pages := max(1, (len(items)+pp-1)/pp)
	v := listView{site: h.Site, page: k, pages: pages, total: len(items)}
	switch {
	case k < pages:
		v.items = items[k*pp : min(len(items), (k+1)*pp)]
	case !trap:
		return response{}, false
	default:
		v.items = h.filler(k*pp, pp)
	}
	if trap {
		v.pages, v.total = k+2, (k+2)*pp
		if h.Site.Family == Hanweb {
			v.total = trapRecords
		}
	}
	if hw, ok := h.cms.(hanweb); ok {
		v.items = items[:min(len(items), hw.perPage)]
	}
	var newest time.Time
	for _, it := range items {
		if it.published.After(newest) {
			newest = it.published
		}
	}
	if newest.IsZero() { // an emptied column
		newest = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	body := h.cached(fmt.Sprintf("list#%d#%v#%d", k, trap, gen), func() []byte { return h.encode(h.cms.list(v)) })
	return response{body: body, ctype: h.cms.contentType(),
		lastMod: newest.Add(3 * time.Hour), validators: true, html: true}, true
}

// trapRecords is the record count a trapped Hanweb column announces.
const trapRecords = 1000000

// filler returns n made-up news items numbered from first, for the pages
// a pagination trap invents. Their links lead nowhere (404).
func (h *Host) filler(first, n int) []*item {
	out := make([]*item, n)
	for i := range out {
		k := first + i
		it := &item{kind: KindSkipped, id: 900000 + k, agency: h.Site.Agency,
			title:     fmt.Sprintf("%s召开第%d次政务公开工作推进会", h.Site.Region, k+1),
			published: time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC).Add(-time.Duration(k) * 24 * time.Hour)}
		it.path = h.cms.articlePath(it)
		out[i] = it
	}
	return out
}

// dataproxy answers the Hanweb paging endpoint: records startrecord..
// endrecord (1-based, inclusive) from the query string or the form.
func (h *Host) dataproxy(hw hanweb, r *http.Request) response {
	q := r.URL.Query()
	if r.Method == http.MethodPost {
		if err := r.ParseForm(); err == nil {
			for k, v := range r.PostForm {
				if q.Get(k) == "" {
					q[k] = v
				}
			}
		}
	}
	h.mu.Lock()
	items, trap := h.items, h.trap
	h.mu.Unlock()
	total := len(items)
	if trap {
		total = trapRecords
	}
	start, end := atoiOr(q.Get("startrecord"), 1), atoiOr(q.Get("endrecord"), 3*hw.perPage)
	if h.Site.ProxyPageOnly { // this server reads page and perpage only, and cuts perpage at 300
		per := min(atoiOr(q.Get("perpage"), hw.perPage), 300)
		pg := max(atoiOr(q.Get("page"), 1), 1)
		start, end = (pg-1)*per+1, pg*per
	}
	if col := q.Get("columnid"); col != "" && col != strconv.Itoa(hw.col) {
		total = 0
	}
	start, end = max(start, 1), min(end, total, start+499)
	var recs []*item
	for i := start; i <= end; i++ {
		if i <= len(items) {
			recs = append(recs, items[i-1])
			continue
		}
		recs = append(recs, h.filler(i-1, 1)...)
	}
	return response{body: []byte(hw.proxy(recs, total)), ctype: "text/xml;charset=UTF-8"}
}

func atoiOr(s string, def int) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return def
	}
	return n
}

func (h *Host) robots() (response, bool) {
	if h.Site.Robots.Missing {
		return response{}, false
	}
	var b strings.Builder
	b.WriteString("User-agent: Baiduspider\nDisallow: /search/\n\nUser-agent: *\n")
	for _, p := range h.Site.Robots.disallowed() {
		fmt.Fprintf(&b, "Disallow: %s\n", p)
	}
	if d := h.Site.Robots.CrawlDelay; d > 0 {
		fmt.Fprintf(&b, "Crawl-delay: %s\n", strconv.FormatFloat(d.Seconds(), 'f', -1, 64))
	}
	return response{body: []byte(b.String()), ctype: "text/plain",
		lastMod: time.Date(2024, 1, 2, 8, 0, 0, 0, time.UTC), validators: true}, true
}

// serve writes resp, answering 304 to a matching conditional request.
func (h *Host) serve(w http.ResponseWriter, r *http.Request, resp response) {
	hdr := w.Header()
	hdr.Set("Content-Type", resp.ctype)
	if resp.validators && !h.Site.NoValidators {
		etag := h.etag(resp)
		hdr.Set("ETag", etag)
		hdr.Set("Last-Modified", resp.lastMod.UTC().Format(http.TimeFormat))
		if notModified(r, etag, resp.lastMod) {
			hdr.Del("Content-Type")
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	hdr.Set("Content-Length", strconv.Itoa(len(resp.body)))
	w.WriteHeader(http.StatusOK)
	w.Write(resp.body)
}

// etag imitates the server: nginx writes "mtime-size" in hex, Tomcat a
// weak W/"size-millis".
func (h *Host) etag(resp response) string {
	if h.Site.Family == Hanweb {
		return fmt.Sprintf(`W/"%d-%d"`, len(resp.body), resp.lastMod.UnixMilli())
	}
	return fmt.Sprintf(`"%x-%x"`, resp.lastMod.Unix(), len(resp.body))
}

// notModified applies RFC 9110 §13.1: If-None-Match (weak comparison)
// decides when present, otherwise If-Modified-Since.
func notModified(r *http.Request, etag string, lastMod time.Time) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		for _, t := range strings.Split(inm, ",") {
			t = strings.TrimSpace(t)
			if t == "*" || strings.TrimPrefix(t, "W/") == strings.TrimPrefix(etag, "W/") {
				return true
			}
		}
		return false
	}
	ims, err := http.ParseTime(r.Header.Get("If-Modified-Since"))
	return err == nil && !lastMod.Truncate(time.Second).After(ims)
}
