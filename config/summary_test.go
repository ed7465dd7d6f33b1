package config

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"gotest.tools/v3/assert"
	"gotest.tools/v3/golden"
)

func TestSummaryText(t *testing.T) {
	cfg := MustParse(t, `timezone: Asia/Shanghai
portals:
  - name: duodao
    agency: 荆门市掇刀区人民政府
    level: county
    column: http://www.duodao.gov.cn/zwgk/zfxxgknb/
    schedule: "0 3 * * *"
  - name: local
    agency: 测试
    column: http://127.0.0.1:8081/col/
    allowed_hosts: [127.0.0.1, "*.test.gov.cn"]
    schedule: "CRON_TZ=UTC @every 6h"
  - name: sanming
    agency: 三明市人民政府
    column: http://www.sm.gov.cn/zfxxgkndbg/
    schedule: "@weekly"
`)
	s := cfg.Summary(refNow)
	if len(s.Portals) != 3 || len(s.Hosts) != 4 {
		t.Fatalf("Summary: %d portals on %d hosts, want 3 on 4 (%q)", len(s.Portals), len(s.Hosts), s.Hosts)
	}
	var b strings.Builder
	if err := s.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	assert.Check(t, golden.String(b.String(), "summary.golden"))
}

func TestSelect(t *testing.T) {
	cfg := MustParse(t, `portals:
  - {name: a, agency: A, column: "https://a.gov.cn/nb/"}
  - {name: b, agency: B, column: "https://b.gov.cn/nb/"}
`)
	all, err := cfg.Select(nil)
	if err != nil || len(all) != 2 {
		t.Errorf("Select(nil) = %d portals, %v; want all 2", len(all), err)
	}
	some, err := cfg.Select([]string{"b", "a"})
	if err != nil || len(some) != 2 || some[0].Name != "b" || some[1].Name != "a" {
		t.Errorf("Select(b, a) = %v, %v; want b then a", some, err)
	}
	if _, err := cfg.Select([]string{"a", "nope"}); !errors.Is(err, ErrUnknownPortal) || !strings.Contains(err.Error(), `"nope"`) {
		t.Errorf("Select(nope) error = %v, want ErrUnknownPortal naming it", err)
	}
}

func TestSummaryNextRunsFollowTheZone(t *testing.T) {
	cfg := MustParse(t, "timezone: Asia/Shanghai\n"+minimal)
	next := cfg.Summary(refNow).Portals[0].Next
	if next.Location().String() != "Asia/Shanghai" || !next.After(refNow) || next.Sub(refNow) > 24*time.Hour {
		t.Errorf("next run %s, want within a day after %s, in Asia/Shanghai", next, refNow)
	}
}

func TestSelectUnknownNameSaysWhatExists(t *testing.T) {
	few := MustParse(t, `portals:
  - {name: duodao, agency: A, column: "https://a.gov.cn/nb/"}
  - {name: suqian, agency: B, column: "https://b.gov.cn/nb/"}
`)
	var many strings.Builder
	many.WriteString("portals:\n")
	for i := range 30 {
		fmt.Fprintf(&many, "  - {name: p%02d, agency: A, column: \"https://p%d.gov.cn/nb/\"}\n", i, i)
	}
	tests := []struct {
		name string
		cfg  *Config
		pick string
		want string
	}{
		{"a near miss gets a suggestion and the list", few, "duodoa",
			`config: unknown portal "duodoa" (did you mean "duodao"?); 2 portals are configured in test.yaml, names: duodao, suqian`},
		{"a far miss gets the list only", few, "nosuch",
			`config: unknown portal "nosuch"; 2 portals are configured in test.yaml, names: duodao, suqian`},
		{"a long list is cut to the closest names", MustParse(t, many.String()), "p1",
			`config: unknown portal "p1" (did you mean "p01"?); 30 portals are configured in test.yaml, 20 closest names: p01, p10, p11,`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.cfg.Select([]string{tt.pick})
			if !errors.Is(err, ErrUnknownPortal) || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("Select(%q) error:\n%v\nwant it to start with\n%s", tt.pick, err, tt.want)
			}
		})
	}
}
