// Package portalsim serves simulated government portals on loopback for the
// crawler's tests and benchmarks and for the daemon's end-to-end tests.
//
// A Farm is a set of Hosts; each Host is one portal with its own listener
// (a distinct 127.x.y.z address and a random port, so per-host politeness
// is per host name; 127.0.0.1 when Options.SingleAddress is set or the
// system refuses the alias). These CMS families are imitated (see Family and
// report-format.md §9.2), and beside them the list-API families JPaaS,
// Xxgk, Gkmlpt, Epoint and TrueCMS (apis.go: a shell column whose list
// comes from the CMS's API, as the real one answers, with an empty page
// past the end), columns behind a frame, meta refresh or location.href
// page (Site.Shell), a Traditional mirror (Site.Traditional: titles and
// 下一頁/尾頁), pre-2019 工作报告 titles (Site.OldWording) and reports
// published as a PDF and as a DOCX behind a 详见附件 page (Site.Documents;
// Report.Document, Report.Page; Site.PDF serves given bytes, e.g. a real
// report, as that PDF); Site.ProxyPageOnly makes a Hanweb
// dataproxy.jsp read only page and perpage (cut at 300):
//
//   - TRS: GBK pages (charset declared only in <meta>), column
//     /zwgk/zfxxgk/zfxxgknb/index.html, index_1.html … written by
//     createPageHTML(count, current, "index", "html") with a 0-based
//     current page (Site.TRSSixArgs: the 6-argument form, 1-based),
//     articles ./YYYYMM/tYYYYMMDD_ID.html, body in div.TRS_Editor.
//   - Hanweb: column /col/colNNN/index.html carrying the first page of
//     records in <script type="text/xml"><datastore>, a nextgroup link and
//     a jpage({totalRecord, perPage}) call; the other records only from
//     POST (or GET) to DataProxyPath with startrecord, endrecord and
//     perpage in the query; static index_1.html is a 404; articles
//     /art/YYYY/M/D/art_COL_ID.html, body in div#zoom.
//   - Plain: UTF-8, column /xxgk/zfxxgknb/ then ?page=N reached through
//     下一页 / 尾页 links (Site.PageParam, NextText, LastText vary them:
//     pageNo=, 下页, 末页), articles content/post_ID.html.
//
// Every column lists Site.Reports genuine reports (national-template
// tables for 2019 onwards, with figures that satisfy the template's
// consistency rules; free text and a 统计表 before), each linking one
// attachment (.pdf, .docx or .xls), plus decoys: the notice
// 关于做好2023年度政府信息公开工作年度报告编制工作的通知 and a 图解 page
// (KindNotice), a 政府信息公开指南 and a 统计公报 (KindSkipped) — none of
// them to be fetched —
// and, when robots.txt disallows /archive/ (the default), one report-like
// link under it (KindDisallowed). Link titles are truncated in TRS lists,
// the full title is in the title attribute; now and then a year is written
// 二〇XX. robots.txt carries Disallow lines and, if Robots.CrawlDelay is set,
// a fractional Crawl-delay. Pages and attachments carry ETag and
// Last-Modified and answer conditional requests with 304.
//
// State switches at run time, safe for concurrent use, effective on the
// next request: Host.Edit (new revision: new bytes, validators), Host.Touch
// (furniture only: a view counter and a print date change, the article
// does not), Host.Delete
// and Host.Restore (404/410), Host.Publish (a new report at the top of the
// column), Host.PublishAt (one listed at another host, which this one does
// not serve), Host.Empty (the reports taken off the column), Host.SetTrap
// (infinite pagination) and
// Host.Inject with a Fault: ServerError (5xx, 429, Retry-After), Reset,
// ResetMidBody, Stall, Trickle, Challenge (瑞数-style 412/202), WAF (403),
// GzipBomb, Oversize, RedirectLoop, RedirectChain, LyingCharset — for one
// path, or "*" for the whole host, optionally for the next Fault.Times
// requests only.
//
// Every request is recorded as a Hit (arrival and answer times from
// Options.Now, method, path, query, status, request headers, POST body) so
// tests can assert gaps between requests to one host, robots obedience,
// User-Agent and conditional GET: Host.Hits, Host.HitsTo, Farm.Hits.
//
// What a test needs to assert completeness is exported: Host.ColumnURL,
// Host.Reports / ReportURLs / AttachmentURLs, Host.Links / URLs(kind),
// Host.ListURLs and Host.ExpectedFetches; Host.Site.Family.Pagination() and
// Charset() give a portal configuration's values.
//
// Typical use:
//
//	farm, err := portalsim.New([]portalsim.Site{{Family: portalsim.TRS}, {Family: portalsim.Hanweb}}, portalsim.Options{})
//	if err != nil { … }
//	defer farm.Close()
//	h := farm.Hosts()[0]
//	crawl(h.ColumnURL())
//	h.Edit(h.ReportURLs()[0])
//
// For benchmarks NewFarm(FarmOptions{Hosts: 50, Reports: 20}, Options{})
// builds a farm of similar hosts, families rotated; Options.Latency makes
// every answer wait, like a distant server.
//
// The package owns no global state; goroutines are one Serve loop per
// host and one per open connection (net/http). Farm.Close abandons stalled
// and trickling answers, closes listeners and connections, and joins every
// handler before returning. It imports no other nianbao package.
//
// Caveats: the simulator imitates the observable shape of these CMSs, not
// their code; the .xls attachment is an OLE2 header followed by text, not a
// readable spreadsheet; the gzip bomb is a multi-member gzip stream (each
// member 1 MiB of spaces), which Go's gzip reader and browsers decode in
// full; hits are kept in memory for the farm's life.
package portalsim
