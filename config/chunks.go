package config

import (
	"bytes"
	"fmt"

	"go.yaml.in/yaml/v3"
)

// A YAML node tree costs about 150 bytes a value: a file of 100 000
// portals (24 MB) becomes a tree of some 3 million nodes, over 400 MB held
// at once. A large file whose portals are a plain block list is therefore
// read in chunks: the file with its portals list emptied (line numbers
// kept) is decoded as usual, then the portals are parsed and decoded a
// chunk at a time, each chunk's tree dropped before the next is parsed. A
// portal draft keeps no node (keyLines), so a chunk's tree is garbage once
// decoded. Anything the split could read differently from a YAML parser —
// anchors and aliases (which may reach across chunks), tags, flow
// collections, tabs, a second document, a syntax error in a chunk — sends
// the file to the single-tree path, which gives the exact result and
// problems; both paths yield the same Config.

// chunking says which portal lists are read in chunks: those of more than
// min portals (below, the whole tree is small and the split not worth its
// scan), size portals parsed into one tree. The zero value reads none.
type chunking struct{ min, size int }

var defaultChunking = chunking{min: 5_000, size: 1_000}

// portalItem is the text of one item of the portals list.
type portalItem struct {
	start, end int // byte offsets in the file; end after its last line
	line       int // the line of its "-"
}

// splitPortals finds the top-level portals list of data when it is a plain
// block list of more than least items (least > 0): head is data with the
// list's items blanked out (the newlines kept, so every line keeps its
// number) and "portals:" left with an empty list; items are the items'
// spans, in order. ok is false when data is not of that shape.
func splitPortals(data []byte, least int) (head []byte, items []portalItem, ok bool) {
	if least <= 0 {
		return nil, nil, false
	}
	keyAt, keyLine, found := -1, 0, 0
	line := 1
	for off := 0; off < len(data); line++ {
		end := lineEnd(data, off)
		if !plainLine(data[off:end]) {
			return nil, nil, false
		}
		if isPortalsKey(data[off:end]) {
			keyAt, keyLine = off, line
			found++
		}
		off = end
	}
	if found != 1 {
		return nil, nil, false
	}
	keyEnd := lineEnd(data, keyAt)
	indent := -1
	blockEnd := len(data)
	line = keyLine + 1
	for off := keyEnd; off < len(data); line++ {
		end := lineEnd(data, off)
		text := data[off:end]
		n, rest := indentOf(text)
		if len(rest) == 0 || rest[0] == '#' {
			off = end // blank or comment: part of the current item
			continue
		}
		item := rest[0] == '-' && (len(rest) == 1 || rest[1] == ' ' || rest[1] == '\n' || rest[1] == '\r')
		switch {
		case indent < 0 && !item:
			return nil, nil, false // no block list under portals:
		case indent < 0:
			indent = n
			items = append(items, portalItem{start: off, line: line})
		case n == indent && item:
			items[len(items)-1].end = off
			items = append(items, portalItem{start: off, line: line})
		case n > indent:
		case n == 0:
			blockEnd = off // the next top-level key
		default:
			return nil, nil, false
		}
		if blockEnd != len(data) {
			break
		}
		off = end
	}
	if len(items) <= least {
		return nil, nil, false
	}
	items[len(items)-1].end = blockEnd
	head = make([]byte, 0, len(data))
	head = append(head, data[:keyAt]...)
	head = append(head, "portals: []\n"...)
	for _, c := range data[items[0].start:blockEnd] {
		if c == '\n' {
			head = append(head, '\n')
		}
	}
	if keyEnd < items[0].start { // comments between the key and the first item
		for _, c := range data[keyEnd:items[0].start] {
			if c == '\n' {
				head = append(head, '\n')
			}
		}
	}
	head = append(head, data[blockEnd:]...)
	return head, items, true
}

// plainLine reports whether a line holds none of what the split cannot
// see through: an anchor, alias or tag (&, * or ! where a value starts), a
// merge key, a directive or document marker, a tab in the indentation, a
// complex key.
func plainLine(text []byte) bool {
	n, rest := indentOf(text)
	if bytes.HasPrefix(text[n:], []byte("\t")) || bytes.HasPrefix(text, []byte("%")) ||
		bytes.HasPrefix(text, []byte("---")) || bytes.HasPrefix(text, []byte("...")) ||
		bytes.HasPrefix(rest, []byte("? ")) || bytes.Contains(rest, []byte("<<")) {
		return false
	}
	quote := byte(0)
	for i, c := range rest {
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			if valueStarts(rest[:i]) {
				quote = c
			}
		case c == '#' && (i == 0 || rest[i-1] == ' '):
			return true // a comment
		case c == '&' || c == '*' || c == '!':
			if valueStarts(rest[:i]) {
				return false
			}
		}
	}
	return true
}

// valueStarts reports whether a node may begin right after before: at the
// start of the line's content, or after "- ", ": ", "[", "{", "," or "?".
func valueStarts(before []byte) bool {
	before = bytes.TrimRight(before, " ")
	if len(before) == 0 {
		return true
	}
	switch before[len(before)-1] {
	case '[', '{', ',', '?', '-', ':':
		return true // also "re:*…": taken for a value's start, which only costs the split
	}
	return false
}

// lineEnd returns the offset just past the line starting at off.
func lineEnd(data []byte, off int) int {
	if i := bytes.IndexByte(data[off:], '\n'); i >= 0 {
		return off + i + 1
	}
	return len(data)
}

// indentOf returns the number of leading spaces of a line and the rest,
// without its line break.
func indentOf(text []byte) (int, []byte) {
	text = bytes.TrimRight(text, "\r\n")
	rest := bytes.TrimLeft(text, " ")
	return len(text) - len(rest), rest
}

// isPortalsKey reports whether a line is the top-level key "portals:" with
// nothing after it but a comment. A '#' starts a comment only after
// whitespace: "portals:#0" is a plain scalar, not the key.
func isPortalsKey(text []byte) bool {
	rest, ok := bytes.CutPrefix(bytes.TrimRight(text, "\r\n"), []byte("portals:"))
	if !ok {
		return false
	}
	trimmed := bytes.TrimLeft(rest, " \t")
	return len(trimmed) == 0 || (trimmed[0] == '#' && len(trimmed) < len(rest))
}

// chunks parses the portal items a chunk at a time and calls each with
// every item's node (line numbers those of data) and field path. ok is
// false when a chunk does not parse as a list of exactly its items: the
// caller then drops this decoder and parses the whole file.
func (d *decoder) chunks(data []byte, items []portalItem, size int, each func(v *yaml.Node, field string)) (ok bool) {
	for lo := 0; lo < len(items); lo += size {
		seq, ok := d.chunk(data, items[lo:min(lo+size, len(items))])
		if !ok {
			return false
		}
		for i, v := range seq.Content {
			if !d.visit() {
				return true
			}
			each(v, fmt.Sprintf("portals[%d]", lo+i))
		}
		clear(d.done) // no aliases in a chunked file: nothing decoded is met again
	}
	return true
}

// chunk parses the items of part as one YAML list and returns it with the
// file's line numbers; ok is false when it is not a list of len(part)
// items.
func (d *decoder) chunk(data []byte, part []portalItem) (seq *yaml.Node, ok bool) {
	defer func() {
		if r := recover(); r != nil {
			seq, ok = nil, false
		}
	}()
	text := make([]byte, 0, len("portals:\n")+part[len(part)-1].end-part[0].start)
	text = append(text, "portals:\n"...)
	text = append(text, data[part[0].start:part[len(part)-1].end]...)
	var doc yaml.Node
	if err := yaml.Unmarshal(text, &doc); err != nil || len(doc.Content) != 1 {
		return nil, false
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode || len(root.Content) != 2 {
		return nil, false
	}
	seq = root.Content[1]
	if seq.Kind != yaml.SequenceNode || len(seq.Content) != len(part) {
		return nil, false
	}
	shift(seq, part[0].line-2) // the chunk's line 2 is the first item's line
	return seq, true
}

// shift moves every node under n down by delta lines.
func shift(n *yaml.Node, delta int) {
	n.Line += delta
	for _, c := range n.Content {
		shift(c, delta)
	}
}
