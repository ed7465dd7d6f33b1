package zhconv

import (
	"bufio"
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// dict is one OpenCC text dictionary reduced to what conversion needs: each
// key maps to its first (preferred) candidate. It is immutable once its group
// is built.
type dict struct {
	entries map[string]string
}

func newDict() *dict {
	return &dict{entries: map[string]string{}}
}

// set adds or replaces an entry.
func (d *dict) set(key, value string) error {
	if key == "" || !utf8.ValidString(key) {
		return fmt.Errorf("key %q: %w", key, ErrDictionary)
	}
	d.entries[key] = value
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
// "short_circuit" match policy). It is immutable once built.
type group struct {
	// bmp[r] is 1 + the index in starts of the keys beginning with the BMP
	// rune r, or 0 when none does: most positions cost one array load.
	bmp [0x10000]uint16
	// other does the same for runes above the BMP.
	other  map[rune]uint16
	starts []start
}

// start holds the keys of a group that begin with one rune.
type start struct {
	// keys[i] are dictionary i's keys, longest first.
	keys [][]entry
}

type entry struct{ key, value string }

// maxStarts bounds the distinct first runes of a group (the index is uint16).
const maxStarts = 1<<16 - 1

func newGroup(dicts ...*dict) (*group, error) {
	g := &group{other: map[rune]uint16{}}
	for i, d := range dicts {
		for key, value := range d.entries {
			r, _ := utf8.DecodeRuneInString(key)
			idx := g.index(r)
			if idx == 0 {
				if len(g.starts) == maxStarts {
					return nil, fmt.Errorf("zhconv: more than %d first characters in a group: %w", maxStarts, ErrDictionary)
				}
				g.starts = append(g.starts, start{keys: make([][]entry, len(dicts))})
				idx = uint16(len(g.starts))
				if r < 0x10000 {
					g.bmp[r] = idx
				} else {
					g.other[r] = idx
				}
			}
			st := &g.starts[idx-1]
			st.keys[i] = append(st.keys[i], entry{key, value})
		}
	}
	for _, st := range g.starts {
		for _, keys := range st.keys {
			// Longest first; ties cannot both match, order them for determinism.
			slices.SortFunc(keys, func(a, b entry) int {
				return cmp.Or(cmp.Compare(len(b.key), len(a.key)), strings.Compare(a.key, b.key))
			})
		}
	}
	return g, nil
}

// index returns 1 + the index in g.starts for first rune r, or 0.
func (g *group) index(r rune) uint16 {
	if r < 0x10000 {
		return g.bmp[r]
	}
	return g.other[r]
}

// match returns the length in bytes of the key matched at the start of s
// (non-empty) and its replacement; ok=false means no key starts there and
// n is then the length of the first rune.
func (g *group) match(s string) (n int, value string, ok bool) {
	r, w := rune(s[0]), 1
	if r >= utf8.RuneSelf {
		r, w = utf8.DecodeRuneInString(s)
	}
	idx := g.index(r)
	if idx == 0 {
		return w, "", false
	}
	for _, keys := range g.starts[idx-1].keys {
		for _, e := range keys {
			if strings.HasPrefix(s, e.key) {
				return len(e.key), e.value, true
			}
		}
	}
	return w, "", false
}
