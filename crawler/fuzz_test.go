package crawler

import (
	"errors"
	"net/url"
	"strings"
	"testing"
)

// FuzzReportLinks feeds arbitrary HTML to link discovery: it must not
// panic, and every link it returns must be an absolute URL on an allowed
// host with a year in range.
func FuzzReportLinks(f *testing.F) {
	f.Add(columnHTML)
	f.Add(`<a href="r.html" title="二〇一九年政府信息公开工作年度报告">…</a>`)
	f.Add(`<a href="t.html"><span>２０１６</span>年政府信息公開<b>工作報告</b></a><a href="?page=2">下一頁</a>`)
	page, _ := url.Parse("http://www.example.gov.cn/nb/index.html")
	hosts := newHostSet(nil, page)
	words := mustWording(f)
	f.Fuzz(func(t *testing.T, html string) {
		doc := mustDoc(t, html)
		links, _ := reportLinks(doc, page, hosts, nil, words)
		for _, l := range links {
			u, err := url.Parse(l.URL)
			if err != nil || !hosts.allows(u) {
				t.Errorf("link %q is not an allowed absolute URL", l.URL)
			}
			if l.Year != 0 && (l.Year < 2008 || l.Year > 2099) {
				t.Errorf("link year %d out of range", l.Year)
			}
		}
		for _, l := range attachmentLinks([]byte(html), page, hosts) {
			if u, err := url.Parse(l.URL); err != nil || !isAttachment(u) {
				t.Errorf("attachment %q is not an attachment URL", l.URL)
			}
		}
	})
}

// FuzzPaginate feeds arbitrary pages to every pagination family: no panic,
// never more pages than the cap, every page on an allowed host.
func FuzzPaginate(f *testing.F) {
	f.Add(`<script>createPageHTML(4, 0, "index", "html");</script>`, "http://h.gov.cn/nb/")
	f.Add(`<script>createPageHTML('d', 9999999, 1, 'index', 'shtml', 3);</script>`, "http://h.gov.cn/nb/index.html")
	f.Add(hanwebColumn(500, 2, 15), "http://h.gov.cn/col/col1/index.html")
	f.Add(`<a href="list.do?pageNo=40">末页</a><a href="x_7.html">尾页</a><a href="?page=2">下一页</a>`, "http://h.gov.cn/nb/list.do?pageNo=1")
	f.Fuzz(func(t *testing.T, html, pageURL string) {
		page, err := url.Parse(pageURL)
		if err != nil || (page.Scheme != "http" && page.Scheme != "https") || page.Host == "" {
			return
		}
		hosts := newHostSet(nil, page)
		const max = 50
		l := paginate(PaginationAuto, page, html, mustDoc(t, html), hosts, wording{}, max)
		if len(l.pages) > max {
			t.Fatalf("%d pages, cap %d", len(l.pages), max)
		}
		for _, p := range l.pages {
			u, err := url.Parse(p.URL)
			if err != nil {
				t.Fatalf("page %q does not parse: %v", p.URL, err)
			}
			if p.Form == "" && !hosts.allows(u) && !strings.Contains(html, "createPage") && !strings.Contains(html, "datastore") {
				t.Errorf("link page %q is off the allowed hosts", p.URL)
			}
		}
	})
}

// FuzzListAPI feeds arbitrary answers to the list-API readers (JSON, XML
// or HTML, JSONP): a bad payload is an error wrapping errBadPayload, never
// a panic, and whatever is read yields only allowed links and a next
// request of the same list.
func FuzzListAPI(f *testing.F) {
	f.Add(familyJPaaS, `{"data":{"html":"<a href='/art/2024/1/1/art_1_1.html'>2023年政府信息公开工作年度报告</a>"},"success":true}`)
	f.Add(familyXxgk, `<table><tr><td><a href="/art/2020/3/1/art_12_5.html">2019年政府信息公开工作年度报告</a></td></tr></table>共3页`)
	f.Add(familyGkmlpt, `{"articles":[{"title":"2022年政府信息公开工作年度报告","url":"http://h.gov.cn/gkmlpt/content/1/1/post_1.html","publish_time":1674000000}],"total":31}`)
	f.Add(familyEpoint, `{"custom":{"infodata":[{"title":"2021年度政府信息公开工作年度报告","infourl":"/xxgk/004001/20220120/x.html","infodate":"2022-01-20"}],"total":1}}`)
	f.Add(familyEpJS, `var siteGuid = "7eb5f7f1-9041-43ad-8e13-8fcb82ea831a";`)
	f.Add(familyTrueCMS, `jQuery_nianbao({"data":[{"title":"2020年政务公开工作年度报告","url":"/art/1.html"}],"total":12});`)
	f.Add(familyTrueCMS, `/**/cb({"data":[`)
	f.Add(familyJPaaS, `<?xml version="1.0"?><datastore><recordset></recordset></datastore>`)
	page, _ := url.Parse("http://h.gov.cn/col/col12/index.html")
	hosts := newHostSet(nil, page)
	words := mustWording(f)
	f.Fuzz(func(t *testing.T, family, payload string) {
		ans, err := readAPI(family, []byte(payload))
		if err != nil {
			if !errors.Is(err, errBadPayload) {
				t.Errorf("readAPI(%s) error %v does not wrap errBadPayload", family, err)
			}
			return
		}
		it := item{url: "http://h.gov.cn/api?page=1&pageNo=1&paramJson=%7B%22pageNo%22%3A1%7D", kind: apiKindPrefix + family, referrer: page.String(),
			form: `{"params":{"siteGuid":"g","categoryNum":"004001","pageIndex":0}}`}
		links, _ := apiLinks(it, ans, hosts, nil, words)
		for _, l := range links {
			if u, err := url.Parse(l.URL); err != nil || !hosts.allows(u) {
				t.Errorf("link %q not on the portal", l.URL)
			}
		}
		if next, ok := nextAPI(it, ans); ok && !isAPIKind(next.kind) {
			t.Errorf("next request %+v is not a list-API request", next)
		}
	})
}
