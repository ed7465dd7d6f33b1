package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// collapseSpace trims s and replaces every run of white space (including
// U+3000 and no-break spaces) with one ASCII space.
func collapseSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if isSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// isSpace reports white space in the broad sense pages use: Unicode spaces,
// no-break spaces, the ideographic space and zero-width characters.
func isSpace(r rune) bool {
	switch r {
	case '\u00a0', '\u3000', '\u200b', '\u200c', '\u200d', '\ufeff':
		return true
	}
	return unicode.IsSpace(r)
}

// labelKey is the form labels are compared in: NFKC (full-width digits and
// brackets become ASCII), all white space removed, curly quotes unified,
// enumeration marks after a digit unified to '.'.
func labelKey(s string) string {
	s = norm.NFKC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	prevDigit := false
	for _, r := range s {
		if isSpace(r) {
			continue
		}
		switch r {
		case '“', '”', '„', '‟', '「', '」':
			r = '"'
		case '‘', '’':
			r = '\''
		case '、', '．':
			if prevDigit {
				r = '.'
			}
		}
		b.WriteRune(r)
		prevDigit = r >= '0' && r <= '9'
	}
	return b.String()
}

// plainKey is labelKey without any punctuation: only letters and digits
// remain. It is used to match labels whose brackets and numbering vary.
func plainKey(s string) string {
	s = labelKey(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// runeLen is the length of s in characters.
func runeLen(s string) int { return utf8.RuneCountInString(s) }

// containsAny reports whether s contains one of subs.
func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}
