package portalsim

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// plain renders a modern UTF-8 platform paged with ?page=N (1-based in the
// URL; Site.PageParam names the parameter) and 首页 / 上一页 / 下一页 / 尾页
// links (Site.NextText and Site.LastText replace the last two).
type plain struct {
	param, next, last string
}

func newPlain(s Site) plain {
	p := plain{param: s.PageParam, next: s.NextText, last: s.LastText}
	if p.param == "" {
		p.param = "page"
	}
	if p.next == "" {
		p.next = "下一页"
	}
	if p.last == "" {
		p.last = "尾页"
	}
	if s.Traditional {
		p.next, p.last = toTraditional(p.next), toTraditional(p.last)
	}
	return p
}

const plainColumn = "/xxgk/zfxxgknb/"

func (plain) columnPath() string { return plainColumn }

func (plain) articlePath(it *item) string {
	dir := it.dir(plainColumn, "/xxgk/zfxxgkzn/", "/sjfb/tjgb/")
	return fmt.Sprintf("%scontent/post_%d.html", dir, 1000000+it.id)
}

func (plain) attachmentPath(it *item) string {
	return fmt.Sprintf("/attachment/0/%d/%d.%s", it.id%100, 500000+it.id*31, it.attach.ext)
}

func (p plain) listPage(path, rawQuery string) (int, bool) {
	if path != plainColumn && path != plainColumn+"index.html" {
		return 0, false
	}
	q, err := url.ParseQuery(rawQuery)
	if err != nil {
		return 0, false
	}
	s := q.Get(p.param)
	if s == "" {
		return 0, true
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return 0, false
	}
	return n - 1, true
}

func (p plain) listURL(k int) string {
	if k == 0 {
		return plainColumn
	}
	return fmt.Sprintf("%s?%s=%d", plainColumn, p.param, k+1)
}

// href links 1-based list page n relative to the column: the first page
// is the column itself, so a page is never reachable under two URLs.
func (p plain) href(n int) string {
	if n <= 1 {
		return "./"
	}
	return "?" + p.param + "=" + strconv.Itoa(n)
}

func (plain) contentType() string { return "text/html; charset=utf-8" }

func (p plain) list(v listView) string {
	var b strings.Builder
	pageHeader(&b, v.site, `<meta charset="utf-8" />`, "政府信息公开年报 - "+v.site.Region+"人民政府门户网站", "")
	b.WriteString("<nav class=\"breadcrumb\">当前位置：<a href=\"/\">首页</a> &gt; <a href=\"/xxgk/\">信息公开</a> &gt; 政府信息公开年报</nav>\n<ul class=\"news-list\">\n")
	for _, it := range v.items {
		href := it.linkPath()
		if rest, ok := strings.CutPrefix(href, plainColumn); ok {
			href = rest
		}
		fmt.Fprintf(&b, "<li><a href=\"%s\" title=\"%s\">%s</a><span class=\"date\">%s</span></li>\n",
			href, esc(it.title), esc(it.title), it.published.Format("2006-01-02"))
	}
	b.WriteString("</ul>\n<div class=\"pagination\">")
	cur := v.page + 1
	fmt.Fprintf(&b, "<a href=\"%s\">首页</a> ", p.href(1))
	if cur > 1 {
		fmt.Fprintf(&b, "<a href=\"%s\">上一页</a> ", p.href(cur-1))
	}
	fmt.Fprintf(&b, "<span class=\"current\">%d</span> ", cur)
	if cur < v.pages {
		fmt.Fprintf(&b, "<a href=\"%s\">%s</a> ", p.href(cur+1), p.next)
	}
	fmt.Fprintf(&b, "<a href=\"%s\">%s</a> 共%d页", p.href(v.pages), p.last, v.pages)
	b.WriteString("</div>\n")
	pageFooter(&b, v.site)
	return b.String()
}

func (plain) article(s Site, it *item, body string) string {
	var b strings.Builder
	pageHeader(&b, s, `<meta charset="utf-8" />`, it.title, articleMeta(it))
	fmt.Fprintf(&b, "<nav class=\"breadcrumb\">当前位置：<a href=\"/\">首页</a> &gt; <a href=\"%s\">政府信息公开年报</a></nav>\n", plainColumn)
	fmt.Fprintf(&b, "<article>\n<h1>%s</h1>\n<div class=\"meta\">发布日期：%s 来源：%s 点击数：%d</div>\n<div class=\"article-content\">\n",
		esc(it.title), it.published.Format("2006-01-02"), esc(it.agency), it.id%983)
	b.WriteString(body)
	b.WriteString("</div>\n</article>\n")
	articleTools(&b)
	pageFooter(&b, s)
	return b.String()
}
