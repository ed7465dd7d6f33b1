package portalsim

import (
	"net/http"
	"strings"
	"time"
)

// Edit publishes a new revision of the page or attachment at target (a URL
// or a path): new bytes, a later Last-Modified, a new ETag. It returns the
// revision now served (1 after the first edit).
func (h *Host) Edit(target string) int {
	path, _ := h.target(target)
	h.mu.Lock()
	defer h.mu.Unlock()
	h.rev[path]++
	return h.rev[path]
}

// Touch changes only the furniture of the article page at target, the
// way CMSs do on every visit or re-render: a view counter and a print
// date above the article tools get new values (new bytes, validators and
// Last-Modified; the article itself is unchanged). It returns how many
// times target was touched.
func (h *Host) Touch(target string) int {
	path, _ := h.target(target)
	h.mu.Lock()
	defer h.mu.Unlock()
	h.views[path]++
	return h.views[path]
}

// Delete makes target answer status (404 when status is 0, or 410). The
// column keeps listing it, as CMS lists do until they are regenerated.
func (h *Host) Delete(target string, status int) {
	if status == 0 {
		status = http.StatusNotFound
	}
	path, _ := h.target(target)
	h.mu.Lock()
	defer h.mu.Unlock()
	h.deleted[path] = status
}

// Restore undoes Delete for target.
func (h *Host) Restore(target string) {
	path, _ := h.target(target)
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.deleted, path)
}

// SetTrap switches the pagination trap: every list page announces one
// more page (TRS: createPageHTML count = current+2 and index_k.html exists
// for every k; Plain: a 下一页 link on every page; Hanweb: jpage announces
// a million records and dataproxy.jsp invents them).
func (h *Host) SetTrap(on bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.trap = on
}

// Publish adds a genuine report of the host's agency for year at the top
// of the column, published at the given time, with an attachment unless
// the site has none — what an agency does each spring. It returns the new
// report; the list pages change (new bytes and validators) at once.
func (h *Host) Publish(year int, published time.Time) Report {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.gen++
	it := &item{kind: KindReport, id: h.items[0].id - h.items[0].id%1000 + 500 + h.gen, agency: h.Site.Agency,
		year: year, title: reportTitle(h.Site.Agency, year, 0), published: published.UTC().Truncate(time.Second)}
	if !h.Site.NoAttachments {
		it.attach = &attachment{ext: "pdf", owner: it,
			name: it.title + ".pdf"}
	}
	it.path = h.cms.articlePath(it)
	if it.attach != nil {
		it.attach.path = h.cms.attachmentPath(it)
	}
	h.items = append([]*item{it}, h.items...)
	h.index(it)
	return h.reportOf(it)
}

// PublishAt adds, as Publish does, a report for year at the top of the
// column, but listed at base (the scheme and host of another server, e.g.
// http://127.0.0.32:8080) instead of this host: what the list pages and
// the list APIs of a compromised portal, or of one linking a lapsed
// domain, answer. This host does not serve it; Links, Reports and
// ExpectedFetches leave it out. It returns the URL the column lists.
func (h *Host) PublishAt(base string, year int, published time.Time) string {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.gen++
	it := &item{kind: KindReport, id: h.items[0].id - h.items[0].id%1000 + 500 + h.gen, agency: h.Site.Agency,
		year: year, title: reportTitle(h.Site.Agency, year, 0), published: published.UTC().Truncate(time.Second),
		elsewhere: strings.TrimSuffix(base, "/")}
	it.path = h.cms.articlePath(it)
	h.items = append([]*item{it}, h.items...)
	return it.linkPath()
}

// Empty takes every report off the column (also the robots-disallowed one;
// the decoys stay), as a CMS
// migration that left the old column behind empty does. The report pages
// still answer; the list pages change at once.
func (h *Host) Empty() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.gen++
	var keep []*item
	for _, it := range h.items {
		if it.kind != KindReport && it.kind != KindDisallowed {
			keep = append(keep, it)
		}
	}
	h.items = keep
}

func (h *Host) reportOf(it *item) Report {
	r := Report{URL: h.BaseURL + it.path, Title: it.title, Agency: it.agency, Year: it.year, Published: it.published}
	switch {
	case it.pdfOnly:
		r.URL, r.Document = h.BaseURL+it.attach.path, true
	case it.docShell:
		r.URL, r.Page, r.Document = h.BaseURL+it.attach.path, h.BaseURL+it.path, true
	case it.attach != nil:
		r.Attachment = h.BaseURL + it.attach.path
	}
	return r
}

// Report is a genuine annual report of a host's column.
type Report struct {
	URL       string
	Title     string
	Agency    string
	Year      int
	Published time.Time
	// Attachment is the URL of the file the report page links, or "".
	Attachment string
	// Document: the report is the file at URL (Site.Documents); Page is
	// the shell page that links it, "" when the column links it directly.
	Document bool
	Page     string
}

// Link is any item of a host's column.
type Link struct {
	URL   string
	Title string // full title (the list may show it truncated)
	Kind  LinkKind
	Year  int // year named by the title; 0 when none
}

// ColumnURL is the URL of the column's first list page.
func (h *Host) ColumnURL() string {
	if h.Site.Shell != ShellNone {
		return h.BaseURL + shellPath
	}
	return h.BaseURL + h.cms.columnPath()
}

// Links returns every item of the column in list order (newest first),
// reports and decoys alike.
func (h *Host) Links() []Link {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := make([]Link, 0, len(h.items))
	for _, it := range h.items {
		if it.elsewhere == "" {
			out = append(out, Link{URL: h.BaseURL + it.path, Title: it.title, Kind: it.kind, Year: it.year})
		}
	}
	return out
}

// URLs returns the URLs of the column items of kind k, in list order.
func (h *Host) URLs(k LinkKind) []string {
	var out []string
	for _, l := range h.Links() {
		if l.Kind == k {
			out = append(out, l.URL)
		}
	}
	return out
}

// Reports returns the genuine reports, in list order.
func (h *Host) Reports() []Report {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []Report
	for _, it := range h.items {
		if it.kind != KindReport || it.elsewhere != "" {
			continue
		}
		out = append(out, h.reportOf(it))
	}
	return out
}

// ReportURLs returns the URLs of the genuine reports, in list order.
func (h *Host) ReportURLs() []string { return h.URLs(KindReport) }

// AttachmentURLs returns the URLs of the reports' attachments.
func (h *Host) AttachmentURLs() []string {
	var out []string
	for _, r := range h.Reports() {
		if r.Attachment != "" {
			out = append(out, r.Attachment)
		}
	}
	return out
}

// ListPages returns the number of column list pages (without the trap).
func (h *Host) ListPages() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return max(1, (len(h.items)+h.Site.PerPage-1)/h.Site.PerPage)
}

// ListURLs returns the URLs of the column list pages. For Hanweb the
// pages after the first are dataproxy.jsp requests of one page each; a
// crawler may ask for the same records in other ranges or with POST.
func (h *Host) ListURLs() []string {
	n := h.ListPages()
	out := make([]string, n)
	for k := range out {
		out[k] = h.BaseURL + h.cms.listURL(k)
	}
	return out
}

// ExpectedFetches is the number of requests a complete, robots-obeying
// crawl of the column makes when each list page is fetched once:
// robots.txt, the list pages, the reports and the attachments.
func (h *Host) ExpectedFetches() int {
	return 1 + h.ListPages() + len(h.URLs(KindReport)) + len(h.AttachmentURLs())
}
