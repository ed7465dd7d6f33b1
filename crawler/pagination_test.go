package crawler

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
)

func pageURLs(ps []pageRequest) []string {
	var out []string
	for _, p := range ps {
		s := p.URL
		if p.Form != "" {
			s += " POST " + p.Form
		}
		out = append(out, s)
	}
	return out
}

func TestPaginate(t *testing.T) {
	const col = "http://www.example.gov.cn/zfxxgk/zfxxgknb/"
	tests := []struct {
		name string
		mode string
		page string
		html string
		max  int
		want []string
	}{
		{
			name: "TRS createPageHTML is 0-based",
			page: col,
			html: `<script>createPageHTML(4, 0, "index", "html");</script>`,
			want: []string{col + "index_1.html", col + "index_2.html", col + "index_3.html"},
		},
		{
			name: "TRS with variables and the function definition ignored",
			page: col + "index_2.html",
			html: `<script>function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){}
var countPage = 3;var currentPage = 2;createPageHTML(countPage, currentPage, "index", "shtml");</script>`,
			want: []string{col + "index_1.shtml", col + "index_2.shtml"},
		},
		{
			name: "TRS 6-argument variant",
			page: col + "index.html",
			html: `<script>createPageHTML('page_div', 3, 1, 'index', 'html', 41);</script>`,
			want: []string{col + "index_1.html", col + "index_2.html"},
		},
		{
			name: "TRS createPage (重庆)",
			page: col,
			html: `<script>//wcm分页，总记录：40
createPage(2, 0, "index", "html");</script>`,
			want: []string{col + "index_1.html"},
		},
		{
			name: "TRS single page yields nothing",
			page: col,
			html: `<script>createPageHTML(1, 0, "index", "html");</script>`,
		},
		{
			name: "page cap",
			page: col,
			html: `<script>createPageHTML(1000, 0, "index", "html");</script>`,
			max:  2,
			want: []string{col + "index_1.html", col + "index_2.html"},
		},
		{
			name: "query links on the same path",
			page: "http://h.gov.cn/list.jsp?page=1",
			html: `<a href="list.jsp?page=2">2</a><a href="list.jsp?page=3">3</a><a href="other.jsp?page=2">x</a>`,
			want: []string{"http://h.gov.cn/list.jsp?page=2", "http://h.gov.cn/list.jsp?page=3"},
		},
		{
			name: "下一页 link",
			mode: PaginationNext,
			page: "http://h.gov.cn/nb/list_1.html",
			html: `<a href="list_2.html">下一页</a><a href="list.jsp?page=9">9</a>`,
			want: []string{"http://h.gov.cn/nb/list_2.html"},
		},
		{
			name: "尾页 to index_N expands every page",
			mode: PaginationNext,
			page: "http://h.gov.cn/nb/index.html",
			html: `<a href="index_1.html">下页</a><a href="index_3.html">尾页</a>`,
			want: []string{"http://h.gov.cn/nb/index_1.html", "http://h.gov.cn/nb/index_3.html", "http://h.gov.cn/nb/index_2.html"},
		},
		{
			name: "末页 with pageNo expands",
			page: "http://h.gov.cn/nb/list.do?pageNo=1",
			html: `<a href="list.do?pageNo=4">末页</a>`,
			want: []string{"http://h.gov.cn/nb/list.do?pageNo=4", "http://h.gov.cn/nb/list.do?pageNo=2", "http://h.gov.cn/nb/list.do?pageNo=3"},
		},
		{
			name: "mode trs ignores links",
			mode: PaginationTRS,
			page: col,
			html: `<a href="index_1.html">下一页</a>`,
		},
		{
			name: "next link to another host is not followed",
			page: col,
			html: `<a href="http://elsewhere.cn/2.html">下一页</a>`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := mustURL(t, tt.page)
			max := tt.max
			if max == 0 {
				max = 100
			}
			l := paginate(tt.mode, page, tt.html, mustDoc(t, tt.html), newHostSet(nil, page), wording{}, max)
			if got := pageURLs(l.pages); strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("pages =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// hanwebColumn is a Hanweb JCMS column page in the shape described in
// report-format.md §9.2: records inside <datastore> CDATA, jpage totals.
func hanwebColumn(total, shown, perPage int) string {
	var b strings.Builder
	b.WriteString(`<html><body><div id="4001"><script type="text/xml"><datastore>`)
	b.WriteString(`<nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&appid=1&webid=12&path=/&columnid=345&unitid=4001&webname=%E6%9F%90%E5%B8%82&permissiontype=0"></a>]]></nextgroup>`)
	b.WriteString(`<recordset>`)
	for i := 1; i <= shown; i++ {
		fmt.Fprintf(&b, `<record><![CDATA[<li><a href='/art/2024/1/%d/art_345_%d.html' title='%d年政府信息公开工作年度报告'>%d年政府信息公开工作年度报告</a><span>2024-01-15</span></li>]]></record>`, i, i, 2030-i, 2030-i)
	}
	fmt.Fprintf(&b, `</recordset></datastore></script></div><script>$('#4001').jpage({totalRecord:%d,perPage:%d});</script></body></html>`, total, perPage)
	return b.String()
}

func TestPaginateHanweb(t *testing.T) {
	page := mustURL(t, "http://www.hw.gov.cn/col/col345/index.html")
	html := hanwebColumn(130, 3, 10)
	l := paginate(PaginationAuto, page, html, mustDoc(t, html), newHostSet(nil, page), wording{}, 100)
	form := "appid=1&col=1&columnid=345&path=%2F&permissiontype=0&sourceContentType=1&unitid=4001&webid=12&webname=%E6%9F%90%E5%B8%82"
	want := []string{
		"http://www.hw.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=1&endrecord=30&perpage=30&page=1 POST " + form,
		"http://www.hw.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=31&endrecord=60&perpage=30&page=2 POST " + form,
		"http://www.hw.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=61&endrecord=90&perpage=30&page=3 POST " + form,
		"http://www.hw.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=91&endrecord=120&perpage=30&page=4 POST " + form,
		"http://www.hw.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=121&endrecord=130&perpage=30&page=5 POST " + form,
	}
	if got := pageURLs(l.pages); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("pages =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	links, _ := reportLinks(mustDoc(t, l.records), page, newHostSet(nil, page), nil, wording{})
	if len(links) != 3 || links[0].URL != "http://www.hw.gov.cn/art/2024/1/1/art_345_1.html" || links[0].Year != 2029 {
		t.Errorf("record links = %+v, want 3 starting with art_345_1 (2029)", links)
	}
	for _, p := range l.pages {
		if strings.Contains(p.URL, "index_1.html") {
			t.Errorf("Hanweb paging produced static %s (a 404 on Hanweb)", p.URL)
		}
	}

	// A dataproxy answer yields its records and no further requests.
	proxy := mustURL(t, "http://www.hw.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=4&endrecord=33&perpage=10")
	answer := `<?xml version="1.0" encoding="UTF-8"?><datastore><totalrecord>130</totalrecord><totalpage>13</totalpage><recordset>` +
		`<record><![CDATA[<li><a href="/art/2015/3/1/art_345_9.html">二〇一四年政府信息公开年报</a></li>]]></record></recordset></datastore>`
	l = paginate(PaginationAuto, proxy, answer, mustDoc(t, answer), newHostSet(nil, proxy), wording{}, 100)
	if len(l.pages) != 0 {
		t.Errorf("dataproxy answer pages = %v, want none", pageURLs(l.pages))
	}
	links, _ = reportLinks(mustDoc(t, l.records), proxy, newHostSet(nil, proxy), nil, wording{})
	if len(links) != 1 || links[0].Year != 2014 {
		t.Errorf("dataproxy record links = %+v, want the 2014 report", links)
	}
}

func TestExpandLastKeepsHost(t *testing.T) {
	u, _ := url.Parse("http://h.gov.cn/a/index_2.htm")
	got := expandLast(u, 10)
	if len(got) != 2 || got[1].String() != "http://h.gov.cn/a/index_2.htm" {
		t.Errorf("expandLast = %v", got)
	}
}

// TestPaginateHanwebPerPageCut: groups never ask for more than 300
// records, the most servers answer.
func TestPaginateHanwebPerPageCut(t *testing.T) {
	page := mustURL(t, "http://www.hw.gov.cn/col/col345/index.html")
	html := hanwebColumn(700, 150, 150)
	l := paginate(PaginationAuto, page, html, mustDoc(t, html), newHostSet(nil, page), wording{}, 100)
	got := pageURLs(l.pages)
	if len(got) != 3 || !strings.Contains(got[0], "startrecord=1&endrecord=300&perpage=300&page=1") ||
		!strings.Contains(got[2], "startrecord=601&endrecord=700&perpage=300&page=3") {
		t.Errorf("pages =\n%s\nwant three groups of at most 300", strings.Join(got, "\n"))
	}
}
