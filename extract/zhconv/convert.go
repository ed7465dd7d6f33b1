package zhconv

import "strings"

// convert appends seg to b with every match of g replaced, scanning left to
// right and taking the longest match at each position (maximum forward
// matching). Runs without a match are copied in one piece.
func (g *group) convert(b *strings.Builder, seg string) {
	done := 0 // seg[:done] is already in b
	for i := 0; i < len(seg); {
		n, v, ok := g.match(seg[i:])
		if ok && v != seg[i:i+n] {
			b.WriteString(seg[done:i])
			b.WriteString(v)
			done = i + n
		}
		i += n
	}
	b.WriteString(seg[done:])
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
// converted segments, which share one backing string.
func (g *group) convertSegments(segs []string) []string {
	size := 0
	for _, s := range segs {
		size += len(s)
	}
	var b strings.Builder
	b.Grow(size + size/8)
	ends := make([]int, len(segs))
	for i, s := range segs {
		g.convert(&b, s)
		ends[i] = b.Len()
	}
	out := b.String()
	converted := make([]string, len(segs))
	start := 0
	for i, end := range ends {
		converted[i] = out[start:end]
		start = end
	}
	return converted
}

// convertString runs one stage over s as a single segment.
func (g *group) convertString(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	g.convert(&b, s)
	return b.String()
}
