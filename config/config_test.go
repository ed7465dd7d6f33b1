package config

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

// MustParse parses a config that the test expects to be valid.
func MustParse(tb testing.TB, src string) *Config {
	tb.Helper()
	cfg, err := Parse("test.yaml", []byte(src))
	if err != nil {
		tb.Fatalf("Parse: %v", err)
	}
	return cfg
}

// problems parses a config that the test expects to be invalid and returns
// its problems as strings.
func problems(tb testing.TB, src string) []string {
	tb.Helper()
	cfg, err := Parse("test.yaml", []byte(src))
	var verr *ValidationError
	if !errors.As(err, &verr) {
		tb.Fatalf("Parse = %v, %v; want a *ValidationError", cfg, err)
	}
	if cfg != nil {
		tb.Fatalf("Parse returned a config and an error")
	}
	out := make([]string, len(verr.Problems))
	for i, p := range verr.Problems {
		out[i] = p.String()
	}
	return out
}

const minimal = `portals:
  - name: duodao
    agency: 荆门市掇刀区人民政府
    column: http://www.duodao.gov.cn/zwgk/zfxxgknb/
`

func TestParseFillsDefaults(t *testing.T) {
	cfg := MustParse(t, minimal)
	if cfg.File != "test.yaml" || cfg.Storage.Path != DefaultStoragePath || cfg.HTTP.Listen != DefaultListen || cfg.Timezone != "" || cfg.HTTP.Timezone != "Asia/Shanghai" {
		t.Errorf("file, storage, listen, timezone, UI timezone = %q, %q, %q, %q, %q; want test.yaml and the defaults", cfg.File, cfg.Storage.Path, cfg.HTTP.Listen, cfg.Timezone, cfg.HTTP.Timezone)
	}
	want := Crawl{
		UserAgent: UserAgent(Version()), Delay: time.Second, Parallelism: 2, Timeout: 30 * time.Second,
		MaxBody: 20 << 20, Retries: 3, Robots: true, MaxPages: 2000, Attachments: true,
	}
	if cfg.Crawl != want {
		t.Errorf("Crawl = %+v, want %+v", cfg.Crawl, want)
	}
	if len(cfg.Portals) != 1 {
		t.Fatalf("%d portals, want 1", len(cfg.Portals))
	}
	p := cfg.Portals[0]
	if p.Crawl != want {
		t.Errorf("portal Crawl = %+v, want the defaults %+v", p.Crawl, want)
	}
	if p.Schedule != DefaultSchedule("duodao") || p.Pagination != "auto" || p.Line != 2 {
		t.Errorf("schedule, pagination, line = %q, %q, %d; want %q, auto, 2", p.Schedule, p.Pagination, p.Line, DefaultSchedule("duodao"))
	}
	if !slices.Equal(p.AllowedHosts, []string{"www.duodao.gov.cn"}) {
		t.Errorf("AllowedHosts = %q, want the column's host", p.AllowedHosts)
	}
	if !strings.HasPrefix(p.Crawl.UserAgent, "nianbao/") || !strings.Contains(p.Crawl.UserAgent, "(+https://github.com/nianbao/nianbao)") {
		t.Errorf("user agent %q does not name nianbao and its URL", p.Crawl.UserAgent)
	}
}

func TestPortalOverridesCrawlDefaults(t *testing.T) {
	cfg := MustParse(t, `
crawl:
  delay: 2s
  max_body: 512KiB
  user_agent: "test-agent/1"
portals:
  - name: slow
    agency: A
    column: https://a.gov.cn/nb/
    attachments: false
    crawl:
      delay: 5s
      parallelism: 1
      robots: false
  - name: plain
    agency: B
    column: https://b.gov.cn/nb/
`)
	top := cfg.Crawl
	if top.Delay != 2*time.Second || top.MaxBody != 512<<10 || top.UserAgent != "test-agent/1" || top.Parallelism != 2 {
		t.Errorf("top-level crawl = %+v, want delay 2s, max_body 512KiB, the given agent, parallelism 2", top)
	}
	slow, plain := cfg.Portals[0].Crawl, cfg.Portals[1].Crawl
	wantSlow := top
	wantSlow.Delay, wantSlow.Parallelism, wantSlow.Robots, wantSlow.Attachments = 5*time.Second, 1, false, false
	if slow != wantSlow {
		t.Errorf("overriding portal: Crawl = %+v, want %+v", slow, wantSlow)
	}
	if plain != top {
		t.Errorf("plain portal: Crawl = %+v, want the top-level defaults %+v", plain, top)
	}
}

func TestParseAcceptsAnchorsAndFlowStyle(t *testing.T) {
	cfg := MustParse(t, `
x-slow: &slow {delay: 10s, parallelism: 1}
x-hosts: &hosts [a.gov.cn, "*.a.gov.cn"]
portals:
  - {name: a, agency: A, column: "https://a.gov.cn/nb/", crawl: *slow, allowed_hosts: *hosts}
  - name: b
    agency: B
    column: https://www.a.gov.cn/b/
    crawl: *slow
    allowed_hosts: *hosts
`)
	for _, p := range cfg.Portals {
		if p.Crawl.Delay != 10*time.Second || p.Crawl.Parallelism != 1 {
			t.Errorf("%s: delay %s, parallelism %d; want the anchored 10s, 1", p.Name, p.Crawl.Delay, p.Crawl.Parallelism)
		}
		if !slices.Equal(p.AllowedHosts, []string{"a.gov.cn", "*.a.gov.cn"}) {
			t.Errorf("%s: AllowedHosts = %q, want the anchored list", p.Name, p.AllowedHosts)
		}
	}
}

func TestAliasBombIsAProblemNotAHang(t *testing.T) {
	// 1000 aliases to a list of 30 000 hosts: 30 million values once
	// expanded, from a file of a few hundred kilobytes.
	var b strings.Builder
	b.WriteString("x-hosts: &h [")
	for i := range 30_000 {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("a.gov.cn")
	}
	b.WriteString("]\nportals:\n")
	for i := range 1000 {
		fmt.Fprintf(&b, "  - {name: p%d, agency: A, column: \"https://a.gov.cn/%d/\", allowed_hosts: *h}\n", i, i)
	}
	got := problems(t, b.String())
	if len(got) == 0 || !strings.Contains(got[len(got)-1]+got[0], "expands to more than") {
		t.Errorf("problems %q, want the expansion limit named", got)
	}
}

func TestProblemString(t *testing.T) {
	tests := []struct {
		p    Problem
		want string
	}{
		{Problem{File: "c.yaml", Line: 7, Field: "portals[3].schedule", Message: "bad"}, "c.yaml:7: portals[3].schedule: bad"},
		{Problem{File: "c.yaml", Line: 2, Message: "invalid YAML: x"}, "c.yaml:2: invalid YAML: x"},
		{Problem{File: "c.yaml", Message: "the file is empty"}, "c.yaml: the file is empty"},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
	err := &ValidationError{File: "c.yaml", Problems: []Problem{tests[0].p, tests[1].p}}
	if got, want := err.Error(), "config: 2 problems in c.yaml\n"+tests[0].want+"\n"+tests[1].want; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := Load("testdata/does-not-exist.yaml")
	if err == nil || errors.Is(err, ErrInvalid) || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Load(missing) error = %v, want one wrapping os.ErrNotExist and not ErrInvalid", err)
	}
}

func TestUITimezone(t *testing.T) {
	cfg := MustParse(t, "http: {timezone: UTC}\n"+minimal)
	if cfg.HTTP.Timezone != "UTC" || cfg.HTTP.Listen != DefaultListen {
		t.Errorf("http.timezone UTC: got zone %q, listen %q", cfg.HTTP.Timezone, cfg.HTTP.Listen)
	}
	_, err := Parse("test.yaml", []byte("http: {timezone: Beijing}\n"+minimal))
	if err == nil || !strings.Contains(err.Error(), `test.yaml:1: http.timezone: unknown time zone "Beijing"`) {
		t.Errorf("http.timezone Beijing: error %v, want it named at test.yaml:1", err)
	}
}
