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
// "short_circuit" match policy). It is immutable once built.
type group struct {
	dicts []*dict
	// bmp has bit r set when some key starts with the BMP rune r, so most
	// positions that cannot match cost one bit test.
	bmp [0x10000 / 64]uint64
	// starts describes, per first rune, the keys of every dictionary.
	starts map[rune]*start
}

// start describes the keys of a group's dictionaries that begin with one
// rune.
type start struct {
	longest int      // runes in the longest key of any dictionary
	masks   []uint64 // per dictionary: bit n set when it has a key of n runes
	single  []string // per dictionary: the value of its one-rune key, if any
}

func newGroup(dicts ...*dict) *group {
	g := &group{dicts: dicts, starts: map[rune]*start{}}
	for i, d := range dicts {
		for r, mask := range d.starts {
			st := g.starts[r]
			if st == nil {
				st = &start{masks: make([]uint64, len(dicts)), single: make([]string, len(dicts))}
				g.starts[r] = st
			}
			st.masks[i] = mask
			st.longest = max(st.longest, bits.Len64(mask)-1)
			if mask&(1<<1) != 0 {
				st.single[i] = d.entries[string(r)]
			}
			if r < 0x10000 {
				g.bmp[r/64] |= 1 << (r % 64)
			}
		}
	}
	return g
}

// match returns the length in bytes of the key matched at the start of s
// (non-empty) and its replacement; ok=false means no key starts there and
// n is then the length of the first rune.
func (g *group) match(s string) (n int, value string, ok bool) {
	r, w := rune(s[0]), 1
	if r >= utf8.RuneSelf {
		r, w = utf8.DecodeRuneInString(s)
	}
	if r < 0x10000 && g.bmp[r/64]&(1<<(r%64)) == 0 {
		return w, "", false
	}
	st := g.starts[r]
	if st == nil {
		return w, "", false
	}
	if st.longest == 1 {
		for i, mask := range st.masks {
			if mask != 0 {
				return w, st.single[i], true
			}
		}
	}
	// ends[k] is the byte length of the first k runes of s, for k up to the
	// longest key (or the end of s).
	var ends [maxKeyRunes + 1]int
	ends[1] = w
	runes, pos := 1, w
	for runes < st.longest && pos < len(s) {
		_, rw := utf8.DecodeRuneInString(s[pos:])
		pos += rw
		runes++
		ends[runes] = pos
	}
	for i, d := range g.dicts {
		mask := st.masks[i]
		for k := runes; k > 1; k-- {
			if mask&(1<<k) == 0 {
				continue
			}
			if v, hit := d.entries[s[:ends[k]]]; hit {
				return ends[k], v, true
			}
		}
		if mask&(1<<1) != 0 {
			return w, st.single[i], true
		}
	}
	return w, "", false
}
