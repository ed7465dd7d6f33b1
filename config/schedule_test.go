package config

import (
	"strings"
	"testing"
	"time"
)

// refNow is a fixed instant for schedule tests: Tuesday 2026-12-01 12:00 UTC.
var refNow = time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)

func TestParseSchedule(t *testing.T) {
	tests := []struct {
		spec string
		next string // first run after refNow, RFC 3339; "" when the spec is invalid
		err  string // substring of the error
	}{
		{spec: "0 3 * * *", next: "2026-12-02T03:00:00Z"},
		{spec: "*/15 * * * *", next: "2026-12-01T12:15:00Z"},
		{spec: "30 2 * * 1-5", next: "2026-12-02T02:30:00Z"},
		{spec: "0 4 1 JAN,JUL *", next: "2027-01-01T04:00:00Z"},
		{spec: "@daily", next: "2026-12-02T00:00:00Z"},
		{spec: "@weekly", next: "2026-12-06T00:00:00Z"},
		{spec: "@every 6h", next: "2026-12-01T18:00:00Z"},
		{spec: "CRON_TZ=Asia/Shanghai 0 3 * * *", next: "2026-12-02T03:00:00+08:00"},
		{spec: "  0 3 * * *  ", next: "2026-12-02T03:00:00Z"},
		{spec: "0 25 * * *", err: `"0 25 * * *" is not a valid cron spec (hour 25 out of range 0-23)`},
		{spec: "60 3 * * *", err: "(minute 60 out of range 0-59)"},
		{spec: "0 3 0 * *", err: "(day of month 0 out of range 1-31)"},
		{spec: "0 3 * 13 *", err: "(month 13 out of range 1-12)"},
		{spec: "0 3 * * 8", err: "(day of week 8 out of range 0-6)"},
		{spec: "0 3 * *", err: "expected 5 fields"},
		{spec: "0 0 3 * * *", err: "found 6"},
		{spec: "0 x * * *", err: `hour "x"`},
		{spec: "", err: "(empty)"},
		{spec: "@hourlyish", err: "unrecognized descriptor"},
		{spec: "@every 30s", err: "@every must be at least 1m"},
		{spec: "@every soon", err: "failed to parse duration"},
		{spec: "CRON_TZ=Asia/Shanghai", err: "is not followed by a schedule"},
		{spec: "CRON_TZ=Mars/Olympus 0 3 * * *", err: `unknown time zone "Mars/Olympus"`},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			sched, err := ParseSchedule(tt.spec)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("ParseSchedule(%q) error = %v, want one containing %q", tt.spec, err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseSchedule(%q): %v", tt.spec, err)
			}
			want, err := time.Parse(time.RFC3339, tt.next)
			if err != nil {
				t.Fatal(err)
			}
			if got := sched.Next(refNow); !got.Equal(want) {
				t.Errorf("Next(%s) = %s, want %s", refNow.Format(time.RFC3339), got.Format(time.RFC3339), tt.next)
			}
		})
	}
}

func TestDefaultScheduleIsStableAndNightly(t *testing.T) {
	seen := map[string]int{}
	for i := range 200 {
		name := "portal-" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + string(rune('0'+i%10))
		spec := DefaultSchedule(name)
		if again := DefaultSchedule(name); again != spec {
			t.Fatalf("DefaultSchedule(%q) = %q then %q: not stable", name, spec, again)
		}
		sched, err := ParseSchedule(spec)
		if err != nil {
			t.Fatalf("DefaultSchedule(%q) = %q: %v", name, spec, err)
		}
		next := sched.Next(refNow)
		if h := next.Hour(); h < 1 || h > 5 {
			t.Errorf("DefaultSchedule(%q) runs at %s, want between 01:00 and 05:59", name, next.Format("15:04"))
		}
		seen[next.Format("15:04")]++
	}
	if len(seen) < 100 {
		t.Errorf("200 names share %d start times, want them spread over at least 100", len(seen))
	}
}
