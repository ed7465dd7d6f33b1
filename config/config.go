package config

import (
	"time"
)

// EmbeddedFile is the File of a Config parsed from the embedded default list.
const EmbeddedFile = "<embedded>"

// Config is a parsed and validated configuration. A *Config returned by this
// package is complete: every default is filled in and every portal carries
// its effective crawl settings. It is plain data: callers may copy it, and
// must not modify one that another goroutine reads.
type Config struct {
	File    string  // path read, or EmbeddedFile
	Storage Storage // the archive
	HTTP    HTTP    // the API and web UI listener
	Crawl   Crawl   // the top-level crawl defaults, merged over the built-in ones

	// AllowPrivateNetworks (crawl.allow_private_networks, top-level crawl
	// block only) lets the crawler connect to private addresses (RFC 1918,
	// 100.64.0.0/10, fc00::/7) of hosts no portal names, for operators who
	// crawl intranet portals on purpose. Off by default. Loopback,
	// link-local, multicast and unspecified addresses stay refused.
	AllowPrivateNetworks bool

	// Timezone is the IANA zone that schedules without a CRON_TZ= prefix of
	// their own are read in; each such Portal.Schedule carries it as a
	// "CRON_TZ=Zone " prefix. Empty means the zone of the time given to
	// the schedule's Next (the process's local time, in practice).
	Timezone string
	Portals  []Portal // in file order, each with Crawl fully merged
	Notify   []Notify // webhook targets of events, in file order

	secretFields []string // fields of the file that hold a secret (http.token …)
}

// Storage says where the archive lives.
type Storage struct {
	// Path is the bbolt file. A relative path is relative to the working
	// directory of the process, not to the config file.
	Path string
}

// HTTP configures the API and web UI listener.
type HTTP struct {
	Listen string // host:port, as net.Listen takes it
	// Timezone is the IANA zone the web UI shows times in (to the second,
	// with the zone's abbreviation); DefaultUITimezone when not given.
	// The API always answers in UTC.
	Timezone string
	// Token (http.token, or NIANBAO_TOKEN) is, when set, required as
	// "Authorization: Bearer TOKEN" on every /api/ and web UI route. At
	// least 16 characters, printable ASCII without spaces.
	Token Secret
	// ProtectMetrics (http.protect_metrics) makes /metrics require the
	// token too; by default it stays open for scrapers. /healthz is always
	// open: it tells only ok or not.
	ProtectMetrics bool
}

// Crawl holds the settings that govern how one portal is crawled. The
// top-level `crawl:` block sets defaults; a portal's own `crawl:` block
// overrides any of them for that portal only.
type Crawl struct {
	UserAgent   string        // sent with every request
	Delay       time.Duration // between two requests to one host
	Parallelism int           // concurrent requests per host
	Timeout     time.Duration // for one request, headers and body
	MaxBody     int64         // bytes; a larger body is a failed fetch ("too_large")
	Retries     int           // extra attempts after a transient failure
	Robots      bool          // obey robots.txt
	MaxPages    int           // pages fetched per portal per run: a trap guard
	Attachments bool          // also fetch attachments (PDF, DOC, XLS …) linked from reports
}

// Portal is one 年报 column to crawl, with its effective settings.
type Portal struct {
	Name   string // unique id: letters, digits, '.', '_' and '-'
	Agency string // the agency publishing the column, e.g. 掇刀区人民政府
	Region string // e.g. 湖北省荆门市掇刀区; may be empty
	Level  string // province, city, county, township, department, or empty
	Column string // absolute http(s) URL of the column's list page

	// Deadline overrides the legal deadline of the portal's reports: "MM-DD"
	// of the year after the report year (ParseDeadline). Empty means the
	// rule of the report year and the portal's Level.
	Deadline string

	// Schedule is a cron spec accepted by ParseSchedule. When the file gives
	// none it is a daily spec at a minute derived from the portal's name
	// (see DefaultSchedule), so that portals do not all start at once.
	Schedule string

	// AllowedHosts are the host names the crawl may fetch from, lower case,
	// without ports; an entry "*.example.gov.cn" admits every subdomain of
	// example.gov.cn. It defaults to the column's host. See AllowsHost.
	AllowedHosts []string

	// ReportLink optionally overrides how report links are picked on the
	// column page; see ParseLinkPattern for its syntax. Empty means the
	// crawler's own heuristics.
	ReportLink string

	// Pagination names the column's paging scheme: "auto" (the default) lets
	// the crawler recognise it; "trs" (index_N.html pages), "hanweb" (the
	// Hanweb dataproxy), "query" (a page=N query parameter) and "next"
	// (follow the next-page link) force one.
	Pagination string
	Charset    string // optional charset forced on the portal's pages, when crawling and when extracting (a WHATWG label, e.g. gbk)
	Crawl      Crawl  // effective settings (defaults merged with overrides)
	Line       int    // line of the portal's block in the file
}

// levels and paginations are the accepted values of Portal.Level and
// Portal.Pagination; read-only.
var (
	levels      = []string{"province", "city", "county", "township", "department"}
	paginations = []string{"auto", "trs", "hanweb", "query", "next"}
)
