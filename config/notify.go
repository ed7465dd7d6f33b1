package config

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Notify is one webhook target of the `notify:` list: every event of the
// kinds in Events (all kinds when empty) is POSTed to URL as JSON, signed
// with Secret when it is set (see the watch package).
type Notify struct {
	URL    string   // absolute http or https URL
	Events []string // event kinds (EventKinds); empty means all
	Secret Secret   // HMAC-SHA256 key; unset sends unsigned requests
	Line   int      // line of the entry in the file
}

// EventKinds are the event kinds a notify entry may name, in the order the
// watch package documents them; read-only.
var EventKinds = []string{"report_new", "report_changed", "report_withdrawn", "report_restored", "report_late", "report_missing", "portal_broken"}

// notify decodes one entry of the notify list.
func (d *decoder) notify(n *yaml.Node, field string) Notify {
	nt := Notify{Line: n.Line}
	keys := d.mapping(n, field, "a webhook (a mapping with url, events, secret)", map[string]fieldFunc{
		"url": func(v *yaml.Node, f string) { nt.URL = d.checked(v, f, checkWebhookURL) },
		"events": func(v *yaml.Node, f string) {
			d.list(v, f, "event kinds", func(_ int, v *yaml.Node, f string) {
				if k, ok := d.oneOf(v, f, EventKinds); ok && !slices.Contains(nt.Events, k) {
					nt.Events = append(nt.Events, k)
				}
			})
		},
		"secret": func(v *yaml.Node, f string) { nt.Secret = d.secret(v, f, checkWebhookSecret) },
	})
	if _, given := keys["url"]; !given && resolve(n).Kind == yaml.MappingNode {
		d.problem(n, join(field, "url"), "missing; every webhook needs the URL to POST events to")
	}
	return nt
}

// checkWebhookURL accepts an absolute http(s) URL with a host.
func checkWebhookURL(s string) error {
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return fmt.Errorf("%q is not a URL", s)
	case u.Scheme != "http" && u.Scheme != "https":
		return fmt.Errorf("%q is not an http or https URL (webhooks are POSTed over HTTP)", s)
	case u.Hostname() == "":
		return fmt.Errorf("%q has no host name", s)
	case u.User != nil:
		return fmt.Errorf("%q carries credentials in the URL; use secret to sign requests instead", s)
	}
	return nil
}

// checkWebhookSecret accepts any non-empty key; the error never quotes it.
func checkWebhookSecret(s string) error {
	if s == "" {
		return fmt.Errorf("empty secret; leave the key out to send unsigned requests")
	}
	return nil
}

// checkDeadline accepts a month-day "MM-DD" that exists in every year
// (02-29 does not).
func checkDeadline(s string) error {
	if _, _, err := ParseDeadline(s); err != nil {
		return err
	}
	return nil
}

// ParseDeadline reads a portal's deadline override, "MM-DD" (e.g. "01-31"):
// the day of the year after the report year by which the report is due.
func ParseDeadline(s string) (month time.Month, day int, err error) {
	m, d, ok := strings.Cut(s, "-")
	mi, err1 := strconv.Atoi(m)
	di, err2 := strconv.Atoi(d)
	if !ok || !twoDigits(m) || !twoDigits(d) || err1 != nil || err2 != nil || mi < 1 || mi > 12 || di < 1 ||
		di > time.Date(2023, time.Month(mi)+1, 0, 0, 0, 0, 0, time.UTC).Day() {
		return 0, 0, fmt.Errorf("%q is not a month and day MM-DD such as \"01-31\" or \"03-31\"", s)
	}
	return time.Month(mi), di, nil
}

// twoDigits reports whether s is exactly two ASCII digits (strconv.Atoi
// alone would take "+1" or "-1").
func twoDigits(s string) bool {
	return len(s) == 2 && s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9'
}
