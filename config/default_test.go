package config

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestDefaultIsAValidStartingList(t *testing.T) {
	cfg, err := Default()
	if err != nil {
		t.Fatalf("the embedded default does not validate:\n%v", err)
	}
	fromLoad, err := Load("")
	if err != nil || len(fromLoad.Portals) != len(cfg.Portals) {
		t.Fatalf(`Load("") = %d portals, %v; want the embedded default's %d`, len(fromLoad.Portals), err, len(cfg.Portals))
	}
	if cfg.File != EmbeddedFile {
		t.Errorf("File = %q, want %q", cfg.File, EmbeddedFile)
	}
	if n := len(cfg.Portals); n < 30 {
		t.Errorf("%d portals, want at least 30", n)
	}
	levels := map[string]int{}
	paginations := map[string]int{}
	provinces := map[string]bool{}
	slots := map[string]string{}
	beijing, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range cfg.Portals {
		levels[p.Level]++
		paginations[p.Pagination]++
		provinces[province(p.Region)] = true
		if p.Agency == "" || p.Region == "" {
			t.Errorf("%s: agency %q, region %q; want both", p.Name, p.Agency, p.Region)
		}
		if !p.AllowsURL(p.Column) {
			t.Errorf("%s: its own column %s is not on an allowed host %q", p.Name, p.Column, p.AllowedHosts)
		}
		sched, err := ParseSchedule(p.Schedule)
		if err != nil {
			t.Errorf("%s: %v", p.Name, err)
			continue
		}
		next := sched.Next(refNow).In(beijing)
		slot := next.Format("15:04")
		if other, taken := slots[slot]; taken {
			t.Errorf("%s and %s both start at %s: spread the schedules", other, p.Name, slot)
		}
		slots[slot] = p.Name
		if h := next.Hour(); h < 1 || h > 5 {
			t.Errorf("%s starts at %s Beijing time, want the night (01:00-05:59)", p.Name, next.Format("15:04"))
		}
	}
	for _, level := range []string{"province", "city", "county", "department"} {
		if levels[level] == 0 {
			t.Errorf("no portal of level %s", level)
		}
	}
	for _, pg := range []string{"trs", "hanweb"} {
		if paginations[pg] == 0 {
			t.Errorf("no portal with pagination %s (a TRS or Hanweb site)", pg)
		}
	}
	if len(provinces) < 10 {
		t.Errorf("portals in %d provinces, want at least 10: %v", len(provinces), provinces)
	}
}

// province returns the province-level part of a region, e.g. 湖北省 of
// 湖北省荆门市, 北京市 of 北京市密云区.
func province(region string) string {
	for _, suffix := range []string{"自治区", "省", "市"} {
		if i := strings.Index(region, suffix); i >= 0 {
			return region[:i+len(suffix)]
		}
	}
	return region
}

func ExampleDefault() {
	cfg, err := Default()
	if err != nil {
		panic(err)
	}
	p, _ := cfg.Portal("sanming")
	fmt.Println(p.Agency, p.Region, p.Level)
	fmt.Println(p.Column)
	fmt.Println(p.Schedule, p.Pagination)
	// Output:
	// 三明市人民政府 福建省三明市 city
	// http://www.sm.gov.cn/smsrmzfbgs/smsrmzf/zfxxgkndbg/
	// CRON_TZ=Asia/Shanghai 27 3 * * * trs
}

func TestDefaultYAMLSaysItIsAStartingList(t *testing.T) {
	text := string(DefaultYAML())
	if !strings.HasPrefix(text, "#") || !strings.Contains(text, "STARTING LIST") {
		t.Errorf("the embedded default does not open with a comment calling it a starting list:\n%.300s", text)
	}
	// A user who copies it gets the same config.
	copied, err := Parse("copy.yaml", DefaultYAML())
	if err != nil {
		t.Fatal(err)
	}
	def, _ := Default()
	if ch := Diff(def, copied); !ch.Empty() {
		t.Errorf("a copy of the default differs from it: %+v", ch)
	}
}
