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
	}
	return "unknown"
}

// Pagination returns the value a portal configuration would give for this
// family's pagination ("trs", "hanweb", "query").
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
