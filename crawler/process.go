package crawler

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"github.com/nianbao/nianbao/store"
)

// process fetches one item, archives the result and acts on the body.
func (r *run) process(ctx context.Context, it item) {
	req := fetchReq{url: it.url, form: it.form, ctype: it.ctype, referer: it.referrer}
	if it.form == "" && !isAPIKind(it.kind) { // list APIs are always asked in full
		etag, lm, err := r.cr.archive.Validators(ctx, it.url)
		if err != nil && !errors.Is(err, store.ErrNotFound) && ctx.Err() == nil {
			r.cr.log.Warn("read validators", "portal", r.portal.Name, "url", it.url, "error", err)
		}
		req.etag, req.lastMd = etag, lm
	}
	ex, err := r.fetcher.fetch(ctx, req)
	if err != nil { // the run was cancelled: the item stays pending
		r.complete(ctx, it, false)
		return
	}
	var ans apiAnswer
	if isAPIKind(it.kind) && ex.reason == "" && ex.status >= 200 && ex.status < 300 {
		if ans, err = readAPI(strings.TrimPrefix(it.kind, apiKindPrefix), ex.body); err != nil {
			ex.reason, ex.err, ex.body = "bad_payload", err, nil
			r.cr.log.Warn("list API answer cannot be read", "portal", r.portal.Name, "url", it.url, "error", err)
		}
	}
	if errors.Is(ex.err, ErrBlockedAddress) || strings.HasPrefix(ex.reason, blockedReasonPrefix) {
		r.cr.log.Warn("connection refused by the address guard", "portal", r.portal.Name, "url", it.url, "reason", ex.reason, "error", ex.err)
	} else if ex.err != nil {
		r.cr.log.Info("fetch failed", "portal", r.portal.Name, "url", it.url, "reason", ex.reason, "attempts", ex.attempts, "error", ex.err)
	}
	v, err := r.cr.archive.Record(ctx, store.Fetch{
		Portal: r.portal.Name, URL: it.url, FinalURL: ex.finalURL, FetchedAt: ex.fetched,
		Status: ex.status, Header: ex.header, Body: ex.body, Reason: ex.reason,
		Method: req.method(), RequestBody: []byte(it.form), RequestContentType: req.contentType(), Referrer: it.referrer,
		Redirects: ex.hops,
	})
	if err != nil {
		if ctx.Err() == nil {
			r.mu.Lock()
			r.archErr = errors.Join(r.archErr, err)
			r.mu.Unlock()
		}
		r.complete(ctx, it, false)
		return
	}
	r.mu.Lock()
	r.rec.Counts[v.Outcome]++
	if v.Outcome == store.OutcomeFailed {
		r.rec.Failures[v.Reason]++
	}
	if it.url == r.column && it.form == "" {
		r.coverColumnLocked(ex)
	}
	r.mu.Unlock()
	r.cr.metrics.fetched(r.portal.Name, string(v.Outcome), v.Reason)

	body := ex.body
	if ex.status == 304 && v.SHA256 != "" {
		if body, err = r.cr.archive.Body(ctx, v.SHA256); err != nil {
			r.cr.log.Warn("read archived body", "portal", r.portal.Name, "url", it.url, "error", err)
			body = nil
		}
	}
	if isAPIKind(it.kind) {
		if ex.reason == "" && ex.status >= 200 && ex.status < 300 {
			r.apiList(it, ans)
		}
		r.complete(ctx, it, true)
		return
	}
	if len(body) > 0 {
		contentType := ""
		if ex.header != nil {
			contentType = ex.header.Get("Content-Type")
		}
		if ex.status == 304 {
			contentType = v.ContentType
		}
		r.use(ctx, it, v, body, contentType, ex.finalURL)
	}
	r.complete(ctx, it, true)
}

// use acts on a body in force: list pages yield pagination and report
// links, report pages are classified and yield attachments.
func (r *run) use(ctx context.Context, it item, v store.Version, body []byte, contentType, finalURL string) {
	switch it.kind {
	case KindColumn:
		r.list(it, body, contentType, finalURL)
	case KindReport:
		r.report(ctx, it, v, body, contentType, finalURL)
	}
}

// pageURL is the URL links on the page resolve against.
func pageURL(it item, finalURL string) *url.URL {
	for _, s := range []string{finalURL, it.url} {
		if u, err := url.Parse(s); err == nil && s != "" {
			return u
		}
	}
	return &url.URL{}
}

func parseHTML(text []byte) *goquery.Document {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(text))
	if err != nil {
		return nil
	}
	return doc
}

// list reads a column page: report links (also inside Hanweb datastore
// records) and the further list pages.
func (r *run) list(it item, body []byte, contentType, finalURL string) {
	page := pageURL(it, finalURL)
	text := decodeHTML(body, contentType, r.set.charset)
	doc := parseHTML(text)
	if doc == nil {
		return
	}
	l := paginate(r.portal.Pagination, page, string(text), doc, r.hosts, r.cr.words, r.set.maxPages)
	links, considered := reportLinks(doc, page, r.hosts, r.rule, r.cr.words)
	if l.records != "" {
		if rd := parseHTML([]byte(l.records)); rd != nil {
			more, n := reportLinks(rd, page, r.hosts, r.rule, r.cr.words)
			links, considered = append(links, more...), considered+n
		}
	}
	more, families := discoverLists(r.portal.Pagination, page, string(text), doc, r.hosts)
	// A list page whose report links repeat an earlier page's is a trap or
	// a loop: its pagination is not followed.
	fp := fingerprint(links, text)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.coverListLocked(considered, links)
	for i, m := range more {
		r.coverFamilyLocked(families[i])
		m.depth = it.depth
		r.enqueueLocked(m)
	}
	trap := r.prints[fp]
	r.prints[fp] = true
	for _, ln := range links {
		r.enqueueLocked(item{url: ln.URL, kind: KindReport, referrer: it.url, linkText: ln.Text, year: ln.Year, depth: it.depth + 1})
	}
	if trap {
		r.cr.log.Info("list page repeats an earlier one; pagination not followed", "portal", r.portal.Name, "url", it.url)
		return
	}
	for _, pg := range l.pages {
		r.enqueueLocked(item{url: pg.URL, form: pg.Form, kind: KindColumn, referrer: it.url, depth: it.depth})
	}
}

// apiList acts on a list-API answer: its report links, and the next
// page unless the answer repeats an earlier one (a server that answers
// every page number with the last page).
func (r *run) apiList(it item, ans apiAnswer) {
	links, considered := apiLinks(it, ans, r.hosts, r.rule, r.cr.words)
	fp := fingerprint(links, []byte(ans.html+fmt.Sprint(ans.count, ans.siteID)))
	r.mu.Lock()
	defer r.mu.Unlock()
	r.coverListLocked(considered, links)
	r.coverFamilyLocked(strings.TrimPrefix(it.kind, apiKindPrefix))
	for _, ln := range links {
		r.enqueueLocked(item{url: ln.URL, kind: KindReport, referrer: it.referrer, linkText: ln.Text, year: ln.Year, depth: it.depth + 1})
	}
	if r.prints[fp] && ans.count > 0 {
		r.cr.log.Info("list API page repeats an earlier one; paging stops", "portal", r.portal.Name, "url", it.url)
		return
	}
	r.prints[fp] = true
	if next, ok := nextAPI(it, ans); ok {
		r.enqueueLocked(next)
	}
}

// fingerprint identifies a list page by its report links, or, when it has
// none, by its text with digits removed (so "page 3" and "page 4" of an
// empty trap look alike).
func fingerprint(links []Link, text []byte) string {
	var parts []string
	for _, l := range links {
		parts = append(parts, l.URL)
	}
	if len(parts) == 0 {
		parts = append(parts, "text:"+strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return -1
			}
			return r
		}, string(text)))
	}
	slices.Sort(parts)
	h := sha256.Sum256([]byte(strings.Join(parts, "\n")))
	return string(h[:])
}

// report classifies a report candidate, indexes it when the Classifier
// says so, and queues its attachments.
//
// A candidate that is a document (a report link to a .pdf, .docx …) is
// the report itself. A candidate page that is not a report but only a
// shell around an attachment ("详见附件") makes its attachments the report
// candidates, with the page's link text and year as hints; otherwise
// attachments are fetched (when enabled) as the report's carriers.
func (r *run) report(ctx context.Context, it item, v store.Version, body []byte, contentType, finalURL string) {
	u, _ := url.Parse(it.url)
	html := looksHTML(contentType, body)
	document := !html || (u != nil && isAttachment(u))
	var text []byte
	var links []Link
	if !document {
		text = decodeHTML(body, contentType, r.set.charset)
		links = attachmentLinks(text, pageURL(it, finalURL), r.hosts)
	}
	if len(links) > 0 && isAttachmentShell(text) {
		// The page only points at its attachment: the attachment is the
		// report, with this page's link text and year as hints.
		r.mu.Lock()
		defer r.mu.Unlock()
		for _, ln := range links {
			r.enqueueLocked(item{url: ln.URL, kind: KindReport, referrer: it.url, linkText: it.linkText, year: it.year, depth: it.depth + 1})
		}
		return
	}
	if r.cr.classifier != nil {
		page := Page{Portal: r.portal, Version: v, LinkText: it.linkText, LinkYear: it.year,
			Referrer: it.referrer, Document: document}
		if document && v.SHA256 != "" {
			// Archived: the classifier reads it back when its turn comes.
			page.Load = r.archivedBody(v.SHA256)
		} else {
			page.Body = body
		}
		entry, ok, err := r.cr.classifier.Classify(ctx, page)
		switch {
		case err != nil:
			r.cr.log.Warn("classify", "portal", r.portal.Name, "url", it.url, "error", err)
		case ok:
			r.index(ctx, it, v, entry)
		}
	}
	if document || !r.set.attachments {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, ln := range links {
		r.enqueueLocked(item{url: ln.URL, kind: KindAttachment, referrer: it.url, linkText: ln.Text, year: ln.Year, depth: it.depth + 1})
	}
}

// archivedBody reads the archived body of hash sha256.
func (r *run) archivedBody(sha256 string) func(context.Context) ([]byte, error) {
	return func(ctx context.Context) ([]byte, error) { return r.cr.archive.Body(ctx, sha256) }
}

// shellText bounds the text of a page that only points at its attachment:
// a report itself runs to thousands of characters.
const shellText = 1500

// isAttachmentShell reports whether a page only points at its attachment:
// it says so (详见附件, 見附件 …) and carries little text besides.
func isAttachmentShell(text []byte) bool {
	if !bytes.Contains(text, []byte("见附件")) && !bytes.Contains(text, []byte("見附件")) {
		return false
	}
	doc := parseHTML(text)
	return doc != nil && utf8.RuneCountInString(strings.Join(strings.Fields(doc.Find("body").Text()), "")) < shellText
}

func (r *run) index(ctx context.Context, it item, v store.Version, e store.ReportEntry) {
	if e.Portal == "" {
		e.Portal = r.portal.Name
	}
	if e.URL == "" {
		e.URL = it.url
	}
	if e.VersionID == "" {
		e.VersionID = v.ID
	}
	if e.Agency == "" {
		e.Agency = r.portal.Agency
	}
	if e.Region == "" {
		e.Region = r.portal.Region
	}
	if e.Year == 0 {
		e.Year = it.year
	}
	if e.Title == "" {
		e.Title = it.linkText
	}
	if _, err := r.cr.archive.IndexReport(ctx, e); err != nil {
		r.cr.log.Warn("index report", "portal", r.portal.Name, "url", it.url, "error", err)
		return
	}
	r.mu.Lock()
	r.rec.Reports++
	r.cov.Years[e.Year]++
	r.mu.Unlock()
	r.cr.metrics.indexed(r.portal.Name)
}

// looksHTML reports whether a body is an HTML page (by type, or by sniffing
// when the type is missing or generic).
func looksHTML(contentType string, body []byte) bool {
	ct := strings.ToLower(contentType)
	if strings.Contains(ct, "html") {
		return true
	}
	if ct != "" && !strings.Contains(ct, "octet-stream") && !strings.Contains(ct, "text/plain") {
		return false
	}
	head := bytes.ToLower(body[:min(len(body), 512)])
	return bytes.Contains(head, []byte("<html")) || bytes.Contains(head, []byte("<!doctype html"))
}
