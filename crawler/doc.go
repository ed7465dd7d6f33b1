// Package crawler turns a portal's configuration into archived pages. It
// schedules runs with cron, walks a 年报 column and its pagination, finds
// the annual-report links and their attachments, and fetches them politely.
// Every response, success or failure, is handed to the archive; pages the
// classifier recognises as reports are indexed by agency and year.
//
// # What it owns
//
//   - Scheduler (schedule.go): one entry per portal, parsed with
//     config.ParseSchedule (robfig/cron/v3); one timer goroutine for all
//     portals; no overlapping runs of a portal; random jitter; missed runs
//     (judged from the archive's last run, or a left-over frontier) start
//     once at Start; Next for the API; Update after a reload; Stop.
//   - Run (run.go, process.go): column page → list pages → report links →
//     report pages → attachments, each response archived with store.Record,
//     report candidates shown to the Classifier, accepted ones indexed with
//     store.IndexReport. The frontier is saved as the run goes, so a run
//     killed with SIGKILL resumes next time without refetching what it
//     finished; the archive's SHA-256 comparison makes a page fetched twice
//     "unchanged", never a second new version.
//   - Link discovery (column.go, wording.go): anchors whose text or title
//     — whitespace removed, full-width digits made ASCII, Traditional
//     converted to Simplified by Options.Simplify (zhconv), so one word
//     list serves both scripts — names 年度报告/年报, or 工作报告 beside
//     信息公开/政务公开 (the wording before 2019), and a year (2008–2099,
//     also 二〇XX), on allowed hosts, minus decoys (指南, 制度, 目录, 统计公报,
//     法治政府建设, 政府工作报告, 关于做好…的通知, 解读, 图解, company filings
//     …), or the portal's report_link override. Attachments: .pdf .doc
//     .docx .xls .xlsx .wps .et .ofd .zip linked from report pages, or
//     quoted in their scripts (gkmlpt's window._CONFIG).
//   - Reports that are documents (process.go): a report link to a file
//     is the report itself (Page.Document), and a report page that is only
//     a shell around its attachment (详见附件) makes the attachment the
//     report candidate, with the page's link text and year as hints and
//     the page recorded as the capture's referrer; the Classifier decides,
//     and indexes an unreadable document from its link rather than drop it.
//   - List APIs (listapi.go), recognised from the column page itself and
//     asked page by page as items of kind "api:FAMILY" through the same
//     fetcher, limiter, robots.txt check, retries and archive as pages:
//     Hanweb JPaaS unit build (webId/pageId/tagId/tplSetId; JSON data.html;
//     paged by paramJson only), Hanweb xxgk search.jsp (POST currpage; only
//     the column's art_<col>_ links kept), Guangdong gkmlpt
//     (/gkmlpt/api/all/CAT?page=N&sid=SID), Epoint getgovinfolist (POST
//     JSON with the siteGuid of webBuilderCommon.js and the categoryNum of
//     the column's path), truecms getMessage.do (JSONP); same-origin
//     frames, meta refresh and trivial location.href shells lead to the
//     list. Paging stops at an empty page, the last page an answer
//     announces, or a page repeating an earlier one. An answer that cannot
//     be read is archived as failed(bad_payload).
//   - Pagination (pagination.go): TRS createPageHTML/createPage (0-based,
//     4- and 6-argument forms), Hanweb <datastore> records and dataproxy.jsp
//     POST paging (startrecord/endrecord and page/perpage both sent, in
//     groups aligned from record 1 and never above 300 records), ?page=/pageNo= links, 下一页/下页/尾页/末页 links (and 下一頁,
//     尾頁 …: labels go through the same conversion). A list
//     page repeating an earlier page's report links stops pagination (trap
//     guard); max_pages caps every run.
//   - Politeness (politeness.go, robots.go): a per-host limiter shared by
//     all runs (parallelism and spacing of request starts), robots.txt
//     obeyed with Crawl-delay (capped at 60 s) and refreshed daily,
//     Retry-After on 429/503, retries with exponential backoff and jitter
//     for timeouts, resets, refused connections and 5xx.
//   - Fetching (fetch.go, transport.go, challenge.go): conditional GET from
//     the archive's validators (304 → not_modified, links read from the
//     archived body), a per-request deadline covering the whole exchange
//     (a server that stalls or trickles is cut off), a size cap on the wire
//     and after gzip/deflate decoding, bounded redirects with loop
//     detection and robots.txt checked on every hop (each hop's 3xx is kept
//     in the version as store.Redirect, for replay), challenge and WAF
//     pages archived as failed(blocked) (a 403 only when it looks like
//     one: a WAF marker or a script shell; a plain 403 is http_403).
//   - The address guard (guard.go): every connection the crawler opens —
//     column and list pages, report pages, redirect hops, robots.txt,
//     attachments, anything a later request kind adds, since they all go
//     through the one transport — is dialed through it. A host the config
//     names (a portal's column host or allowed_hosts, given with NameHosts
//     or by the portal being Run) may be at any address; any other host is
//     refused loopback, private (RFC 1918), shared (100.64.0.0/10),
//     link-local (169.254.0.0/16, fe80::/10), unique-local (fc00::/7),
//     multicast and unspecified addresses, IPv4-mapped forms included. The
//     check is a net.Dialer Control on the address actually dialed, after
//     DNS, so a name resolving or rebinding to 10.0.0.1 is refused like the
//     literal; nothing is sent, not even robots.txt. The fetch is archived
//     as failed(blocked_address_ADDR) and logged at WARN.
//     Options.AllowPrivateNetworks admits the private ranges (never
//     loopback, link-local, multicast or unspecified). No library served
//     to the project does this, so the ranges are checked here with
//     net/netip.
//   - Decoding for parsing (decode.go) is extract/charset's, the
//     extractor's decoder too, with the portal's charset: forced first.
//   - Coverage (coverage.go): every run records in store.Run.Coverage the
//     list pages read, the links considered, the report links found, the
//     reports indexed and their years, and flags what needs a person: no
//     report link, a column answering 404/410, failing or redirecting off
//     the portal's hosts, fewer reports than the previous complete run.
//     Each flag is logged at WARN ("portal needs attention").
//   - Metrics (metrics.go) and a progress callback (Options.Progress).
//
// # Failure reasons
//
// Failed fetches carry one of: blocked_address_ADDR (the address guard
// refused ADDR, e.g. blocked_address_169.254.169.254), timeout, reset,
// refused, dns, tls, too_large, redirect_loop, too_many_redirects, blocked,
// robots, robots_http_NNN (robots.txt answered 5xx), off_site (the column redirects off the portal's hosts), bad_payload (a list-API answer that cannot be read), http_NNN (any other
// non-2xx status after retries, e.g. http_503), bad_url, error. 404/410 and
// 304 carry none; the archive records them as gone and not_modified.
//
// # Why colly is wrapped
//
// colly (github.com/gocolly/colly/v2) builds and sends every request: a
// fresh collector per run (AllowURLRevisit, ParseHTTPErrorResponse so 304,
// 404 and 5xx reach the crawler, IgnoreRobotsTxt, no CacheDir), cloned per
// request so each carries its own deadline. Where colly cannot do what is
// needed the crawler uses its own small pieces:
//
//   - colly truncates bodies at MaxBodySize silently and rewrites them to
//     UTF-8 in place; the crawler's transport reads the body itself under a
//     cap that fails instead of truncating, keeps the raw bytes in a
//     per-request capture, and applies the cap again after content
//     decoding (a 2 MB gzip body can expand to gigabytes).
//   - colly's LimitRule "*" serialises every host behind one semaphore and
//     its delays are per collector; the crawler's hostLimiter keeps a slot
//     per host across all runs and forgets idle hosts.
//   - colly caches robots.txt forever and ignores Crawl-delay; the crawler
//     keeps its own daily cache (github.com/temoto/robotstxt parses).
//   - colly's client timeout is per client; the crawler puts a deadline on
//     each request's context instead, which bounds connection, headers and
//     body together.
//
// The Scheduler uses robfig/cron/v3 schedules (cron.Schedule.Next, parsed
// by config.ParseSchedule) but not cron.Cron's runner: it needs an injected
// clock for tests, per-portal skip-if-running that survives reloads, jitter,
// catch-up of missed runs and a bound on concurrent runs, all around one
// timer goroutine for 10 000 portals.
//
// # Caveats
//
//   - The archived body is the body after content decoding (gzip/deflate
//     are undone; Content-Encoding is dropped from the kept headers) and
//     after transfer decoding, never after charset conversion.
//   - A robots.txt that answers 5xx or cannot be fetched (DNS, refused,
//     reset, timeout) means "disallow everything" (RFC 9309 §2.3.1.4),
//     remembered for an hour only so the next run tries again; the pages
//     not fetched are archived as failed with the real cause: robots_http_503
//     when robots.txt answered 503, dns (timeout, refused …) when it could
//     not be fetched at all — never as a robots.txt Disallow.
//   - A redirect hop to another host is checked against that host's
//     robots.txt but paced by the first host's limiter.
//   - Columns whose later pages come only from a list API of a family not
//     listed above (e.g. TRS trsapi lists such as 平潭's list2.trsapi →
//     POST /fjdzapp/search) yield their static first page only; the run's
//     coverage shows it (one list page, few report links, or a
//     no_report_link flag).
//   - The per-host limiter's parallelism is fixed by the first run that
//     touches an idle host; portals sharing a host share its pace.
//   - Through a proxy (HTTP_PROXY and friends), the dialer only sees the
//     proxy, which may be anywhere; the target host, unless named, is
//     resolved before the request and refused when any of its addresses
//     is. The proxy resolves it again, so a name rebinding between the two
//     lookups is not caught there. A Client given in Options replaces the
//     crawler's transport and with it the guard.
//   - POST list requests appear in the frontier with their body in the
//     URL fragment ("#nianbao-post:…", "#nianbao-json:…"); the archive
//     records them under the URL without the fragment, with the method, the
//     body and its Content-Type, and files each form as its own request.
//     Every request carries the page that led to it as Referer.
//
// The package imports store for its types and config for portals; it never
// imports extract (the Classifier is injected by cmd/nianbao).
package crawler
