// Package config owns nianbao's YAML configuration: the archive path, the
// HTTP listen address, crawl defaults and the list of portals whose
// 年报 columns are crawled.
//
// Load reads a file (or, given no path, the embedded default list: a
// starting list of real 年报 columns, see default.yaml), merges the built-in
// and top-level crawl defaults into every portal, and validates everything
// at once. Every problem is reported with the file, the line and the field
// it concerns, as "FILE:LINE: FIELD: MESSAGE" (a *ValidationError), so that
// a user can fix a config in one pass. Unknown keys are problems, so a typo
// such as "shedule" is never silently ignored. Adding a portal is adding a
// block to the file; no code changes.
//
// # The format
//
//	storage: {path: ./nianbao-data/archive.db}   # relative to the working directory
//	http:
//	  listen: 127.0.0.1:8080
//	  token: "…"               # optional API token (or NIANBAO_TOKEN): Authorization: Bearer …
//	  protect_metrics: false   # true: /metrics wants the token too
//	timezone: Asia/Shanghai    # optional: the zone schedules are read in
//	crawl:                     # defaults for every portal (built-in values shown)
//	  user_agent: "nianbao/VERSION (+https://github.com/nianbao/nianbao)"
//	  delay: 1s                # Go durations: 500ms, 1s, 1m30s
//	  parallelism: 2
//	  timeout: 30s
//	  max_body: 20MiB          # sizes: 512KiB, 20MiB, 1GB, or bytes
//	  retries: 3
//	  robots: true
//	  max_pages: 2000
//	  attachments: true
//	  allow_private_networks: false   # top level only: see below
//	portals:
//	  - name: duodao           # unique; letters, digits, '.', '_', '-'
//	    agency: 荆门市掇刀区人民政府   # required
//	    region: 湖北省荆门市掇刀区
//	    level: county          # province, city, county, township, department
//	    deadline: "03-31"      # override of the legal deadline (MM-DD of the next year)
//	    column: http://www.duodao.gov.cn/zwgk/zfxxgknb/   # required, http(s)
//	    schedule: "0 3 * * *"  # cron; default: daily at a time derived from the name
//	    allowed_hosts: [www.duodao.gov.cn, "*.jingmen.gov.cn"]  # default: the column's host
//	    report_link: "re:/t\d{8}_\d+\.html$"   # or /regexp/, or a CSS selector
//	    pagination: auto       # auto, trs, hanweb, query, next
//	    charset: gbk           # force a charset (crawl and extraction) over what pages declare
//	    attachments: false     # shorthand for crawl.attachments
//	    crawl: {delay: 2s}     # overrides any crawl default for this portal
//	notify:                    # webhooks for events (see the watch package)
//	  - url: https://hooks.example.org/nianbao   # http or https
//	    events: [report_changed, report_late]     # default: every kind (EventKinds)
//	    secret: "…"            # HMAC-SHA256 key of the signature header
//
// Schedules are cron specs as github.com/robfig/cron/v3 reads them: five
// fields or a descriptor (@daily, @weekly, "@every 6h", at least a minute),
// optionally prefixed "CRON_TZ=Zone ". ParseSchedule is the one parser, shared
// with the crawler. A portal without a schedule runs daily at a time between
// 01:00 and 05:59 derived from its name (DefaultSchedule), so that portals
// spread over the night. With timezone set, each schedule without its own
// zone is pinned to it; the zone database is embedded (time/tzdata).
//
// report_link is a regular expression when written "re:PATTERN" or
// "/PATTERN/" (matched against each link's absolute URL), otherwise a CSS
// selector (cascadia/goquery syntax); see ParseLinkPattern. Top-level keys
// starting with "x-" are ignored: a place for YAML anchors that portals
// reuse with aliases (merge keys "<<" are not supported).
//
// Settings given outside the file replace the file's: ApplyEnv reads
// NIANBAO_DB, NIANBAO_LISTEN and NIANBAO_TOKEN, Apply takes flag values; callers apply them
// in that order so that flags beat the environment beat the file.
//
// A Watcher reloads the file when it changes (fsnotify on its directory, so
// that editors that replace the file by a rename are followed; events are
// debounced) and on Reload (SIGHUP). A file that fails to load keeps the
// previous config in force, and the failure is logged. Diff tells which
// portals were added, removed or changed, so a scheduler can apply a new
// config without a restart; storage.path and http.listen need a restart.
//
// crawl.allow_private_networks (top-level crawl block only, off by
// default) lets the crawler's address guard admit private addresses (RFC
// 1918, 100.64.0.0/10, fc00::/7) of hosts no portal names; see the crawler
// package. http.token must be at least 16 characters; a file holding it
// should be readable by its owner only (SecretFileWarning).
//
// Secret is the one type for values that must never be shown (API tokens,
// webhook secrets): printed, logged (log/slog), marshalled to JSON or text
// it is "[redacted]"; Reveal gives the value to the code that sends it,
// Equal compares in constant time.
//
// # What it does not do
//
// The package does not crawl, schedule or store anything, and imports no
// other nianbao package. It does not check that columns are reachable: a
// column that moved is a failed fetch at crawl time, not a config error.
//
// # Caveats
//
// The YAML tree is built with go.yaml.in/yaml/v3; syntax errors are located
// with github.com/goccy/go-yaml, whose positions are exact (yaml/v3 reports
// the start of the enclosing block). Sizes are parsed with
// github.com/dustin/go-humanize: "20M" and "20MB" are decimal megabytes,
// "20MiB" binary ones. Parse of a generated 10 000-portal file takes well
// under a second; most of it is YAML parsing.
//
// A YAML tree costs about 150 bytes a value, so a file of more than 5 000
// portals written as a plain block list (no anchors, aliases or tags; the
// usual shape of a generated list) is read a thousand portals at a time
// (chunks.go, a line scanner of ours: no YAML library parses a sequence
// item by item): the rest of the file is decoded with the list emptied,
// then each chunk of items is parsed, decoded and dropped. Portal drafts
// keep key lines, not nodes, so a chunk's tree is garbage once decoded. The
// result, problems and line numbers included, is the one-tree result
// (FuzzChunkedParse compares them); a file the split cannot read, or a
// chunk that does not parse, goes to the one tree. 100 000 portals then
// peak at about 150 MB resident instead of 670 MB.
package config
