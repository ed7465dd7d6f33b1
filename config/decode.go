package config

import (
	"fmt"
	"sort"
	"strconv"

	"go.yaml.in/yaml/v3"
)

// maxVisits bounds the values a file may hold once its aliases are
// expanded (a 10 000-portal file holds about 200 000), so that a small
// file whose aliases expand to an enormous tree is rejected, not walked.
const maxVisits = 5_000_000

// decoder walks a YAML node tree and collects every problem it meets,
// instead of stopping at the first.
type decoder struct {
	file     string
	problems []Problem
	visits   int
	memo     map[string]error       // results of costly checks, by check and value
	done     map[*yaml.Node]decoded // values decoded, for aliases to them
	// secretFields are the fields holding a secret (see secret), for
	// Config.SecretFileWarning.
	secretFields []string
}

// decoded is the result of decoding one node, and the values it held.
type decoded struct {
	value any
	cost  int
}

// once decodes the value n stands for, or, when an alias has led to a value
// decoded before, returns that result again. Either way the values it holds
// count against maxVisits, so aliases cannot multiply the work.
func once[T any](d *decoder, n *yaml.Node, decode func() T) T {
	r := resolve(n)
	if prev, ok := d.done[r]; ok {
		d.spend(prev.cost)
		return prev.value.(T)
	}
	before := d.visits
	v := decode()
	if d.done == nil {
		d.done = map[*yaml.Node]decoded{}
	}
	d.done[r] = decoded{value: v, cost: d.visits - before}
	return v
}

// memoized wraps a costly check (compiling a cron spec or a regexp) so that
// a value repeated across portals is checked once per file.
func (d *decoder) memoized(name string, check func(string) error) func(string) error {
	return func(s string) error {
		key := name + "\x00" + s
		if err, ok := d.memo[key]; ok {
			return err
		}
		if d.memo == nil {
			d.memo = map[string]error{}
		}
		err := check(s)
		d.memo[key] = err
		return err
	}
}

// problem records a problem at the line of n (which may be nil).
func (d *decoder) problem(n *yaml.Node, field, format string, args ...any) {
	line := 0
	if n != nil {
		line = n.Line
	}
	d.problemAt(line, field, format, args...)
}

// problemAt records a problem at a line (0: the file as a whole).
func (d *decoder) problemAt(line int, field, format string, args ...any) {
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
// go on; going over the budget is a problem, recorded once.
func (d *decoder) visit() bool {
	return d.spend(1)
}

// spend counts n values against maxVisits, like visit.
func (d *decoder) spend(n int) bool {
	over := d.visits > maxVisits
	d.visits += n
	if !over && d.visits > maxVisits {
		d.problem(nil, "", "the file expands to more than %d values (through aliases?); it is not read", maxVisits)
	}
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
