package portalsim

import (
	"fmt"
	"strconv"
	"strings"
)

// trs renders a TRS WCM site (GBK; the host encodes the UTF-8 output).
type trs struct{ sixArgs bool }

const trsColumn = "/zwgk/zfxxgk/zfxxgknb/"

func (trs) columnPath() string { return trsColumn + "index.html" }

func (trs) articlePath(it *item) string {
	dir := it.dir(trsColumn, "/zwgk/zfxxgk/zfxxgkzn/", "/zwgk/tjxx/tjgb/")
	return fmt.Sprintf("%s%s/t%s_%d.html", dir, it.published.Format("200601"), it.published.Format("20060102"), it.id)
}

func (trs) attachmentPath(it *item) string {
	return fmt.Sprintf("%s%s/P0%s%012d.%s", trsColumn, it.published.Format("200601"),
		it.published.Format("20060102"), it.id*7919, it.attach.ext)
}

func (trs) listPage(path, _ string) (int, bool) {
	if path == trsColumn || path == trsColumn+"index.html" {
		return 0, true
	}
	rest, ok := strings.CutPrefix(path, trsColumn+"index_")
	if !ok {
		return 0, false
	}
	num, ok := strings.CutSuffix(rest, ".html")
	k, err := strconv.Atoi(num)
	if !ok || err != nil || k < 1 || strconv.Itoa(k) != num {
		return 0, false
	}
	return k, true
}

func (trs) listURL(k int) string {
	if k == 0 {
		return trsColumn + "index.html"
	}
	return fmt.Sprintf("%sindex_%d.html", trsColumn, k)
}

func (trs) contentType() string { return "text/html" }

const gbMeta = `<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />`

// href writes an item link relative to the column when it lives there,
// as TRS templates do.
func (trs) href(path string) string {
	if rest, ok := strings.CutPrefix(path, trsColumn); ok {
		return "./" + rest
	}
	return path
}

func (t trs) list(v listView) string {
	var b strings.Builder
	pageHeader(&b, v.site, gbMeta, "政府信息公开年报_"+v.site.Region+"人民政府", "")
	b.WriteString("<div class=\"position\">当前位置：<a href=\"../../../\">首页</a> &gt; <a href=\"../../\">政务公开</a> &gt; <a href=\"../\">政府信息公开</a> &gt; <a href=\"./\">政府信息公开年报</a></div>\n")
	b.WriteString("<div class=\"list_con\">\n<ul class=\"list\">\n")
	for _, it := range v.items {
		fmt.Fprintf(&b, "<li><a href=\"%s\" target=\"_blank\" title=\"%s\">%s</a><span>%s</span></li>\n",
			t.href(it.linkPath()), esc(it.title), esc(truncate(it.title, 24)), it.published.Format("2006-01-02"))
	}
	b.WriteString("</ul>\n</div>\n<div class=\"page\">\n<script type=\"text/javascript\">\n")
	fmt.Fprintf(&b, "//wcm分页，总记录：%d\n", v.total)
	if t.sixArgs {
		fmt.Fprintf(&b, "createPageHTML('page_div', %d, %d, \"index\", \"html\", %d);\n", v.pages, v.page+1, v.total)
	} else {
		fmt.Fprintf(&b, "var currentPage = %d;//所在页从0开始\nvar countPage = %d//共多少页\n", v.page, v.pages)
		fmt.Fprintf(&b, "createPageHTML(%d, %d, \"index\", \"html\");\n", v.pages, v.page)
	}
	b.WriteString("</script>\n<div id=\"page_div\"></div>\n</div>\n")
	pageFooter(&b, v.site)
	return b.String()
}

func (t trs) article(s Site, it *item, body string) string {
	var b strings.Builder
	pageHeader(&b, s, gbMeta, it.title, articleMeta(it))
	b.WriteString("<div class=\"position\">当前位置：<a href=\"/\">首页</a> &gt; 政务公开 &gt; 政府信息公开 &gt; <a href=\"" + trsColumn + "\">政府信息公开年报</a></div>\n")
	fmt.Fprintf(&b, "<div class=\"article\">\n<h1 class=\"title\">%s</h1>\n", esc(it.title))
	fmt.Fprintf(&b, "<div class=\"info\">来源：%s 发布时间：%s 浏览次数：<span id=\"count\">%d</span> 【字体：<a>大</a> <a>中</a> <a>小</a>】</div>\n",
		esc(it.agency), it.published.Format("2006-01-02 15:04"), it.id%997)
	b.WriteString("<div class=\"trs_editor_view TRS_UEDITOR trs_paper_default\"><div class=\"TRS_Editor\">\n")
	b.WriteString(body)
	b.WriteString("</div></div>\n")
	articleTools(&b)
	b.WriteString("</div>\n")
	pageFooter(&b, s)
	return b.String()
}
