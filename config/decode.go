package config

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// maxVisits bounds the values the decoder looks at, so that a small file
// whose aliases expand to an enormous tree is rejected instead of walked.
const maxVisits = 20_000_000

// decoder walks a YAML node tree and collects every problem it meets,
// instead of stopping at the first.
type decoder struct {
	file     string
	problems []Problem
	visits   int
}

// problem records a problem at the line of n (which may be nil).
func (d *decoder) problem(n *yaml.Node, field, format string, args ...any) {
	line := 0
	if n != nil {
		line = n.Line
	}
	d.problems = append(d.problems, Problem{File: d.file, Line: line, Field: field, Message: fmt.Sprintf(format, args...)})
}

// hasProblem reports whether a problem about field was recorded since the
// first since problems.
func (d *decoder) hasProblem(since int, field string) bool {
	for _, p := range d.problems[since:] {
		if p.Field == field {
			return true
		}
	}
	return false
}

// err returns the collected problems as a *ValidationError, or nil.
func (d *decoder) err() error {
	if len(d.problems) == 0 {
		return nil
	}
	sort.SliceStable(d.problems, func(i, j int) bool { return d.problems[i].Line < d.problems[j].Line })
	return &ValidationError{File: d.file, Problems: d.problems}
}

// visit counts one value against maxVisits and reports whether the walk may
// go on.
func (d *decoder) visit() bool {
	d.visits++
	return d.visits <= maxVisits
}

// resolve follows an alias to the value it names.
func resolve(n *yaml.Node) *yaml.Node {
	if n != nil && n.Kind == yaml.AliasNode && n.Alias != nil {
		return n.Alias
	}
	return n
}

// isNull reports whether n is absent or an explicit YAML null ("~", "null"
// or nothing after the colon).
func isNull(n *yaml.Node) bool {
	n = resolve(n)
	return n == nil || (n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null")
}

// join appends a key to a field path.
func join(field, key string) string {
	if field == "" {
		return key
	}
	return field + "." + key
}

// node follows an alias and checks the kind of the value. It returns false
// for null (no problem: an absent value) and for a value of another kind
// (a problem, at the line where n is written).
func (d *decoder) node(n *yaml.Node, kind yaml.Kind, field, what string) (*yaml.Node, bool) {
	if isNull(n) {
		return nil, false
	}
	r := resolve(n)
	if r.Kind != kind {
		d.problem(n, field, "expected %s, found %s", what, describe(r))
		return nil, false
	}
	return r, true
}

// fieldFunc decodes the value of one known key; field is the key's path.
type fieldFunc func(val *yaml.Node, field string)

// mapping calls fields[key] for each key of the mapping n. Unknown keys,
// repeated keys and merge keys are problems; a null n is an empty mapping.
// It returns the keys seen, with their key nodes.
func (d *decoder) mapping(n *yaml.Node, field, what string, fields map[string]fieldFunc) map[string]*yaml.Node {
	seen := map[string]*yaml.Node{}
	n, ok := d.node(n, yaml.MappingNode, field, what)
	if !ok {
		return seen
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if !d.visit() {
			return seen
		}
		k, v := n.Content[i], n.Content[i+1]
		key := k.Value
		if k.Kind != yaml.ScalarNode {
			d.problem(k, field, "keys must be plain names, found %s", describe(k))
			continue
		}
		if k.ShortTag() == "!!merge" {
			d.problem(k, field, "merge keys (<<) are not supported; use an alias (*name) for a whole value")
			continue
		}
		if first, dup := seen[key]; dup {
			d.problem(k, join(field, key), "repeated key (first at line %d)", first.Line)
			continue
		}
		seen[key] = k
		fn, ok := fields[key]
		if !ok {
			d.problem(k, field, "unknown field %q%s", key, suggest(key, fields))
			continue
		}
		fn(v, join(field, key))
	}
	return seen
}

// describe names the kind of a node for "expected X, found Y" messages.
func describe(n *yaml.Node) string {
	n = resolve(n)
	switch {
	case n == nil:
		return "nothing"
	case n.Kind == yaml.MappingNode:
		return "a mapping"
	case n.Kind == yaml.SequenceNode:
		return "a list"
	case n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null":
		return "nothing"
	case n.Kind == yaml.ScalarNode:
		return strconv.Quote(n.Value)
	}
	return "an unexpected node"
}

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

// list decodes a sequence, calling each for every element with its index
// path; a null n is an empty list.
func (d *decoder) list(n *yaml.Node, field, what string, each func(i int, v *yaml.Node, field string)) {
	n, ok := d.node(n, yaml.SequenceNode, field, "a list of "+what)
	if !ok {
		return
	}
	for i, v := range n.Content {
		if !d.visit() {
			return
		}
		each(i, v, fmt.Sprintf("%s[%d]", field, i))
	}
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
