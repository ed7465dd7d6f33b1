package zhconv

import (
	"bufio"
	"fmt"
	"math/bits"
	"strings"
	"unicode/utf8"
)

// maxKeyRunes bounds the length of a dictionary key; the per-rune length
// masks below have one bit per possible key length.
const maxKeyRunes = 63

// dict is one OpenCC text dictionary reduced to what conversion needs: each
// key maps to its first (preferred) candidate. It is immutable once built.
type dict struct {
	entries map[string]string
	// starts[r] has bit n set when some key of n runes starts with r.
	starts map[rune]uint64
}

func newDict() *dict {
	return &dict{entries: map[string]string{}, starts: map[rune]uint64{}}
}

// set adds or replaces an entry.
func (d *dict) set(key, value string) error {
	n := utf8.RuneCountInString(key)
	if n == 0 || n > maxKeyRunes {
		return fmt.Errorf("key %q of %d runes: %w", key, n, ErrDictionary)
	}
	first, _ := utf8.DecodeRuneInString(key)
	d.entries[key] = value
	d.starts[first] |= 1 << n
	return nil
}

// parseDict reads OpenCC's text format: "key<TAB>candidate[ candidate…]" per
// line, '#' comments and blank lines ignored. It calls add with every line's
// key and candidates in order.
func parseDict(name, text string, add func(key string, candidates []string) error) error {
	sc := bufio.NewScanner(strings.NewReader(text))
	for line := 1; sc.Scan(); line++ {
		l := strings.TrimRight(sc.Text(), "\r")
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		key, rest, ok := strings.Cut(l, "\t")
		candidates := strings.Fields(rest)
		if !ok || key == "" || len(candidates) == 0 {
			return fmt.Errorf("zhconv: %s line %d: %w", name, line, ErrDictionary)
		}
		if err := add(key, candidates); err != nil {
			return fmt.Errorf("zhconv: %s line %d: %w", name, line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("zhconv: read %s: %w", name, err)
	}
	return nil
}

// loadDict parses one embedded dictionary file into a dict.
func loadDict(name string) (*dict, error) {
	text, err := dictFiles.ReadFile("dict/" + name)
	if err != nil {
		return nil, fmt.Errorf("zhconv: open %s: %w", name, err)
	}
	d := newDict()
	err = parseDict(name, string(text), func(key string, candidates []string) error {
		return d.set(key, candidates[0])
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

// group is a list of dictionaries consulted in order at each position; the
// first one with any key there wins with its longest key (OpenCC's
// "short_circuit" match policy).
type group struct {
	dicts []*dict
	// starts is the union of the dictionaries' masks, so a position no
	// dictionary can match costs one lookup.
	starts map[rune]uint64
}

func newGroup(dicts ...*dict) *group {
	g := &group{dicts: dicts, starts: map[rune]uint64{}}
	for _, d := range dicts {
		for r, m := range d.starts {
			g.starts[r] |= m
		}
	}
	return g
}

// match returns the length in bytes of the key matched at the start of s and
// its replacement, or ok=false.
func (g *group) match(s string) (n int, value string, ok bool) {
	r, _ := utf8.DecodeRuneInString(s)
	union := g.starts[r]
	if union == 0 {
		return 0, "", false
	}
	// ends[k] is the byte length of the first k runes of s, for k up to the
	// longest key starting with r (or the end of s).
	var ends [maxKeyRunes + 1]int
	longest := bits.Len64(union) - 1
	runes, pos := 0, 0
	for runes < longest && pos < len(s) {
		_, w := utf8.DecodeRuneInString(s[pos:])
		pos += w
		runes++
		ends[runes] = pos
	}
	for _, d := range g.dicts {
		mask := d.starts[r]
		for k := runes; k > 0; k-- {
			if mask&(1<<k) == 0 {
				continue
			}
			if v, hit := d.entries[s[:ends[k]]]; hit {
				return ends[k], v, true
			}
		}
	}
	return 0, "", false
}
