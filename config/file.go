package config

import (
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// document decodes the top-level mapping of a config file into a Config with
// every default filled in.
//
// more, when not nil, yields the portals that root's empty list stands for
// (a file read in chunks); document returns ok false when more does.
func (d *decoder) document(root *yaml.Node, more func(each func(v *yaml.Node, field string)) bool) (cfg *Config, ok bool) {
	cfg = &Config{
		File:    d.file,
		Storage: Storage{Path: DefaultStoragePath},
		HTTP:    HTTP{Listen: DefaultListen, Timezone: DefaultUITimezone},
	}
	var top crawlPatch
	var drafts []*portalDraft
	seen := map[*yaml.Node]string{} // anchored portal blocks: only those can be met twice
	addPortal := func(v *yaml.Node, f string) {
		if r := resolve(v); r != nil && r.Anchor != "" {
			if first, dup := seen[r]; dup {
				d.problem(v, f, "the same block as %s (through an alias); give each portal its own", first)
				return
			}
			seen[r] = f
		}
		drafts = append(drafts, d.portal(v, f))
	}
	fields := map[string]fieldFunc{
		"storage": func(v *yaml.Node, f string) {
			d.mapping(v, f, "a mapping with path", map[string]fieldFunc{
				"path": func(v *yaml.Node, f string) { setNonEmpty(&cfg.Storage.Path, d.checked(v, f, checkPath)) },
			})
		},
		"http": func(v *yaml.Node, f string) {
			d.mapping(v, f, "a mapping with listen, timezone, token and protect_metrics", map[string]fieldFunc{
				"listen":   func(v *yaml.Node, f string) { setNonEmpty(&cfg.HTTP.Listen, d.checked(v, f, checkListen)) },
				"timezone": func(v *yaml.Node, f string) { setNonEmpty(&cfg.HTTP.Timezone, d.checked(v, f, checkTimezone)) },
				"token":    func(v *yaml.Node, f string) { cfg.HTTP.Token = d.secret(v, f, CheckToken) },
				"protect_metrics": func(v *yaml.Node, f string) {
					if b := d.boolean(v, f); b != nil {
						cfg.HTTP.ProtectMetrics = *b
					}
				},
			})
		},
		"timezone": func(v *yaml.Node, f string) { cfg.Timezone = d.checked(v, f, checkTimezone) },
		"crawl":    func(v *yaml.Node, f string) { top = d.topCrawl(v, f, &cfg.AllowPrivateNetworks) },
		"notify": func(v *yaml.Node, f string) {
			d.list(v, f, "webhooks", func(_ int, v *yaml.Node, f string) { cfg.Notify = append(cfg.Notify, d.notify(v, f)) })
		},
		"portals": func(v *yaml.Node, f string) {
			d.list(v, f, "portals", func(_ int, v *yaml.Node, f string) { addPortal(v, f) })
		},
	}
	d.refuseMisplacedCrawlKeys(fields)
	// Top-level keys starting with "x-" are ignored: a place for anchors
	// (&name) that portals then reuse (*name).
	if root.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(root.Content); i += 2 {
			if key := root.Content[i].Value; strings.HasPrefix(key, "x-") {
				fields[key] = func(*yaml.Node, string) {}
			}
		}
	}
	d.mapping(root, "", "a mapping with storage, http, crawl and portals", fields)
	if more != nil && !more(addPortal) {
		return nil, false
	}
	cfg.secretFields = d.secretFields
	cfg.Crawl = top.apply(DefaultCrawl())
	cfg.Portals = make([]Portal, 0, len(drafts))
	for _, p := range drafts {
		d.finish(p, cfg.Crawl, cfg.Timezone)
		cfg.Portals = append(cfg.Portals, p.Portal)
	}
	d.crossCheck(drafts)
	return cfg, true
}

// setNonEmpty sets *dst to v unless v is empty.
func setNonEmpty(dst *string, v string) {
	if v != "" {
		*dst = v
	}
}

// checkTimezone accepts IANA zone names.
func checkTimezone(s string) error {
	if _, err := time.LoadLocation(s); err != nil || s == "" || strings.EqualFold(s, "local") {
		return fmt.Errorf("unknown time zone %q (write an IANA name such as Asia/Shanghai or UTC)", s)
	}
	return nil
}

// checkPath accepts a file path.
func checkPath(s string) error {
	switch {
	case s == "":
		return errors.New("empty path")
	case strings.ContainsRune(s, 0):
		return errors.New("a path cannot contain a NUL byte")
	}
	return nil
}

// checkListen accepts a listen address: host:port, the host may be empty.
func checkListen(s string) error {
	_, port, err := net.SplitHostPort(s)
	if err != nil {
		return fmt.Errorf("%q is not a host:port address (e.g. 127.0.0.1:8080 or :8080)", s)
	}
	if p, err := strconv.Atoi(port); err != nil || p < 0 || p > 65535 {
		return fmt.Errorf("%q has no valid port number (0 to 65535)", s)
	}
	return nil
}
