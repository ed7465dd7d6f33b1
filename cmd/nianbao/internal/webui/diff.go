package webui

import (
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// Bounds of the text diff: unchanged lines kept around each change, and
// the size of a replaced block below which words are diffed within it.
const (
	diffContext  = 2
	diffInlineAt = 20000
)

// diffLine is one line of a text diff: Kind is "ins", "del", "ctx" or
// "gap" (a run of unchanged lines left out, Skipped of them).
type diffLine struct {
	Kind    string
	Segs    []diffSeg
	Skipped int
}

// diffSeg is a run of text in a line; Mark is set on the characters that
// changed within a replaced line.
type diffSeg struct {
	Text string
	Mark bool
}

// lineDiff compares two texts line by line (diffmatchpatch's line mode),
// diffs the characters within replaced lines, and keeps diffContext
// unchanged lines around each change. Identical texts give no lines.
func lineDiff(old, cur string) []diffLine {
	dmp := diffmatchpatch.New()
	a, b, lines := dmp.DiffLinesToChars(old, cur)
	diffs := dmp.DiffCharsToLines(dmp.DiffMain(a, b, false), lines)
	var out []diffLine
	for i := 0; i < len(diffs); i++ {
		d := diffs[i]
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			out = append(out, plainLines("ctx", d.Text)...)
		case diffmatchpatch.DiffDelete:
			if i+1 < len(diffs) && diffs[i+1].Type == diffmatchpatch.DiffInsert && len(d.Text)+len(diffs[i+1].Text) < diffInlineAt {
				out = append(out, replaced(dmp, d.Text, diffs[i+1].Text)...)
				i++
				continue
			}
			out = append(out, plainLines("del", d.Text)...)
		case diffmatchpatch.DiffInsert:
			out = append(out, plainLines("ins", d.Text)...)
		}
	}
	return collapse(out)
}

// plainLines splits a chunk of whole lines into diff lines of kind.
func plainLines(kind, text string) []diffLine {
	var out []diffLine
	for _, l := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		out = append(out, diffLine{Kind: kind, Segs: []diffSeg{{Text: l}}})
	}
	return out
}

// replaced renders deleted lines old and inserted lines cur with the
// characters that changed between them marked.
func replaced(dmp *diffmatchpatch.DiffMatchPatch, old, cur string) []diffLine {
	cd := dmp.DiffCleanupSemantic(dmp.DiffMain(old, cur, false))
	out := markedLines("del", cd, diffmatchpatch.DiffInsert)
	return append(out, markedLines("ins", cd, diffmatchpatch.DiffDelete)...)
}

// markedLines builds one side of a character diff: every diff but those of
// type skip, split into lines, changed runs marked.
func markedLines(kind string, diffs []diffmatchpatch.Diff, skip diffmatchpatch.Operation) []diffLine {
	out := []diffLine{{Kind: kind}}
	for _, d := range diffs {
		if d.Type == skip {
			continue
		}
		for i, part := range strings.Split(d.Text, "\n") {
			if i > 0 {
				out = append(out, diffLine{Kind: kind})
			}
			if part != "" {
				last := &out[len(out)-1]
				last.Segs = append(last.Segs, diffSeg{Text: part, Mark: d.Type != diffmatchpatch.DiffEqual})
			}
		}
	}
	if len(out) > 1 && len(out[len(out)-1].Segs) == 0 { // the chunk's final newline
		out = out[:len(out)-1]
	}
	return out
}

// collapse keeps diffContext unchanged lines on either side of each
// change and replaces longer unchanged runs by a gap; with no change at
// all it returns nil.
func collapse(lines []diffLine) []diffLine {
	keep := make([]bool, len(lines))
	changed := false
	for i, l := range lines {
		if l.Kind == "ctx" {
			continue
		}
		changed = true
		for j := max(0, i-diffContext); j <= min(len(lines)-1, i+diffContext); j++ {
			keep[j] = true
		}
	}
	if !changed {
		return nil
	}
	var out []diffLine
	for i, l := range lines {
		switch {
		case keep[i]:
			out = append(out, l)
		case len(out) > 0 && out[len(out)-1].Kind == "gap":
			out[len(out)-1].Skipped++
		default:
			out = append(out, diffLine{Kind: "gap", Skipped: 1})
		}
	}
	return out
}
