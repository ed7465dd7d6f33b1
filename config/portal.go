package config

import (
	"fmt"
	"net"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
	"golang.org/x/net/html/charset"
)

// validName is the shape of a portal name: it appears on command lines, in
// URLs and in metric labels.
var validName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

// required explains each field a portal cannot do without.
var required = map[string]string{
	"name":   "every portal needs a unique name",
	"agency": "every portal needs the agency that publishes it",
	"column": "every portal needs the URL of its 年报 column",
}

// portalDraft is a portal block as decoded, before defaults are merged and
// the checks that span fields or portals are made.
type portalDraft struct {
	Portal
	field       string   // e.g. portals[3]
	lines       keyLines // where the keys named by later checks were written
	host        string   // the column's host name, lower case; "" if the column is unusable
	patch       crawlPatch
	attachments *bool // the portal-level shorthand for crawl.attachments
	failed      bool  // some field had a problem
}

// keyLines are the lines of the keys that finish and crossCheck name in
// their problems, 0 for a key not given. A draft keeps these numbers, not
// the YAML nodes, so that a decoded portal holds none of the file's tree.
type keyLines struct{ name, column, allowedHosts, attachments int }

// portal decodes one block of the portals list.
func (d *decoder) portal(n *yaml.Node, field string) *portalDraft {
	p := &portalDraft{field: field}
	p.Line = n.Line
	before := len(d.problems)
	text := func(dst *string) fieldFunc {
		return func(v *yaml.Node, f string) {
			if s, ok := d.str(v, f); ok {
				*dst = strings.TrimSpace(s)
			}
		}
	}
	fields := map[string]fieldFunc{
		"name":     func(v *yaml.Node, f string) { p.Name = d.portalName(v, f) },
		"agency":   text(&p.Agency),
		"region":   text(&p.Region),
		"level":    func(v *yaml.Node, f string) { p.Level, _ = d.oneOf(v, f, levels) },
		"deadline": func(v *yaml.Node, f string) { p.Deadline = d.checked(v, f, checkDeadline) },
		"column":   func(v *yaml.Node, f string) { p.Column, p.host = d.column(v, f) },
		"schedule": func(v *yaml.Node, f string) { p.Schedule = d.checked(v, f, d.memoized("schedule", checkSchedule)) },
		"allowed_hosts": func(v *yaml.Node, f string) {
			p.AllowedHosts = slices.Clone(once(d, v, func() []string { return d.allowedHosts(v, f) }))
		},
		"report_link": func(v *yaml.Node, f string) {
			p.ReportLink = d.checked(v, f, d.memoized("report_link", checkReportLink))
		},
		"pagination":  func(v *yaml.Node, f string) { p.Pagination, _ = d.oneOf(v, f, paginations) },
		"charset":     func(v *yaml.Node, f string) { p.Charset = d.checked(v, f, checkCharset) },
		"attachments": func(v *yaml.Node, f string) { p.attachments = d.boolean(v, f) },
		"crawl":       func(v *yaml.Node, f string) { p.patch = once(d, v, func() crawlPatch { return d.crawl(v, f) }) },
	}
	d.refuseMisplacedCrawlKeys(fields)
	keys := d.mapping(n, field, "a portal (a mapping with name, agency, column …)", fields)
	line := func(key string) int {
		if k, ok := keys[key]; ok {
			return max(k.Line, 1)
		}
		return 0
	}
	p.lines = keyLines{name: line("name"), column: line("column"), allowedHosts: line("allowed_hosts"), attachments: line("attachments")}
	if r := resolve(n); r.Kind != yaml.MappingNode && !isNull(r) {
		p.failed = true // not a block at all: the missing fields go without saying
		return p
	}
	for _, key := range []string{"name", "agency", "column"} {
		if k, given := keys[key]; !given {
			d.problem(n, join(field, key), "missing; %s", required[key])
		} else if p.value(key) == "" && !d.hasProblem(before, join(field, key)) {
			d.problem(k, join(field, key), "empty")
		}
	}
	p.failed = len(d.problems) > before
	return p
}

// value returns the decoded text of a required field.
func (p *portalDraft) value(key string) string {
	switch key {
	case "name":
		return p.Name
	case "agency":
		return p.Agency
	}
	return p.Column
}

// finish merges the crawl defaults into p and fills in its defaults.
// A schedule without a zone of its own is pinned to timezone, if any.
func (d *decoder) finish(p *portalDraft, defaults Crawl, timezone string) {
	p.Crawl = p.patch.apply(defaults)
	if p.attachments != nil {
		if p.patch.Attachments != nil && *p.patch.Attachments != *p.attachments {
			d.problemAt(p.lines.attachments, join(p.field, "attachments"), "contradicts %s.crawl.attachments", p.field)
		}
		p.Crawl.Attachments = *p.attachments
	}
	if p.Schedule == "" && p.Name != "" {
		p.Schedule = DefaultSchedule(p.Name)
	}
	if timezone != "" && p.Schedule != "" && !hasZone(p.Schedule) {
		p.Schedule = "CRON_TZ=" + timezone + " " + p.Schedule
	}
	if p.Pagination == "" {
		p.Pagination = DefaultPagination
	}
	if given := p.lines.allowedHosts != 0; !given && p.host != "" {
		p.AllowedHosts = []string{p.host}
	} else if given && p.host != "" && !p.failed && !p.AllowsHost(p.host) {
		d.problemAt(p.lines.allowedHosts, join(p.field, "allowed_hosts"), "does not include the column's host %q", p.host)
	}
}

// portalName decodes a portal's name.
func (d *decoder) portalName(n *yaml.Node, field string) string {
	s, ok := d.str(n, field)
	if !ok || s == "" {
		return ""
	}
	if !validName.MatchString(s) {
		d.problem(n, field, "%q is not a valid name (letters, digits, '.', '_' and '-', at most 64, starting with a letter or digit)", s)
		return ""
	}
	return s
}

// column decodes the column URL and returns it with its host name.
func (d *decoder) column(n *yaml.Node, field string) (string, string) {
	s, ok := d.str(n, field)
	if !ok {
		return "", ""
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return "", ""
	}
	u, err := url.Parse(s)
	switch {
	case err != nil:
		d.problem(n, field, "%q is not a URL", s)
	case !u.IsAbs() || u.Host == "":
		d.problem(n, field, "%q is not an absolute URL (write it with http:// or https:// and the host)", s)
	case u.Scheme != "http" && u.Scheme != "https":
		d.problem(n, field, "%q is not an http or https URL", s)
	case !validHost(u):
		d.problem(n, field, "%q has no host name", s)
	default:
		return s, strings.ToLower(u.Hostname())
	}
	return "", ""
}

// allowedHosts decodes the allowed_hosts list, lower-cased.
func (d *decoder) allowedHosts(n *yaml.Node, field string) []string {
	hosts := []string{}
	d.list(n, field, "host names", func(_ int, v *yaml.Node, f string) {
		s, ok := d.str(v, f)
		if !ok {
			d.problem(v, f, "empty host")
			return
		}
		if err := checkAllowedHost(s); err != nil {
			d.problem(v, f, "%v", err)
			return
		}
		if h := strings.ToLower(s); !slices.Contains(hosts, h) {
			hosts = append(hosts, h)
		}
	})
	return hosts
}

// checkSchedule accepts what ParseSchedule accepts.
func checkSchedule(s string) error {
	_, err := ParseSchedule(s)
	return err
}

// checkReportLink accepts what ParseLinkPattern accepts.
func checkReportLink(s string) error {
	_, err := ParseLinkPattern(s)
	return err
}

// checkCharset accepts the charset names golang.org/x/net/html/charset knows.
func checkCharset(s string) error {
	if enc, _ := charset.Lookup(s); enc == nil {
		return fmt.Errorf("unknown charset %q (e.g. utf-8, gbk, gb18030, big5)", s)
	}
	return nil
}

// crossCheck reports names and columns used by more than one portal.
func (d *decoder) crossCheck(drafts []*portalDraft) {
	names := map[string]*portalDraft{}
	columns := map[string]*portalDraft{}
	for _, p := range drafts {
		if p.Name != "" {
			if first, dup := names[p.Name]; dup {
				d.problemAt(p.lines.name, join(p.field, "name"), "%q is already the name of %s (line %d)", p.Name, first.field, first.Line)
			} else {
				names[p.Name] = p
			}
		}
		if p.Column != "" {
			if first, dup := columns[p.Column]; dup {
				d.problemAt(p.lines.column, join(p.field, "column"), "same column as %s %q (line %d)", first.field, first.Name, first.Line)
			} else {
				columns[p.Column] = p
			}
		}
	}
}

// validHost reports whether u names a host the crawler can reach: a name or
// IPv4 address without brackets, or a bracketed IPv6 literal. A stray bracket
// (http://0]) would otherwise pass url.Parse and name a host no check agrees on.
func validHost(u *url.URL) bool {
	h := u.Hostname()
	switch {
	case h == "":
		return false
	case strings.HasPrefix(u.Host, "["):
		return net.ParseIP(h) != nil && strings.Contains(h, ":")
	default:
		return !strings.ContainsAny(h, "[]")
	}
}
