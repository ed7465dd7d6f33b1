package zhconv

import "strings"

// convert appends seg to b with every match of g replaced, scanning left to
// right and taking the longest match at each position (maximum forward
// matching), and reports whether anything was replaced. When nothing was,
// b is left untouched so the caller can reuse seg.
func (g *group) convert(b *strings.Builder, seg string) (changed bool) {
	done := 0 // seg[:done] is already in b
	for i := 0; i < len(seg); {
		n, v, ok := g.match(seg[i:])
		if ok && v != seg[i:i+n] {
			if !changed {
				b.Grow(len(seg) + len(seg)/8)
				changed = true
			}
			b.WriteString(seg[done:i])
			b.WriteString(v)
			done = i + n
		}
		i += n
	}
	if changed {
		b.WriteString(seg[done:])
	}
	return changed
}

// segment splits s the way OpenCC's "mmseg" segmentation does: every longest
// match of g becomes a segment of its own, and the text between matches is
// one segment per run. Later stages never match across a segment boundary.
func (g *group) segment(s string) []string {
	var segs []string
	run := 0 // start of the current unmatched run
	for i := 0; i < len(s); {
		n, _, ok := g.match(s[i:])
		if ok {
			if run < i {
				segs = append(segs, s[run:i])
			}
			segs = append(segs, s[i:i+n])
			run = i + n
		}
		i += n
	}
	if run < len(s) {
		segs = append(segs, s[run:])
	}
	return segs
}

// convertSegments runs one stage over every segment and returns the
// converted segments and their concatenation, which backs them.
func (g *group) convertSegments(segs []string) (converted []string, all string) {
	size := 0
	for _, s := range segs {
		size += len(s)
	}
	var b strings.Builder
	b.Grow(size + size/8)
	ends := make([]int, len(segs))
	for i, s := range segs {
		if !g.convert(&b, s) {
			b.WriteString(s)
		}
		ends[i] = b.Len()
	}
	all = b.String()
	converted = make([]string, len(segs))
	start := 0
	for i, end := range ends {
		converted[i] = all[start:end]
		start = end
	}
	return converted, all
}

// convertString runs one stage over s as a single segment. It returns s
// itself when nothing matched, without copying.
func (g *group) convertString(s string) string {
	var b strings.Builder
	if !g.convert(&b, s) {
		return s
	}
	return b.String()
}
