// Package crawler turns a portal's configuration into archived pages. It
// schedules runs with cron, walks a 年报 column and its pagination, finds
// the annual-report links and their attachments, and fetches them politely.
// Every response, success or failure, is handed to the archive; pages the
// classifier recognises as reports are indexed by agency and year.
//
// # Basics
//
// New(archive, classifier, Options) builds a Crawler; Run(ctx, portal)
// crawls one portal once — column page, list pages, report links, report
// pages, attachments — archiving every response with store.Record and
// indexing the pages the Classifier accepts; it returns the run record,
// and an error only when the run could not be carried out. A run killed
// part way resumes from the frontier it saved. NewScheduler runs every
// portal on its cron schedule (Start, Update after a reload, Next, Stop),
// at most a bounded number at once, with jitter and catch-up of missed
// runs. Hosts are paced by a limiter shared by all runs, robots.txt is
// obeyed, and no connection reaches a private or loopback address unless
// the config names the host. Unset crawl settings come from
// config.DefaultCrawl.
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
// # Caveats
//
//   - The address guard and the host limiter are written here: no
//     library served to the project checks dialed addresses (net/netip
//     does the ranges) or paces hosts across collectors; colly is wrapped
//     where it truncates bodies, caches robots.txt forever or serialises
//     all hosts (docs/architecture.md says how).
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
// The package imports store for its types, config for portals and
// extract/charset to decode pages; it never imports the extractor (the
// Classifier is injected: cmd/nianbao/internal/service.Classifier). What
// each file owns, and why colly is wrapped, is in docs/architecture.md.
package crawler
