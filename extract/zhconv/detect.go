package zhconv

import (
	"slices"
	"unicode/utf8"
)

// script classifies a rune by the written standards it belongs to.
type script uint8

const (
	scriptTraditionalOnly script = iota + 1
	scriptSimplifiedOnly
)

// loadScript derives the rune classes from the character dictionaries. A
// rune is Traditional-only when TSCharacters converts it to something else
// and STCharacters does not keep it; Simplified-only is the mirror image.
// Runes valid in both standards (台, 干, 后, 么, 著 …) are in neither class.
func loadScript() (classes map[rune]script, lowest rune, err error) {
	ts, err := selfMap("TSCharacters.txt")
	if err != nil {
		return nil, 0, err
	}
	st, err := selfMap("STCharacters.txt")
	if err != nil {
		return nil, 0, err
	}
	classes = make(map[rune]script, len(ts)+len(st))
	for r, keeps := range ts {
		if keptInST, inST := st[r]; !keeps && !(inST && keptInST) {
			classes[r] = scriptTraditionalOnly
		}
	}
	for r, keeps := range st {
		if keptInTS, inTS := ts[r]; !keeps && !(inTS && keptInTS) {
			classes[r] = scriptSimplifiedOnly
		}
	}
	lowest = utf8.MaxRune
	for r := range classes {
		lowest = min(lowest, r)
	}
	return classes, lowest, nil
}

// selfMap reads a character dictionary as rune → whether the rune is among
// its own candidates (the conversion may keep it).
func selfMap(name string) (map[rune]bool, error) {
	text, err := dictFiles.ReadFile("dict/" + name)
	if err != nil {
		return nil, err
	}
	m := map[rune]bool{}
	err = parseDict(name, string(text), func(key string, candidates []string) error {
		runes := []rune(key)
		if len(runes) != 1 {
			return ErrDictionary
		}
		m[runes[0]] = slices.Contains(candidates, key)
		return nil
	})
	return m, err
}

// Evidence counts the characters of a text that exist in only one of the two
// standards. Characters common to both, punctuation, digits and Latin letters
// are not counted.
type Evidence struct {
	Traditional int // runes that exist only in Traditional form (們, 發, 檔 …)
	Simplified  int // runes that exist only in Simplified form (们, 发, 档 …)
}

// IsTraditional applies the document rule: a text is Traditional when it
// holds at least one Traditional-only character and more than twice as many
// Traditional-only as Simplified-only characters. A Simplified report quoting
// a few Traditional names stays Simplified; a text with neither kind (pure
// digits, Latin, or common characters only) is not Traditional.
func (e Evidence) IsTraditional() bool {
	return e.Traditional > 0 && e.Traditional > 2*e.Simplified
}

// Detect counts the Traditional-only and Simplified-only characters of s.
func (c *Converter) Detect(s string) Evidence {
	var e Evidence
	for _, r := range s {
		if r < c.scriptMin {
			continue
		}
		switch c.script[r] {
		case scriptTraditionalOnly:
			e.Traditional++
		case scriptSimplifiedOnly:
			e.Simplified++
		}
	}
	return e
}

// IsTraditional reports whether the document s is written in Traditional
// Chinese, by the rule of Evidence.IsTraditional. Decide once per document,
// not per line: short fragments carry little evidence.
func (c *Converter) IsTraditional(s string) bool {
	return c.Detect(s).IsTraditional()
}
