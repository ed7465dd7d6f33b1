package portalsim

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// apiSite renders a column that is a shell whose list comes from a CMS's
// list API (JPaaS, Xxgk, Gkmlpt, Epoint, TrueCMS). Articles are laid out
// as on a Hanweb site (/art/Y/M/D/art_COL_ID.html); the shell says, in the
// way the real CMS's pages do, which API to ask and with what.
type apiSite struct {
	fam Family
	col int
}

// API paths of the list-API families.
const (
	JPaaSPath   = "/api-gateway/jpaas-publish-server/front/page/build/unit"
	XxgkPath    = "/module/xxgk/search.jsp"
	EpointPath  = "/rest/lightfrontaction/getgovinfolist"
	EpointJS    = "/js/webBuilderCommon.js"
	TrueCMSPath = "/messageController/getMessage.do"
)

// epointGUID is the siteGuid an Epoint host's webBuilderCommon.js names.
const epointGUID = "7eb5f7f1-9041-43ad-8e13-8fcb82ea831a"

func (a apiSite) columnPath() string {
	switch a.fam {
	case Gkmlpt:
		return "/gkmlpt/index"
	case Epoint:
		return fmt.Sprintf("/xxgk/004001/004001%03d/moreinfo.html", a.col%1000)
	case TrueCMS:
		return fmt.Sprintf("/zwgk/nb/%d/index.html", a.col)
	}
	return fmt.Sprintf("/col/col%d/index.html", a.col)
}

func (a apiSite) articlePath(it *item) string { return hanweb{col: a.col}.articlePath(it) }

func (a apiSite) attachmentPath(it *item) string { return hanweb{col: a.col}.attachmentPath(it) }

func (a apiSite) listPage(path, _ string) (int, bool) { return 0, path == a.columnPath() }

// listURL names API page k (0-based) as a GET would ask it; POST families
// (Xxgk, Epoint) are asked at their path with the page in the body.
func (a apiSite) listURL(k int) string {
	switch a.fam {
	case JPaaS:
		return JPaaSPath + "?paramJson=" + url.QueryEscape(fmt.Sprintf(`{"pageNo":%d}`, k+1))
	case Xxgk:
		return XxgkPath
	case Gkmlpt:
		return fmt.Sprintf("/gkmlpt/api/all/%d?page=%d", a.col, k+1)
	case Epoint:
		return EpointPath
	}
	return fmt.Sprintf("%s?pageNo=%d", TrueCMSPath, k+1)
}

func (apiSite) contentType() string { return "text/html;charset=UTF-8" }

// list renders the shell: no list, only what the CMS's script needs.
func (a apiSite) list(v listView) string {
	var b strings.Builder
	head := ""
	if a.fam == Epoint {
		head = "<script type=\"text/javascript\" src=\"" + EpointJS + "\"></script>\n"
	}
	pageHeader(&b, v.site, utf8Meta, "政府信息公开年报 "+v.site.Region+"人民政府", head)
	b.WriteString("<div class=\"bt-position\">您当前的位置：<a href=\"/\">首页</a> &gt; 政府信息公开年报</div>\n<div id=\"list\"></div>\n<script type=\"text/javascript\">\n")
	switch a.fam {
	case JPaaS:
		fmt.Fprintf(&b, "var unitParams = {webId: '%x', pageId: '%d', tagId: '信息列表', tplSetId: 'a%x'};\n", a.col*977, a.col, a.col*31)
		fmt.Fprintf(&b, "$.ajax({url: '%s', data: {webId: unitParams.webId, pageId: unitParams.pageId, parseType: 'bulidstatic', pageType: 'column', tagId: unitParams.tagId, tplSetId: unitParams.tplSetId, paramJson: '{\"pageNo\":1,\"pageSize\":\"%d\"}'}, success: function(r){ $('#list').html(r.data.html); }});\n",
			JPaaSPath, v.site.PerPage)
	case Xxgk:
		b.WriteString("function search(p){ $('#currpage').val(p); $.post('" + XxgkPath + "', $('#xxgkform').serialize(), function(h){ $('#list').html(h); }); }\nsearch(1);\n</script>\n")
		fmt.Fprintf(&b, "<form id=\"xxgkform\" action=\"%s\" method=\"post\"><input type=\"hidden\" name=\"infotypeId\" value=\"A%d\" /><input type=\"hidden\" name=\"jdid\" value=\"3\" /><input type=\"hidden\" name=\"divid\" value=\"div%d\" /><input type=\"hidden\" id=\"currpage\" name=\"currpage\" value=\"1\" /><input type=\"hidden\" name=\"sortfield\" value=\"compaltedate:0\" /></form>\n<script>\n", XxgkPath, a.col, a.col)
	case Gkmlpt:
		fmt.Fprintf(&b, "window._CONFIG = {\"SID\": \"gd%04d\", \"CAT_ID\": \"%d\", \"TITLE\": \"政府信息公开年报\"};\n", a.col, a.col)
	case Epoint:
		b.WriteString("$(function(){ getInfoList(categoryNum, 0); });\n")
	case TrueCMS:
		fmt.Fprintf(&b, "$.ajax({url: \"%s?columnId=%d&siteId=%d&pageSize=%d\", dataType: \"jsonp\", jsonp: \"callback\", success: render});\n", TrueCMSPath, a.col, a.col%97, v.site.PerPage)
	}
	b.WriteString("</script>\n")
	pageFooter(&b, v.site)
	return b.String()
}

// article renders a detail page; gkmlpt keeps the article's attachments
// only in its window._CONFIG, as the real platform does.
func (a apiSite) article(s Site, it *item, body string) string {
	var b strings.Builder
	pageHeader(&b, s, utf8Meta, it.title, articleMeta(it))
	fmt.Fprintf(&b, "<div class=\"article\"><h1>%s</h1>\n<div class=\"info\">发布日期：%s 来源：%s</div>\n<div id=\"zoom\">\n",
		esc(it.title), it.published.Format("2006-01-02"), esc(it.agency))
	if a.fam == Gkmlpt && it.attach != nil {
		body = strings.Replace(body, attachmentAnchor(it.attach), "", 1)
		cfg, _ := json.Marshal(map[string]any{"SID": fmt.Sprintf("gd%04d", a.col), "attachment": []map[string]string{{"name": it.attach.name, "url": it.attach.path}}})
		fmt.Fprintf(&b, "<script>window._CONFIG = %s;</script>\n", cfg)
	}
	b.WriteString(body)
	b.WriteString("</div></div>\n")
	articleTools(&b)
	pageFooter(&b, s)
	return b.String()
}

// otherColumn is where an xxgk answer's entries of other columns live.
func (a apiSite) otherColumn() int { return a.col + 50 }

// api answers the family's list API: page k of the column's items, an
// empty page past the end. Xxgk answers are not filtered by column: each
// page also lists other columns' items, report titles included. TrueCMS
// answers 404 to a request without a Referer on this host.
func (h *Host) api(a apiSite, r *http.Request) (response, bool) {
	q := r.URL.Query()
	if r.Method == http.MethodPost {
		_ = r.ParseForm()
	}
	h.mu.Lock()
	items := h.items
	h.mu.Unlock()
	pp := h.Site.PerPage
	pageOf := func(k int) []*item { // 1-based
		if k < 1 || (k-1)*pp >= len(items) {
			return nil
		}
		return items[(k-1)*pp : min(len(items), k*pp)]
	}
	pages := (len(items) + pp - 1) / pp
	switch {
	case a.fam == JPaaS && r.URL.Path == JPaaSPath:
		var p struct {
			PageNo int `json:"pageNo"`
		}
		if json.Unmarshal([]byte(q.Get("paramJson")), &p) != nil || q.Get("webId") == "" {
			return response{body: []byte(`{"success":false,"message":"参数错误"}`), ctype: "application/json;charset=UTF-8"}, true
		}
		var b strings.Builder
		b.WriteString("<ul class=\"list\">")
		for _, it := range pageOf(p.PageNo) {
			fmt.Fprintf(&b, "<li><a href=\"%s\" title=\"%s\" target=\"_blank\">%s</a><span>%s</span></li>", it.linkPath(), esc(it.title), esc(truncate(it.title, 24)), it.published.Format("2006-01-02"))
		}
		b.WriteString("</ul>")
		out, _ := json.Marshal(map[string]any{"success": true, "data": map[string]any{"html": b.String()}})
		return response{body: out, ctype: "application/json;charset=UTF-8"}, true
	case a.fam == Xxgk && r.URL.Path == XxgkPath:
		k, _ := strconv.Atoi(r.FormValue("currpage"))
		var b strings.Builder
		b.WriteString("<table class=\"xxgk_list\">\n")
		for i, it := range pageOf(k) {
			fmt.Fprintf(&b, "<tr><td><a href=\"%s\" target=\"_blank\">%s</a></td><td>%s</td></tr>\n", it.linkPath(), esc(it.title), it.published.Format("2006-01-02"))
			if i == 1 { // another column's report, listed by the unfiltered search
				fmt.Fprintf(&b, "<tr><td><a href=\"/art/2024/3/1/art_%d_%d.html\">%s教育局%d年政府信息公开工作年度报告</a></td><td>2024-03-01</td></tr>\n",
					a.otherColumn(), 7000+k, esc(h.Site.Region), 2024-k)
			}
		}
		fmt.Fprintf(&b, "</table>\n<div class=\"page\">共%d页 当前第%d页</div>\n", pages, k)
		return response{body: []byte(b.String()), ctype: "text/html;charset=UTF-8"}, true
	case a.fam == Gkmlpt && strings.HasPrefix(r.URL.Path, "/gkmlpt/api/all/"):
		k, _ := strconv.Atoi(q.Get("page"))
		if r.URL.Path != fmt.Sprintf("/gkmlpt/api/all/%d", a.col) || q.Get("sid") != fmt.Sprintf("gd%04d", a.col) {
			return response{body: []byte(`{"articles":[],"total":0}`), ctype: "application/json"}, true
		}
		type art struct {
			Title       string `json:"title"`
			URL         string `json:"url"`
			PublishTime int64  `json:"publish_time"`
		}
		arts := []art{}
		for _, it := range pageOf(k) {
			u := it.linkPath()
			if it.elsewhere == "" {
				u = h.BaseURL + u
			}
			arts = append(arts, art{Title: it.title, URL: u, PublishTime: it.published.Unix()})
		}
		out, _ := json.Marshal(map[string]any{"articles": arts, "total": len(items), "page": k})
		return response{body: out, ctype: "application/json"}, true
	case a.fam == Epoint && r.URL.Path == EpointJS:
		return response{body: []byte("var siteGuid = \"" + epointGUID + "\";\nvar webBuilder = {};\n"), ctype: "application/javascript"}, true
	case a.fam == Epoint && r.URL.Path == EpointPath && r.Method == http.MethodPost:
		var req struct {
			Params struct {
				SiteGUID  string `json:"siteGuid"`
				PageIndex int    `json:"pageIndex"`
			} `json:"params"`
		}
		if json.NewDecoder(r.Body).Decode(&req) != nil || req.Params.SiteGUID != epointGUID {
			return response{body: []byte(`{"custom":{"infodata":[],"total":0},"status":{"code":0,"text":"siteGuid"}}`), ctype: "application/json"}, true
		}
		type info struct {
			Title    string `json:"title"`
			InfoURL  string `json:"infourl"`
			InfoDate string `json:"infodate"`
		}
		infos := []info{}
		for _, it := range pageOf(req.Params.PageIndex + 1) {
			infos = append(infos, info{Title: it.title, InfoURL: it.linkPath(), InfoDate: it.published.Format("2006-01-02")})
		}
		out, _ := json.Marshal(map[string]any{"custom": map[string]any{"infodata": infos, "total": len(items)}})
		return response{body: out, ctype: "application/json"}, true
	case a.fam == TrueCMS && r.URL.Path == TrueCMSPath:
		if ref, err := url.Parse(r.Header.Get("Referer")); err != nil || ref.Host != r.Host {
			return response{}, false // 404, as such sites answer a request without their page as Referer
		}
		k, _ := strconv.Atoi(q.Get("pageNo"))
		type msg struct {
			Title string `json:"title"`
			URL   string `json:"url"`
		}
		msgs := []msg{}
		for _, it := range pageOf(k) {
			msgs = append(msgs, msg{Title: it.title, URL: it.linkPath()})
		}
		out, _ := json.Marshal(map[string]any{"data": msgs, "total": len(items)})
		cb := q.Get("callback")
		if cb == "" {
			cb = "callback"
		}
		return response{body: []byte(cb + "(" + string(out) + ");"), ctype: "application/javascript;charset=UTF-8"}, true
	}
	return response{}, false
}
