package config

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// The scalar decoders: each takes the value node of a field and its path,
// records a problem when the value is not what the field takes, and returns
// the zero value (or nil) after a problem and for null.

// str decodes a string; it returns false for null and after a problem.
func (d *decoder) str(n *yaml.Node, field string) (string, bool) {
	if isNull(n) {
		return "", false
	}
	at := n
	n = resolve(n)
	if n.Kind != yaml.ScalarNode {
		d.problem(at, field, "expected a string, found %s", describe(n))
		return "", false
	}
	return n.Value, true
}

// checked decodes a string, trimmed, that check accepts; it returns "" for
// null and after a problem (check's error is the message).
func (d *decoder) checked(n *yaml.Node, field string, check func(string) error) string {
	s, ok := d.str(n, field)
	if !ok {
		return ""
	}
	s = strings.TrimSpace(s)
	if err := check(s); err != nil {
		d.problem(n, field, "%v", err)
		return ""
	}
	return s
}

// integer decodes an int within [lo, hi].
func (d *decoder) integer(n *yaml.Node, field string, lo, hi int) *int {
	s, ok := d.str(n, field)
	if !ok {
		return nil
	}
	v, err := strconv.Atoi(s)
	if err != nil || resolve(n).ShortTag() != "!!int" {
		d.problem(n, field, "%q is not a whole number", s)
		return nil
	}
	if v < lo || v > hi {
		d.problem(n, field, "%d is out of range (%d to %d)", v, lo, hi)
		return nil
	}
	return &v
}

// boolean decodes true or false.
func (d *decoder) boolean(n *yaml.Node, field string) *bool {
	s, ok := d.str(n, field)
	if !ok {
		return nil
	}
	if resolve(n).ShortTag() != "!!bool" {
		d.problem(n, field, "expected true or false, found %q", s)
		return nil
	}
	v := strings.EqualFold(s, "true")
	return &v
}

// duration decodes a Go duration ("1s", "500ms", "1m30s") within [lo, hi].
func (d *decoder) duration(n *yaml.Node, field string, lo, hi time.Duration) *time.Duration {
	s, ok := d.str(n, field)
	if !ok {
		return nil
	}
	v, err := time.ParseDuration(strings.TrimSpace(s))
	if err != nil {
		hint := ""
		if _, nerr := strconv.ParseFloat(s, 64); nerr == nil {
			hint = " (give a unit, e.g. 1s or 500ms)"
		}
		d.problem(n, field, "%q is not a duration%s", s, hint)
		return nil
	}
	if v < lo || v > hi {
		d.problem(n, field, "%s is out of range (%s to %s)", s, formatDuration(lo), formatDuration(hi))
		return nil
	}
	return &v
}

// size decodes a byte size (see ParseSize) within [lo, hi].
func (d *decoder) size(n *yaml.Node, field string, lo, hi int64) *int64 {
	s, ok := d.str(n, field)
	if !ok {
		return nil
	}
	v, err := ParseSize(s)
	if err != nil {
		d.problem(n, field, "%v", err)
		return nil
	}
	if v < lo || v > hi {
		d.problem(n, field, "%s is out of range (%s to %s)", s, FormatSize(lo), FormatSize(hi))
		return nil
	}
	return &v
}

// oneOf decodes a string that must be one of allowed.
func (d *decoder) oneOf(n *yaml.Node, field string, allowed []string) (string, bool) {
	s, ok := d.str(n, field)
	if !ok {
		return "", false
	}
	if !slices.Contains(allowed, s) {
		d.problem(n, field, "%q is not one of %s", s, strings.Join(allowed, ", "))
		return "", false
	}
	return s, true
}

// formatDuration writes d without trailing zero units: 1h, not 1h0m0s.
func formatDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = s[:len(s)-2]
	}
	if strings.HasSuffix(s, "h0m") {
		s = s[:len(s)-2]
	}
	return s
}
