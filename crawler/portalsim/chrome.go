package portalsim

import (
	"fmt"
	"html"
	"strings"
)

// listView is what a family needs to render one column list page.
type listView struct {
	site  Site
	items []*item // the items on this page
	page  int     // 0-based
	pages int     // page count announced on the page
	total int     // item count announced on the page
}

// cms renders a family's pages. Implementations are stateless; the host
// owns every piece of state and hands a view in.
type cms interface {
	layout
	// listPage reports which 0-based list page path (with rawQuery) names;
	// ok is false when it names none. A page number past the end is
	// returned as is; the host decides whether it exists.
	listPage(path, rawQuery string) (page int, ok bool)
	// listURL is the path (and query) of 0-based list page k.
	listURL(k int) string
	list(v listView) string
	article(s Site, it *item, body string) string
	// contentType is the Content-Type of HTML pages.
	contentType() string
}

func newCMS(s Site, n int) cms {
	switch s.Family {
	case TRS:
		return trs{sixArgs: s.TRSSixArgs}
	case Hanweb:
		return hanweb{col: 1000 + 7*n, unit: 4500000 + n}
	case JPaaS, Xxgk, Gkmlpt, Epoint, TrueCMS:
		return apiSite{fam: s.Family, col: 2000 + 7*n}
	}
	return newPlain(s)
}

func esc(s string) string { return html.EscapeString(s) }

// truncate shortens a list title the way CMS templates do, keeping the
// full title in the title attribute.
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "..."
}

func pageHeader(b *strings.Builder, s Site, charsetMeta, title, extraHead string) {
	b.WriteString("<!DOCTYPE html>\n<html>\n<head>\n")
	b.WriteString(charsetMeta + "\n")
	fmt.Fprintf(b, "<title>%s</title>\n", esc(title))
	fmt.Fprintf(b, "<meta name=\"SiteName\" content=\"%s人民政府\" />\n", esc(s.Region))
	b.WriteString("<meta name=\"ColumnName\" content=\"政府信息公开年报\" />\n")
	b.WriteString(extraHead)
	b.WriteString("<link rel=\"stylesheet\" href=\"/images/common.css\" />\n</head>\n<body>\n")
	b.WriteString("<div class=\"top\"><a href=\"javascript:void(0)\">长者模式</a> <a href=\"javascript:void(0)\">无障碍浏览</a></div>\n")
	fmt.Fprintf(b, "<div class=\"header\"><h2>%s人民政府</h2><ul class=\"nav\"><li><a href=\"/\">首页</a></li><li><a href=\"/search/\">站内搜索</a></li><li>政务公开</li><li>政务服务</li><li>互动交流</li></ul></div>\n", esc(s.Region))
}

func pageFooter(b *strings.Builder, s Site) {
	fmt.Fprintf(b, "<div class=\"footer\"><p><a href=\"/\">网站地图</a> | 联系我们</p><p>版权所有：%s人民政府 主办单位：%s 网站标识码：%d</p><p>ICP备%08d号 公网安备 %d号</p></div>\n",
		esc(s.Region), esc(s.Agency), 3300000000+len(s.Region), 12345678, 33010602000001)
	b.WriteString("</body>\n</html>\n")
}

func articleTools(b *strings.Builder) {
	b.WriteString("<div class=\"tools\">【<a href=\"javascript:window.print()\">打印本页</a>】【<a href=\"javascript:window.close()\">关闭窗口</a>】</div>\n")
	b.WriteString("<div class=\"qr\"><div id=\"qr_container\">扫一扫在手机打开当前页</div></div>\n")
	b.WriteString("<div class=\"share\">分享到：<a>微信</a> <a>微博</a> <a>QQ空间</a></div>\n")
}

// articleMeta is the head metadata CMSs write on article pages.
func articleMeta(it *item) string {
	return fmt.Sprintf("<meta name=\"ArticleTitle\" content=\"%s\" />\n<meta name=\"PubDate\" content=\"%s\" />\n<meta name=\"ContentSource\" content=\"%s\" />\n",
		esc(it.title), it.published.Format("2006-01-02 15:04"), esc(it.agency))
}

// withViews puts the furniture Touch changes into an article page: a view
// counter and a print date, before the article tools.
func withViews(page string, it *item, views int) string {
	if views == 0 {
		return page
	}
	counter := fmt.Sprintf("<div class=\"views\">浏览次数：%d　打印日期：%s</div>", 100+37*views, it.published.AddDate(0, 0, views).Format("2006-01-02"))
	return strings.Replace(page, "<div class=\"tools\">", counter+"<div class=\"tools\">", 1)
}
