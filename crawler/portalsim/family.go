package portalsim

// Family is the content-management system a simulated host imitates. It
// decides the URL layout, the pagination mechanism and the page encoding.
type Family int

const (
	// TRS imitates a TRS WCM site: GBK pages, a static column index.html,
	// index_1.html … written by createPageHTML(count, current, "index",
	// "html") with a 0-based current page, and articles at
	// ./YYYYMM/tYYYYMMDD_ID.html with the body in div.TRS_Editor.
	TRS Family = iota + 1
	// Hanweb imitates a 大汉 JCMS site: UTF-8, the column list embedded as a
	// <datastore> XML island, further records only through POST
	// /module/web/jpage/dataproxy.jsp, static index_1.html answering 404,
	// articles at /art/YYYY/M/D/art_COL_ID.html with the body in div#zoom.
	Hanweb
	// Plain imitates a modern UTF-8 platform: the column lists ten items a
	// page, further pages are ?page=N reached through 下一页 / 尾页 links,
	// articles at content/post_ID.html.
	Plain
	// JPaaS imitates Hanweb's 集约化 JPaaS platform: the column is a shell
	// whose script names webId, pageId, tagId and tplSetId; the list comes
	// from JPaaSPath as JSON whose data.html holds the list markup, paged
	// only by paramJson's pageNo.
	JPaaS
	// Xxgk imitates Hanweb's xxgk module: the list comes from POST
	// XxgkPath with currpage; answers are not filtered by column (each
	// page also lists another column's report).
	Xxgk
	// Gkmlpt imitates Guangdong's gkmlpt platform: window._CONFIG names
	// SID and CAT_ID; /gkmlpt/api/all/CAT?page=N&sid=SID answers JSON
	// articles; detail pages name their attachments only in _CONFIG.
	Gkmlpt
	// Epoint imitates Epoint 新点: the shell loads EpointJS, whose
	// siteGuid (with the column's categoryNum from its path) is POSTed as
	// JSON to EpointPath.
	Epoint
	// TrueCMS imitates truecms: JSONP from TrueCMSPath, answering 404 to
	// requests without a Referer on the host.
	TrueCMS
)

// String returns "trs", "hanweb" or "plain".
func (f Family) String() string {
	switch f {
	case TRS:
		return "trs"
	case Hanweb:
		return "hanweb"
	case Plain:
		return "plain"
	case JPaaS:
		return "jpaas"
	case Xxgk:
		return "xxgk"
	case Gkmlpt:
		return "gkmlpt"
	case Epoint:
		return "epoint"
	case TrueCMS:
		return "truecms"
	}
	return "unknown"
}

// Pagination returns the value a portal configuration would give for this
// family's pagination ("trs", "hanweb", "query"; "auto" for the list-API
// families, which the crawler recognises from the page).
func (f Family) Pagination() string {
	switch f {
	case TRS:
		return "trs"
	case Hanweb:
		return "hanweb"
	case Plain:
		return "query"
	}
	return "auto"
}

// Charset returns the encoding of the family's HTML pages ("gbk" or "utf-8").
func (f Family) Charset() string {
	if f == TRS {
		return "gbk"
	}
	return "utf-8"
}
