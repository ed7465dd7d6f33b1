package config

import (
	"errors"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Bounds of the crawl settings: wide enough for any sane use, narrow enough
// to catch a slip of the unit.
const (
	maxDelay       = time.Hour
	maxParallelism = 64
	minTimeout     = 100 * time.Millisecond
	maxTimeout     = time.Hour
	maxMaxBody     = 1 << 30
	maxRetries     = 10
	maxMaxPages    = 1_000_000
)

// crawlPatch is a crawl block as written: nil fields were not given.
type crawlPatch struct {
	UserAgent   *string
	Delay       *time.Duration
	Parallelism *int
	Timeout     *time.Duration
	MaxBody     *int64
	Retries     *int
	Robots      *bool
	MaxPages    *int
	Attachments *bool
}

// apply returns base with the given fields of p replaced.
func (p crawlPatch) apply(base Crawl) Crawl {
	set(&base.UserAgent, p.UserAgent)
	set(&base.Delay, p.Delay)
	set(&base.Parallelism, p.Parallelism)
	set(&base.Timeout, p.Timeout)
	set(&base.MaxBody, p.MaxBody)
	set(&base.Retries, p.Retries)
	set(&base.Robots, p.Robots)
	set(&base.MaxPages, p.MaxPages)
	set(&base.Attachments, p.Attachments)
	return base
}

func set[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}

// keyAllowPrivate is the setting only the top-level crawl block holds.
const keyAllowPrivate = "allow_private_networks"

// crawl decodes a portal's crawl block.
func (d *decoder) crawl(n *yaml.Node, field string) crawlPatch {
	var p crawlPatch
	fields := d.crawlFields(&p)
	fields[keyAllowPrivate] = func(v *yaml.Node, f string) {
		d.problem(v, f, "only in the top-level crawl block: one address guard serves every portal's connections")
	}
	d.mapping(n, field, "a mapping of crawl settings", fields)
	return p
}

// topCrawl decodes the top-level crawl block: the defaults of every
// portal, and allow_private_networks into allowPrivate.
func (d *decoder) topCrawl(n *yaml.Node, field string, allowPrivate *bool) crawlPatch {
	var p crawlPatch
	fields := d.crawlFields(&p)
	fields[keyAllowPrivate] = func(v *yaml.Node, f string) {
		if b := d.boolean(v, f); b != nil {
			*allowPrivate = *b
		}
	}
	d.mapping(n, field, "a mapping of crawl settings", fields)
	return p
}

// crawlFields decodes the keys of a crawl block into p.
func (d *decoder) crawlFields(p *crawlPatch) map[string]fieldFunc {
	return map[string]fieldFunc{
		"user_agent": func(v *yaml.Node, f string) {
			if ua := d.checked(v, f, checkUserAgent); ua != "" {
				p.UserAgent = &ua
			}
		},
		"delay":       func(v *yaml.Node, f string) { p.Delay = d.duration(v, f, 0, maxDelay) },
		"parallelism": func(v *yaml.Node, f string) { p.Parallelism = d.integer(v, f, 1, maxParallelism) },
		"timeout":     func(v *yaml.Node, f string) { p.Timeout = d.duration(v, f, minTimeout, maxTimeout) },
		"max_body":    func(v *yaml.Node, f string) { p.MaxBody = d.size(v, f, 1, maxMaxBody) },
		"retries":     func(v *yaml.Node, f string) { p.Retries = d.integer(v, f, 0, maxRetries) },
		"robots":      func(v *yaml.Node, f string) { p.Robots = d.boolean(v, f) },
		"max_pages":   func(v *yaml.Node, f string) { p.MaxPages = d.integer(v, f, 1, maxMaxPages) },
		"attachments": func(v *yaml.Node, f string) { p.Attachments = d.boolean(v, f) },
	}
}

// refuseMisplacedCrawlKeys adds to fields, the keys of a portal block or of
// the top level, a handler for every crawl setting they do not have
// themselves: written there (delay: 5s beside name:), it is a problem that
// shows where it goes, never silently ignored.
func (d *decoder) refuseMisplacedCrawlKeys(fields map[string]fieldFunc) {
	for key := range d.crawlFields(&crawlPatch{}) {
		if _, own := fields[key]; own {
			continue
		}
		fields[key] = func(v *yaml.Node, f string) {
			value := "…"
			if r := resolve(v); r != nil && r.Kind == yaml.ScalarNode && r.Value != "" {
				value = r.Value
			}
			d.problem(v, f, "a crawl setting; write it under crawl: (crawl: {%s: %s})", key, value)
		}
	}
}

// checkUserAgent accepts a non-empty, one-line header value.
func checkUserAgent(s string) error {
	switch {
	case s == "":
		return errors.New("empty user agent")
	case strings.ContainsFunc(s, func(r rune) bool { return r < ' ' || r == 0x7f }):
		return errors.New("control characters are not allowed in a header")
	}
	return nil
}
