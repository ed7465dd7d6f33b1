package portalsim

import (
	"fmt"
	"net/url"
	"strings"
)

// hanweb renders a 大汉 JCMS site: the column's first page of records sits
// in a <datastore> XML island; the rest come only from dataproxy.jsp.
type hanweb struct {
	col, unit, perPage int
}

// DataProxyPath is the path of the Hanweb paging endpoint. It answers POST
// (and GET) with startrecord, endrecord and perpage in the query string.
const DataProxyPath = "/module/web/jpage/dataproxy.jsp"

func (h hanweb) columnDir() string { return fmt.Sprintf("/col/col%d/", h.col) }

func (h hanweb) columnPath() string { return h.columnDir() + "index.html" }

func (h hanweb) articlePath(it *item) string {
	col := h.col
	switch {
	case it.kind == KindSkipped && it.year == 0:
		col++
	case it.kind == KindSkipped:
		col += 2
	}
	d := it.published
	return fmt.Sprintf("/art/%d/%d/%d/art_%d_%d.html", d.Year(), int(d.Month()), d.Day(), col, it.id)
}

func (h hanweb) attachmentPath(it *item) string {
	return fmt.Sprintf("/attach/0/%x.%s", uint64(it.id)*0x9E3779B1, it.attach.ext)
}

func (h hanweb) listPage(path, _ string) (int, bool) {
	if path == h.columnDir() || path == h.columnPath() {
		return 0, true
	}
	return 0, false
}

func (h hanweb) listURL(k int) string {
	if k == 0 {
		return h.columnPath()
	}
	return fmt.Sprintf("%s?startrecord=%d&endrecord=%d&perpage=%d", DataProxyPath, k*h.perPage+1, (k+1)*h.perPage, h.perPage)
}

func (hanweb) contentType() string { return "text/html;charset=UTF-8" }

const utf8Meta = `<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />`

func record(b *strings.Builder, it *item) {
	fmt.Fprintf(b, "<record><![CDATA[\n<li><a href='%s' title='%s' target='_blank'>%s</a><span>%s</span></li>\n]]></record>\n",
		it.linkPath(), esc(it.title), esc(truncate(it.title, 26)), it.published.Format("2006-01-02"))
}

func (h hanweb) list(v listView) string {
	var b strings.Builder
	pageHeader(&b, v.site, utf8Meta, "政府信息公开年报 "+v.site.Region+"人民政府", "<script type=\"text/javascript\" src=\"/module/jslib/jquery/jquery.js\"></script>\n<script type=\"text/javascript\" src=\"/module/jslib/jpage/jpage.js\"></script>\n")
	fmt.Fprintf(&b, "<div class=\"bt-position\">您当前的位置：<a href=\"/\">首页</a> &gt; 信息公开 &gt; <a href=\"%s\">政府信息公开年报</a></div>\n", h.columnPath())
	fmt.Fprintf(&b, "<div id=\"%d\"><script type=\"text/xml\"><datastore>\n", h.unit)
	fmt.Fprintf(&b, "<nextgroup><![CDATA[<a href=\"%s?page=1&appid=1&webid=3&path=/&columnid=%d&unitid=%d&webname=%s&permissiontype=0\"></a>]]></nextgroup>\n",
		DataProxyPath, h.col, h.unit, url.QueryEscape(v.site.Region+"人民政府"))
	b.WriteString("<recordset>\n")
	for _, it := range v.items {
		record(&b, it)
	}
	b.WriteString("</recordset>\n</datastore>\n</script></div>\n")
	fmt.Fprintf(&b, "<script type=\"text/javascript\">$(document).ready(function(){$('#%d').jpage({dataStore:dataStore,basePath:'/module/web/jpage/',dataBefore:'<ul class=\"list\">',dataAfter:'</ul>',showMode:'full',totalRecord:%d,perPage:%d,groupSize:1,proxyUrl:'%s',barPosition:'bottom',ajaxParam:{col:1,appid:1,webid:3,path:'/',columnid:%d,sourceContentType:1,unitid:%d,webname:'%s',permissiontype:0}});});</script>\n",
		h.unit, v.total, h.perPage, DataProxyPath, h.col, h.unit, esc(v.site.Region+"人民政府"))
	pageFooter(&b, v.site)
	return b.String()
}

// proxy writes the dataproxy.jsp answer for records start..end (1-based,
// inclusive) of a column of total records; items are those records.
func (h hanweb) proxy(items []*item, total int) string {
	var b strings.Builder
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<datastore>\n")
	fmt.Fprintf(&b, "<totalrecord>%d</totalrecord>\n<totalpage>%d</totalpage>\n<recordset>\n", total, (total+h.perPage-1)/h.perPage)
	for _, it := range items {
		record(&b, it)
	}
	b.WriteString("</recordset>\n</datastore>\n")
	return b.String()
}

func (h hanweb) article(s Site, it *item, body string) string {
	var b strings.Builder
	pageHeader(&b, s, utf8Meta, it.title, articleMeta(it))
	fmt.Fprintf(&b, "<table class=\"article\" width=\"100%%\">\n<tr><td class=\"title\">%s</td></tr>\n", esc(it.title))
	fmt.Fprintf(&b, "<tr><td class=\"info\">发布日期：%s 信息来源：<!--<$[信息来源]>begin-->%s<!--<$[信息来源]>end--> 浏览次数：<span id=\"hits\">%d</span> 字体：[ <a>大</a> <a>中</a> <a>小</a> ]</td></tr>\n",
		it.published.Format("2006-01-02"), esc(it.agency), it.id%991)
	b.WriteString("<tr><td><div id=\"zoom\"><meta name=\"ContentStart\">\n")
	b.WriteString(body)
	b.WriteString("<meta name=\"ContentEnd\"></div></td></tr>\n</table>\n")
	articleTools(&b)
	pageFooter(&b, s)
	return b.String()
}
