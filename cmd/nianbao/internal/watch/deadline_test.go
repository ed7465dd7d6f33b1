package watch

import (
	"slices"
	"testing"
	"time"

	"github.com/nianbao/nianbao/config"
)

func TestDeadlineFor(t *testing.T) {
	for _, tt := range []struct {
		name            string
		year            int
		level, override string
		want, rule      string
	}{
		{"department from 2019: 01-31", 2023, "department", "", "2024-01-31", "2019 department"},
		{"county government from 2019: 03-31", 2023, "county", "", "2024-03-31", "2019 government"},
		{"province government: 03-31", 2019, "province", "", "2020-03-31", "2019 government"},
		{"township: 03-31, set locally", 2023, "township", "", "2024-03-31", "2019 township"},
		{"no level: 03-31", 2023, "", "", "2024-03-31", "2019 unknown level"},
		{"department before 2019: 03-31", 2018, "department", "", "2019-03-31", "2007"},
		{"override wins", 2023, "county", "02-20", "2024-02-20", "override"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d, err := DeadlineFor(tt.year, tt.level, tt.override)
			if err != nil || d.String() != tt.want || d.Rule != tt.rule {
				t.Errorf("DeadlineFor(%d, %q, %q) = %s (%s), %v; want %s (%s)", tt.year, tt.level, tt.override, d, d.Rule, err, tt.want, tt.rule)
			}
			if got := d.End().Sub(d.Day); got != 24*time.Hour {
				t.Errorf("deadline day lasts %s", got)
			}
		})
	}
	if _, err := DeadlineFor(2023, "", "13-01"); err == nil {
		t.Error("DeadlineFor accepted override 13-01")
	}
}

func TestLastDueYear(t *testing.T) {
	cst := time.FixedZone("CST", 8*3600)
	for _, tt := range []struct {
		now   time.Time
		level string
		want  int
	}{
		{time.Date(2026, 1, 31, 23, 59, 0, 0, cst), "department", 2024},
		{time.Date(2026, 2, 1, 0, 0, 0, 0, cst), "department", 2025},
		{time.Date(2026, 2, 1, 0, 0, 0, 0, cst), "county", 2024},
		{time.Date(2026, 4, 1, 0, 0, 0, 0, cst), "county", 2025},
	} {
		if got := lastDueYear(tt.now, tt.level, ""); got != tt.want {
			t.Errorf("lastDueYear(%s, %s) = %d, want %d", tt.now, tt.level, got, tt.want)
		}
	}
}

func TestKindsMatchConfig(t *testing.T) {
	var names []string
	for _, k := range Kinds {
		names = append(names, string(k))
	}
	if !slices.Equal(names, config.EventKinds) {
		t.Errorf("watch.Kinds = %v, config.EventKinds = %v; the notify: list must accept exactly the kinds derived", names, config.EventKinds)
	}
}

func TestTextDiff(t *testing.T) {
	for _, tt := range []struct {
		name, old, cur string
		lines          []string
		summary        string
	}{
		{"equal texts", "a\nb\n", "a\nb\n", nil, ""},
		{"a line replaced", "a\nb\nc\n", "a\nB\nc\n", []string{"- b", "+ B"}, "1 行删除, 1 行新增"},
		{"a line added", "a\n", "a\nz\n", []string{"+ z"}, "0 行删除, 1 行新增"},
	} {
		lines, summary := textDiff(tt.old, tt.cur)
		if !slices.Equal(lines, tt.lines) || summary != tt.summary {
			t.Errorf("%s: textDiff = %q, %q; want %q, %q", tt.name, lines, summary, tt.lines, tt.summary)
		}
	}
	long := make([]rune, 300)
	for i := range long {
		long[i] = '字'
	}
	if lines, _ := textDiff("", string(long)+"\n"); len([]rune(lines[0])) != maxDiffRunes+3 {
		t.Errorf("a long line is not clipped: %d runes", len([]rune(lines[0])))
	}
}
