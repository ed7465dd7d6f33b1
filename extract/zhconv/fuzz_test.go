package zhconv

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// asciiOnly keeps the ASCII bytes of s, in order.
func asciiOnly(s string) string {
	return strings.Map(func(r rune) rune {
		if r < utf8.RuneSelf {
			return r
		}
		return -1
	}, s)
}

// FuzzSimplify checks what holds for any input: no panic, valid UTF-8 stays
// valid, Simplify leaves ASCII (markup, digits, Latin) alone, the detectors
// count no more runes than there are, and SimplifyDocument returns the
// output of the conversion its decision names.
func FuzzSimplify(f *testing.F) {
	f.Add(simplifiedParagraph)
	f.Add(traditionalParagraph)
	c := MustNew(f)
	f.Fuzz(func(t *testing.T, s string) {
		simple := c.Simplify(s)
		taiwan := c.SimplifyTaiwan(s)
		if utf8.ValidString(s) {
			if !utf8.ValidString(simple) {
				t.Errorf("Simplify(%q) = %q, not valid UTF-8", s, simple)
			}
			if !utf8.ValidString(taiwan) {
				t.Errorf("SimplifyTaiwan(%q) = %q, not valid UTF-8", s, taiwan)
			}
			if got, want := asciiOnly(simple), asciiOnly(s); got != want {
				t.Errorf("Simplify(%q) = %q changed the ASCII text to %q", s, simple, got)
			}
		}
		n := utf8.RuneCountInString(s)
		if e := c.Detect(s); e.Traditional < 0 || e.Simplified < 0 || e.Traditional+e.Simplified > n {
			t.Errorf("Detect(%q) = %+v for %d runes", s, e, n)
		}
		if v := c.DetectVocabulary(s); v.Taiwan < 0 || v.Mainland < 0 || v.Taiwan+v.Mainland > n {
			t.Errorf("DetectVocabulary(%q) = %+v for %d runes", s, v, n)
		}
		if out, d := c.SimplifyDocument(s); d.Taiwan && out != taiwan || !d.Taiwan && out != simple {
			t.Errorf("SimplifyDocument(%q) = %q, %+v: not the output of the conversion it names", s, out, d)
		}
	})
}
