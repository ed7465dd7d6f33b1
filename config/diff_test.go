package config

import (
	"slices"
	"testing"
)

func TestDiff(t *testing.T) {
	const base = `portals:
  - {name: a, agency: A, column: "https://a.gov.cn/nb/"}
  - {name: b, agency: B, column: "https://b.gov.cn/nb/"}
  - {name: c, agency: C, column: "https://c.gov.cn/nb/"}
`
	tests := []struct {
		name string
		cur  string
		want Changes
	}{
		{"same file", base, Changes{}},
		{"moved and re-indented portals are unchanged", `
portals:
  - {name: c, agency: C, column: "https://c.gov.cn/nb/"}

  - name: a
    agency: A
    column: https://a.gov.cn/nb/
  - {name: b, agency: B, column: "https://b.gov.cn/nb/"}
`, Changes{}},
		{"added, removed and changed", `portals:
  - {name: a, agency: A, column: "https://a.gov.cn/nb/", schedule: "@daily"}
  - {name: c, agency: C, column: "https://c.gov.cn/nb/"}
  - {name: d, agency: D, column: "https://d.gov.cn/nb/"}
`, Changes{Added: []string{"d"}, Removed: []string{"b"}, Changed: []string{"a"}}},
		{"top-level crawl defaults change every portal", "crawl: {delay: 3s}\n" + base,
			Changes{Changed: []string{"a", "b", "c"}}},
		{"allowed hosts are compared", `portals:
  - {name: a, agency: A, column: "https://a.gov.cn/nb/", allowed_hosts: [a.gov.cn, cdn.a.gov.cn]}
  - {name: b, agency: B, column: "https://b.gov.cn/nb/"}
  - {name: c, agency: C, column: "https://c.gov.cn/nb/"}
`, Changes{Changed: []string{"a"}}},
		{"storage and listen need a restart", "storage: {path: other.db}\nhttp: {listen: ':9999'}\n" + base,
			Changes{Restart: []string{"storage.path", "http.listen"}}},
	}
	old := MustParse(t, base)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Diff(old, MustParse(t, tt.cur))
			if !sameChanges(got, tt.want) {
				t.Errorf("Diff = %+v, want %+v", got, tt.want)
			}
			if got.Empty() != sameChanges(tt.want, Changes{}) {
				t.Errorf("Empty() = %v for %+v", got.Empty(), got)
			}
		})
	}
	if got := Diff(nil, old); !slices.Equal(got.Added, []string{"a", "b", "c"}) || len(got.Restart) != 0 {
		t.Errorf("Diff(nil, cfg) = %+v, want every portal added and nothing to restart", got)
	}
}

func sameChanges(a, b Changes) bool {
	return slices.Equal(a.Added, b.Added) && slices.Equal(a.Removed, b.Removed) &&
		slices.Equal(a.Changed, b.Changed) && slices.Equal(a.Restart, b.Restart)
}
