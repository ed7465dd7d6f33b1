package portalsim

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
)

var (
	createPage4 = regexp.MustCompile(`createPageHTML\((\d+), (\d+), "index", "html"\)`)
	createPage6 = regexp.MustCompile(`createPageHTML\('page_div', (\d+), (\d+), "index", "html", (\d+)\)`)
	jpageTotal  = regexp.MustCompile(`totalRecord:(\d+),perPage:(\d+)`)
	cdataHref   = regexp.MustCompile(`href='([^']+)' title='([^']+)'`)
)

// walkColumn follows a column's pagination the way its family requires and
// returns every (absolute URL → title) listed, and the list URLs fetched.
func walkColumn(t *testing.T, h *Host, limit int) (map[string]string, []string) {
	t.Helper()
	links := map[string]string{}
	var fetchedURLs []string
	add := func(base *url.URL, href, title string) {
		u, err := base.Parse(href)
		if err != nil {
			t.Fatalf("bad href %q: %v", href, err)
		}
		links[u.String()] = title
	}
	anchors := func(page string, doc *goquery.Document, sel string) {
		base, _ := url.Parse(page)
		doc.Find(sel).Each(func(_ int, a *goquery.Selection) {
			href, _ := a.Attr("href")
			title, _ := a.Attr("title")
			add(base, href, title)
		})
	}
	switch h.Site.Family {
	case TRS:
		next := h.ColumnURL()
		for k := 0; next != "" && k < limit; k++ {
			f := mustGet(t, next)
			if f.status != http.StatusOK {
				t.Fatalf("GET %s = %d, want 200", next, f.status)
			}
			fetchedURLs = append(fetchedURLs, next)
			doc := mustDoc(t, f)
			anchors(next, doc, "ul.list a")
			script := doc.Find("div.page script").Text()
			count, cur := 0, 0
			if m := createPage4.FindStringSubmatch(script); m != nil {
				count, _ = strconv.Atoi(m[1])
				cur, _ = strconv.Atoi(m[2])
			} else if m := createPage6.FindStringSubmatch(script); m != nil {
				count, _ = strconv.Atoi(m[1])
				cur, _ = strconv.Atoi(m[2])
				cur-- // 1-based
			} else {
				t.Fatalf("%s: no createPageHTML call in %q", next, script)
			}
			if cur != k {
				t.Fatalf("%s: current page %d, want %d", next, cur, k)
			}
			next = ""
			if cur+1 < count {
				next = fmt.Sprintf("%s/zwgk/zfxxgk/zfxxgknb/index_%d.html", h.BaseURL, cur+1)
			}
		}
	case Hanweb:
		col := h.ColumnURL()
		f := mustGet(t, col)
		fetchedURLs = append(fetchedURLs, col)
		base, _ := url.Parse(col)
		body := string(f.body)
		for _, m := range cdataHref.FindAllStringSubmatch(body, -1) {
			add(base, m[1], m[2])
		}
		m := jpageTotal.FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("%s: no jpage call", col)
		}
		total, _ := strconv.Atoi(m[1])
		per, _ := strconv.Atoi(m[2])
		for start := per + 1; start <= total && start <= limit*per; start += per {
			u := fmt.Sprintf("%s%s?startrecord=%d&endrecord=%d&perpage=%d", h.BaseURL, DataProxyPath, start, start+per-1, per)
			p := mustPost(t, u, "col=1&appid=1&webid=3&path=/&columnid="+strconv.Itoa(h.cms.(hanweb).col)+"&sourceContentType=1&permissiontype=0")
			fetchedURLs = append(fetchedURLs, u)
			for _, m := range cdataHref.FindAllStringSubmatch(string(p.body), -1) {
				add(base, m[1], m[2])
			}
		}
	case Plain:
		next := h.ColumnURL()
		for k := 0; next != "" && k < limit; k++ {
			f := mustGet(t, next)
			fetchedURLs = append(fetchedURLs, next)
			doc := mustDoc(t, f)
			anchors(next, doc, "ul.news-list a")
			base, _ := url.Parse(next)
			next = ""
			doc.Find("div.pagination a").Each(func(_ int, a *goquery.Selection) {
				if a.Text() == h.cms.(plain).next {
					href, _ := a.Attr("href")
					u, _ := base.Parse(href)
					next = u.String()
				}
			})
		}
	}
	return links, fetchedURLs
}

func TestColumnPaginationListsEveryItem(t *testing.T) {
	f := NewTestFarm(t,
		Site{Family: TRS, Reports: 23, PerPage: 7},
		Site{Family: TRS, Reports: 5, TRSSixArgs: true, PerPage: 4},
		Site{Family: Hanweb, Reports: 20},
		Site{Family: Plain, Reports: 21, PerPage: 8},
		Site{Family: Plain, Reports: 9, PerPage: 3, PageParam: "pageNo", NextText: "下页", LastText: "末页"},
	)
	for _, h := range f.Hosts() {
		t.Run(h.Site.Name, func(t *testing.T) {
			links, lists := walkColumn(t, h, 100)
			want := h.Links()
			if len(links) != len(want) {
				t.Errorf("walked %d links, want %d", len(links), len(want))
			}
			for _, l := range want {
				title, ok := links[l.URL]
				if !ok {
					t.Errorf("link %s (%s) not found by walking the column", l.URL, l.Title)
				} else if title != l.Title {
					t.Errorf("title of %s = %q, want %q", l.URL, title, l.Title)
				}
			}
			if !slices.Equal(lists, h.ListURLs()) {
				t.Errorf("list pages walked = %v, want %v", lists, h.ListURLs())
			}
		})
	}
}

func TestPagesParse(t *testing.T) {
	f := NewTestFarm(t, Site{Family: TRS}, Site{Family: Hanweb}, Site{Family: Plain})
	bodySel := map[Family]string{TRS: "div.TRS_Editor", Hanweb: "div#zoom", Plain: "div.article-content"}
	for _, h := range f.Hosts() {
		t.Run(h.Site.Name, func(t *testing.T) {
			for _, r := range h.Reports() {
				page := mustGet(t, r.URL)
				if page.status != http.StatusOK {
					t.Fatalf("GET %s = %d", r.URL, page.status)
				}
				if h.Site.Family == TRS && utf8.Valid(page.body) {
					t.Errorf("%s: TRS page is valid UTF-8, want GBK bytes", r.URL)
				}
				doc := mustDoc(t, page)
				if got := doc.Find("title").Text(); got != r.Title {
					t.Errorf("%s: <title> = %q, want %q", r.URL, got, r.Title)
				}
				body := doc.Find(bodySel[h.Site.Family])
				if body.Length() != 1 {
					t.Fatalf("%s: %d %s elements, want 1", r.URL, body.Length(), bodySel[h.Site.Family])
				}
				text := body.Text()
				wantTables := 3
				mustSay := "收到和处理政府信息公开申请情况"
				if r.Year < 2019 {
					wantTables, mustSay = 1, "政府信息公开情况统计表"
				}
				if n := body.Find("table").Length(); n != wantTables {
					t.Errorf("%s (%d): %d tables, want %d", r.URL, r.Year, n, wantTables)
				}
				if !strings.Contains(text, mustSay) {
					t.Errorf("%s: body lacks %q", r.URL, mustSay)
				}
				if r.Year >= 2021 && !strings.Contains(text, "4.无正当理由大量反复申请") {
					t.Errorf("%s: T2021 table B row missing", r.URL)
				}
				if r.Attachment != "" {
					path := strings.TrimPrefix(r.Attachment, h.BaseURL)
					if body.Find(fmt.Sprintf("a[href=%q]", path)).Length() != 1 {
						t.Errorf("%s: no link to attachment %s", r.URL, path)
					}
				}
			}
		})
	}
}

func TestReportFiguresAreConsistent(t *testing.T) {
	for _, tc := range []struct {
		name string
		t    template
	}{{"T2021", t2021()}, {"T2019", t2019()}} {
		for id := range 50 {
			f := newFigures("h", id, id%3, len(tc.t.outcomes))
			last := len(f.tableB) - 1
			for c := range 7 {
				if got, want := f.tableB[0][c]+f.tableB[1][c], f.tableB[last-1][c]+f.tableB[last][c]; got != want {
					t.Fatalf("%s id %d col %d: B1 一+二 = %d, 总计+四 = %d", tc.name, id, c, got, want)
				}
				sum := 0
				for r := 2; r < last-1; r++ {
					sum += f.tableB[r][c]
				}
				if sum != f.tableB[last-1][c] {
					t.Fatalf("%s id %d col %d: B3 Σ outcomes = %d, 总计 = %d", tc.name, id, c, sum, f.tableB[last-1][c])
				}
			}
			for r, row := range f.tableB {
				if s := row[0] + row[1] + row[2] + row[3] + row[4] + row[5]; s != row[6] || slices.Min(row[:]) < 0 {
					t.Fatalf("%s id %d row %d: B2/N1 broken: %v", tc.name, id, r, row)
				}
			}
		}
	}
}

func TestAttachmentsHaveTheirFormat(t *testing.T) {
	f := NewTestFarm(t, Site{Family: Plain, Reports: 3})
	magic := map[string]string{".pdf": "%PDF-", ".docx": "PK\x03\x04", ".xls": "\xd0\xcf\x11\xe0"}
	for _, u := range f.Hosts()[0].AttachmentURLs() {
		a := mustGet(t, u)
		ext := u[strings.LastIndex(u, "."):]
		if a.status != http.StatusOK || !strings.HasPrefix(string(a.body), magic[ext]) {
			t.Errorf("GET %s = %d, %q…; want 200 and %q", u, a.status, a.body[:min(8, len(a.body))], magic[ext])
		}
	}
}

func TestDecoysAndRobots(t *testing.T) {
	f := NewTestFarm(t, Site{Family: Plain, Reports: 2, Robots: Robots{CrawlDelay: 50_000_000}}, Site{Family: TRS, Reports: 2, Robots: Robots{Missing: true}})
	h, bare := f.Hosts()[0], f.Hosts()[1]
	robots := mustGet(t, h.URL("/robots.txt"))
	for _, want := range []string{"User-agent: *\n", "Disallow: /archive/\n", "Crawl-delay: 0.05\n"} {
		if !strings.Contains(string(robots.body), want) {
			t.Errorf("robots.txt lacks %q:\n%s", want, robots.body)
		}
	}
	if got := mustGet(t, bare.URL("/robots.txt")).status; got != http.StatusNotFound {
		t.Errorf("missing robots.txt = %d, want 404", got)
	}
	if n := len(bare.URLs(KindDisallowed)); n != 0 {
		t.Errorf("host without robots lists %d disallowed links, want 0", n)
	}
	kinds := map[LinkKind][]string{}
	for _, l := range h.Links() {
		kinds[l.Kind] = append(kinds[l.Kind], l.Title)
	}
	for _, want := range []struct {
		kind  LinkKind
		title string
	}{
		{KindNotice, "关于做好2023年度政府信息公开工作年度报告编制工作的通知"},
		{KindSkipped, "政府信息公开指南"},
		{KindSkipped, "统计公报"},
		{KindDisallowed, "年政府信息公开工作年度报告"},
	} {
		if !slices.ContainsFunc(kinds[want.kind], func(s string) bool { return strings.Contains(s, want.title) }) {
			t.Errorf("no %v link titled …%s…; have %v", want.kind, want.title, kinds[want.kind])
		}
	}
	for _, u := range h.URLs(KindDisallowed) {
		if !strings.HasPrefix(strings.TrimPrefix(u, h.BaseURL), "/archive/") {
			t.Errorf("disallowed link %s not under /archive/", u)
		}
		if got := mustGet(t, u).status; got != http.StatusOK {
			t.Errorf("GET disallowed %s = %d, want 200 (robots is advice)", u, got)
		}
	}
}
