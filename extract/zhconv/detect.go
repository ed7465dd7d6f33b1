package zhconv

import (
	"fmt"
	"slices"
)

// script classifies a rune by the written standards it belongs to.
type script uint8

const (
	scriptBoth script = iota // or unknown: counts for neither standard
	scriptTraditionalOnly
	scriptSimplifiedOnly
)

// scriptTable answers "which standard is r only in" with bit tests for the
// BMP and a map above it. It is immutable once built.
type scriptTable struct {
	traditional, simplified [0x10000 / 64]uint64
	supplementary           map[rune]script
}

func (t *scriptTable) set(r rune, s script) {
	switch {
	case r >= 0x10000:
		t.supplementary[r] = s
	case s == scriptTraditionalOnly:
		t.traditional[r/64] |= 1 << (r % 64)
	case s == scriptSimplifiedOnly:
		t.simplified[r/64] |= 1 << (r % 64)
	}
}

func (t *scriptTable) of(r rune) script {
	switch {
	case r >= 0x10000:
		return t.supplementary[r]
	case t.traditional[r/64]&(1<<(r%64)) != 0:
		return scriptTraditionalOnly
	case t.simplified[r/64]&(1<<(r%64)) != 0:
		return scriptSimplifiedOnly
	}
	return scriptBoth
}

// loadScript derives the rune classes from the character dictionaries. A
// rune is Traditional-only when TSCharacters converts it to something else
// and STCharacters does not keep it; Simplified-only is the mirror image.
// Runes valid in both standards (台, 干, 后, 么, 著 …) are in neither class.
func loadScript() (*scriptTable, error) {
	ts, err := selfMap("TSCharacters.txt")
	if err != nil {
		return nil, err
	}
	st, err := selfMap("STCharacters.txt")
	if err != nil {
		return nil, err
	}
	t := &scriptTable{supplementary: map[rune]script{}}
	for r, keeps := range ts {
		if keptInST, inST := st[r]; !keeps && !(inST && keptInST) {
			t.set(r, scriptTraditionalOnly)
		}
	}
	for r, keeps := range st {
		if keptInTS, inTS := ts[r]; !keeps && !(inTS && keptInTS) {
			t.set(r, scriptSimplifiedOnly)
		}
	}
	return t, nil
}

// selfMap reads a character dictionary as rune → whether the rune is among
// its own candidates (the conversion may keep it).
func selfMap(name string) (map[rune]bool, error) {
	text, err := dictFiles.ReadFile("dict/" + name)
	if err != nil {
		return nil, fmt.Errorf("zhconv: open %s: %w", name, err)
	}
	m := map[rune]bool{}
	err = parseDict(name, string(text), func(key string, candidates []string) error {
		runes := []rune(key)
		if len(runes) != 1 {
			return fmt.Errorf("key %q is not one character: %w", key, ErrDictionary)
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
		switch c.script.of(r) {
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
