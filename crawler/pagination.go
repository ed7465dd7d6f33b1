package crawler

import (
	"html"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/PuerkitoBio/goquery"
)

// Pagination families, as written in a portal's `pagination` setting.
const (
	PaginationAuto   = "auto"
	PaginationTRS    = "trs"
	PaginationHanweb = "hanweb"
	PaginationQuery  = "query"
	PaginationNext   = "next"
)

// pageRequest is one list page to fetch: a GET, or a POST with a form body
// (Hanweb dataproxy paging).
type pageRequest struct {
	URL  string
	Form string // url-encoded POST body; empty means GET
}

// listing is what a column page says about the rest of the column.
type listing struct {
	pages   []pageRequest // further list pages, absolute, in order
	records string        // HTML of Hanweb <datastore> records, to be searched for report links
}

// paginate reads a column page's pagination in the families mode allows
// and returns at most max further pages. It never fetches.
func paginate(mode string, page *url.URL, text string, doc *goquery.Document, hosts hostSet, words wording, max int) listing {
	var l listing
	add := func(p pageRequest) {
		if len(l.pages) < max {
			l.pages = append(l.pages, p)
		}
	}
	use := func(family string) bool { return paginates(mode, family) }
	if use(PaginationTRS) {
		for _, u := range trsPages(page, text, max) {
			add(pageRequest{URL: u})
		}
	}
	if use(PaginationHanweb) {
		recs, reqs := hanwebPages(page, text, max)
		l.records = recs
		for _, r := range reqs {
			add(r)
		}
	}
	if doc != nil && (use(PaginationQuery) || use(PaginationNext)) {
		for _, u := range linkPages(mode, doc, page, hosts, words, max) {
			add(pageRequest{URL: u})
		}
	}
	return l
}

// paginates reports whether a portal's pagination setting (empty means
// auto) lets family's paging be followed.
func paginates(mode, family string) bool {
	return mode == "" || mode == PaginationAuto || mode == family
}

var (
	trsCall  = regexp.MustCompile(`createPage(?:HTML)?\s*\(([^()]*)\)`)
	trsIndex = regexp.MustCompile(`^(.*?)_(\d+)\.(s?html?|jsp|php|aspx?)$`)
)

// trsPages expands TRS WCM's createPageHTML(count, current, "index", "html")
// (and createPage with the same arguments) to index_1.html … index_{count-1}.html,
// and the 6-argument createPageHTML(divId, count, current, name, ext, total)
// the same way. Page 0 is the column page itself. Counts may be literals or
// variables assigned a literal in the page.
func trsPages(page *url.URL, text string, max int) []string {
	var out []string
	if !strings.Contains(text, "createPage") {
		return nil
	}
	for _, loc := range trsCall.FindAllStringSubmatchIndex(text, 8) {
		if strings.HasSuffix(strings.TrimRight(text[:loc[0]], " \t\r\n"), "function") {
			continue // the function's definition, not a call
		}
		args := splitArgs(text[loc[2]:loc[3]])
		var count int
		var name, ext string
		switch {
		case len(args) == 4:
			count, name, ext = resolveInt(args[0], text), unquote(args[2]), unquote(args[3])
		case len(args) >= 5 && isQuoted(args[0]):
			count, name, ext = resolveInt(args[1], text), unquote(args[3]), unquote(args[4])
		default:
			continue
		}
		if count < 2 || name == "" || ext == "" || strings.ContainsAny(name+ext, "/?#\\") {
			continue
		}
		for k := 1; k < count && len(out) < max; k++ {
			if u, err := page.Parse(name + "_" + strconv.Itoa(k) + "." + ext); err == nil {
				out = append(out, u.String())
			}
		}
		break
	}
	return out
}

func splitArgs(s string) []string {
	parts := strings.Split(s, ",")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}

func isQuoted(s string) bool {
	return len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0]
}

func unquote(s string) string {
	if isQuoted(s) {
		return s[1 : len(s)-1]
	}
	return ""
}

// resolveInt reads an integer literal, or the literal last assigned to the
// named variable in text; -1 when neither.
func resolveInt(arg, text string) int {
	if n, err := strconv.Atoi(arg); err == nil {
		return n
	}
	if !regexp.MustCompile(`^[A-Za-z_$][\w$]*$`).MatchString(arg) {
		return -1
	}
	re := regexp.MustCompile(`(?:^|[^\w$.])` + regexp.QuoteMeta(arg) + `\s*=\s*(\d+)`)
	ms := re.FindAllStringSubmatch(text, -1)
	if len(ms) == 0 {
		return -1
	}
	n, _ := strconv.Atoi(ms[len(ms)-1][1])
	return n
}

var (
	hwDatastore = regexp.MustCompile(`(?is)<datastore>(.*?)</datastore>`)
	hwRecord    = regexp.MustCompile(`(?is)<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>`)
	hwNextGroup = regexp.MustCompile(`(?is)<nextgroup>\s*<!\[CDATA\[(.*?)\]\]>\s*</nextgroup>`)
	hwHref      = regexp.MustCompile(`(?is)href\s*=\s*["']([^"']+)["']`)
	hwTotal     = regexp.MustCompile(`(?i)totalRecord\s*[:=]\s*["']?(\d+)|<totalrecord>\s*(\d+)\s*</totalrecord>`)
	hwPerPage   = regexp.MustCompile(`(?i)perPage\s*[:=]\s*["']?(\d+)`)
)

// hanwebPages reads a Hanweb JCMS column page: its <datastore> records (the
// list is embedded as CDATA, invisible to an HTML parser) and, on the first
// page, the dataproxy.jsp POST requests for the remaining records. Static
// index_N.html pages do not exist on Hanweb. A dataproxy answer itself
// yields records only: the first page already enumerated every request.
func hanwebPages(page *url.URL, text string, max int) (string, []pageRequest) {
	ds := hwDatastore.FindStringSubmatch(text)
	if ds == nil {
		return "", nil
	}
	var recs strings.Builder
	n := 0
	for _, m := range hwRecord.FindAllStringSubmatch(ds[1], -1) {
		recs.WriteString(m[1])
		recs.WriteByte('\n')
		n++
	}
	if strings.Contains(page.Path, "dataproxy") {
		return recs.String(), nil
	}
	total := 0
	if m := hwTotal.FindStringSubmatch(text); m != nil {
		total, _ = strconv.Atoi(m[1] + m[2])
	}
	ng := hwNextGroup.FindStringSubmatch(ds[1])
	if ng == nil || total <= n {
		return recs.String(), nil
	}
	hm := hwHref.FindStringSubmatch(ng[1])
	if hm == nil {
		return recs.String(), nil
	}
	proxy, err := page.Parse(html.UnescapeString(hm[1]))
	if err != nil {
		return recs.String(), nil
	}
	perPage := 0
	if m := hwPerPage.FindStringSubmatch(text); m != nil {
		perPage, _ = strconv.Atoi(m[1])
	}
	if perPage <= 0 {
		perPage = 20
	}
	form := proxy.Query()
	form.Del("page")
	setDefault(form, "col", "1")
	setDefault(form, "sourceContentType", "1")
	// Groups of three pages (as jpage asks), aligned on the group size from
	// record 1, so that a server reading only page and perpage answers the
	// same records as one reading startrecord and endrecord; servers cut
	// perpage above about 300.
	group := min(perPage*3, hanwebMaxPerPage)
	var reqs []pageRequest
	for start, k := 1, 1; start <= total && len(reqs) < max; start, k = start+group, k+1 {
		end := min(start+group-1, total)
		if end <= n {
			continue // the column page showed these
		}
		u := *proxy
		u.RawQuery = "startrecord=" + strconv.Itoa(start) + "&endrecord=" + strconv.Itoa(end) +
			"&perpage=" + strconv.Itoa(group) + "&page=" + strconv.Itoa(k)
		reqs = append(reqs, pageRequest{URL: u.String(), Form: form.Encode()})
	}
	return recs.String(), reqs
}

// hanwebMaxPerPage is the most records a dataproxy.jsp request asks for:
// servers cut perpage above about 300.
const hanwebMaxPerPage = 300

func setDefault(v url.Values, k, val string) {
	if v.Get(k) == "" {
		v.Set(k, val)
	}
}

// pageParams are query parameters that number list pages.
var pageParams = []string{"page", "pageNo", "pageno", "pageIndex", "pageNum", "currentPage", "curPage", "pn"}

// linkPages follows pagination written as links: ?page=N / pageNo=N links
// on the same path (query family) and links labelled 下一页/下页/尾页/末页
// (next family), in either script (下一頁, 尾頁 …). A 尾页 link to index_N.html or page=N also yields every
// page up to N.
func linkPages(mode string, doc *goquery.Document, page *url.URL, hosts hostSet, words wording, max int) []string {
	base := docBase(doc, page)
	var out []string
	seen := map[string]bool{page.String(): true}
	add := func(u *url.URL) {
		if u != nil && hosts.allows(u) && !seen[u.String()] && len(out) < max && !isAttachment(u) {
			seen[u.String()] = true
			out = append(out, u.String())
		}
	}
	query, next := paginates(mode, PaginationQuery), paginates(mode, PaginationNext)
	doc.Find("a[href]").Each(func(_ int, a *goquery.Selection) {
		u := resolve(base, a.AttrOr("href", ""))
		if u == nil {
			return
		}
		isNext, isLast := words.pageLabel(a.Text(), a.AttrOr("title", ""))
		if next && (isNext || isLast) {
			add(u)
		}
		if query && u.Path == page.Path && pageNumber(u) > 0 {
			add(u)
		}
		if isLast && (next || query) {
			for _, v := range expandLast(u, max) {
				add(v)
			}
		}
	})
	return out
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func pageNumber(u *url.URL) int {
	q := u.Query()
	for _, p := range pageParams {
		if n, err := strconv.Atoi(q.Get(p)); err == nil && n > 0 {
			return n
		}
	}
	return 0
}

// expandLast lists the pages before a last-page link: index_1 … index_N for
// TRS-style names, page=2 … page=N for query paging.
func expandLast(last *url.URL, max int) []*url.URL {
	var out []*url.URL
	dir, file := last.Path[:strings.LastIndex(last.Path, "/")+1], last.Path[strings.LastIndex(last.Path, "/")+1:]
	if m := trsIndex.FindStringSubmatch(file); m != nil && last.RawQuery == "" {
		n, _ := strconv.Atoi(m[2])
		for k := 1; k <= n && len(out) < max; k++ {
			u := *last
			u.Path = dir + m[1] + "_" + strconv.Itoa(k) + "." + m[3]
			u.RawPath = ""
			out = append(out, &u)
		}
		return out
	}
	q := last.Query()
	for _, p := range pageParams {
		n, err := strconv.Atoi(q.Get(p))
		if err != nil || n <= 0 {
			continue
		}
		for k := 2; k <= n && len(out) < max; k++ {
			q.Set(p, strconv.Itoa(k))
			u := *last
			u.RawQuery = q.Encode()
			out = append(out, &u)
		}
		return out
	}
	return out
}
