package config

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

func TestNotifyAndDeadline(t *testing.T) {
	cfg, err := Parse("n.yaml", []byte(`portals:
  - name: duodao
    agency: 掇刀区人民政府
    level: department
    deadline: "02-15"
    column: http://www.duodao.gov.cn/zfxxgknb/
notify:
  - url: http://192.168.1.5:9000/hook
    events: [report_changed, report_late, report_changed]
    secret: s3cret
  - url: https://hooks.example.org/in
`))
	if err != nil {
		t.Fatal(err)
	}
	if got := cfg.Portals[0].Deadline; got != "02-15" {
		t.Errorf("Deadline = %q, want 02-15", got)
	}
	if len(cfg.Notify) != 2 {
		t.Fatalf("Notify = %+v, want 2 entries", cfg.Notify)
	}
	n := cfg.Notify[0]
	if n.URL != "http://192.168.1.5:9000/hook" || !slices.Equal(n.Events, []string{"report_changed", "report_late"}) || n.Secret.Reveal() != "s3cret" || n.Line != 8 {
		t.Errorf("Notify[0] = %+v, want the LAN URL, two kinds (repeat dropped), the secret, line 8", n)
	}
	if n := cfg.Notify[1]; n.Events != nil || n.Secret.IsSet() {
		t.Errorf("Notify[1] = %+v, want every kind (nil) and no secret", n)
	}
}

func TestParseDeadline(t *testing.T) {
	for _, tt := range []struct {
		in    string
		month time.Month
		day   int
		ok    bool
	}{
		{"01-31", time.January, 31, true},
		{"03-31", time.March, 31, true},
		{"12-31", time.December, 31, true},
		{"02-29", 0, 0, false},
		{"1-31", 0, 0, false},
		{"13-01", 0, 0, false},
		{"01-00", 0, 0, false},
		{"0131", 0, 0, false},
	} {
		m, d, err := ParseDeadline(tt.in)
		if (err == nil) != tt.ok || m != tt.month || d != tt.day {
			t.Errorf("ParseDeadline(%q) = %v, %d, %v; want %v, %d, ok %v", tt.in, m, d, err, tt.month, tt.day, tt.ok)
		}
	}
}

// FuzzParseDeadline: whatever ParseDeadline accepts is written back the
// same way and is a day of every year.
func FuzzParseDeadline(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		m, d, err := ParseDeadline(s)
		if err != nil {
			return
		}
		if got := fmt.Sprintf("%02d-%02d", int(m), d); got != s {
			t.Fatalf("ParseDeadline(%q) = %v %d, written back %q", s, m, d, got)
		}
		if day := time.Date(2023, m, d, 0, 0, 0, 0, time.UTC); day.Month() != m || day.Day() != d {
			t.Fatalf("ParseDeadline(%q) accepted a day that 2023 lacks", s)
		}
	})
}
