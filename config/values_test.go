package config

import (
	"strings"
	"testing"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
)

func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		err  string
	}{
		{in: "20MiB", want: 20 << 20},
		{in: "512KiB", want: 512 << 10},
		{in: "1GB", want: 1_000_000_000},
		{in: "1.5 MiB", want: 3 << 19},
		{in: "20mib", want: 20 << 20},
		{in: "4096", want: 4096},
		{in: "0", err: "size must be positive"},
		{in: "-1MiB", err: "is not a size"},
		{in: "20MX", err: `"20MX" is not a size`},
		{in: "", err: "is not a size"},
		{in: "99999999999999999999EiB", err: "size too large"},
	}
	for _, tt := range tests {
		got, err := ParseSize(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("ParseSize(%q) = %d, %v; want an error containing %q", tt.in, got, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
}

func TestFormatSizeRoundTrips(t *testing.T) {
	for _, n := range []int64{1, 1000, 1024, 512 << 10, 20 << 20, 1 << 30, 1<<30 + 1} {
		s := FormatSize(n)
		back, err := ParseSize(s)
		if err != nil || back != n {
			t.Errorf("ParseSize(FormatSize(%d) = %q) = %d, %v", n, s, back, err)
		}
	}
	if got := FormatSize(20 << 20); got != "20MiB" {
		t.Errorf("FormatSize(20 MiB) = %q, want 20MiB", got)
	}
}

func TestParseLinkPattern(t *testing.T) {
	page := `<html><body><ul class="list"><li><a href="/nb/t20240131_1.html">2023年报</a></li></ul>
<div class="nav"><a href="/about/">关于</a></div></body></html>`
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		in       string
		isRegexp bool
		matches  string // a URL the regexp must match, or the href the CSS must select
		err      string
	}{
		{in: "re:/t20\\d{6}_\\d+\\.html$", isRegexp: true, matches: "http://x.gov.cn/nb/t20240131_1.html"},
		{in: "/zfxxgknb/\\d{6}//", isRegexp: true, matches: "http://x.gov.cn/zfxxgknb/202401/t.html"},
		{in: "ul.list li > a", matches: "/nb/t20240131_1.html"},
		{in: "a[href*=t2024]", matches: "/nb/t20240131_1.html"},
		{in: "re:(", err: `regexp "(" does not compile (missing closing ))`},
		{in: "re:", err: "empty regexp"},
		{in: "ul > > a", err: "CSS selector"},
		{in: "  ", err: "empty pattern"},
	}
	for _, tt := range tests {
		lp, err := ParseLinkPattern(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("ParseLinkPattern(%q) error = %v, want one containing %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseLinkPattern(%q): %v", tt.in, err)
			continue
		}
		if tt.isRegexp {
			if lp.Regexp == nil || lp.Selector != nil || !lp.Regexp.MatchString(tt.matches) {
				t.Errorf("ParseLinkPattern(%q) = %+v, want a regexp matching %s", tt.in, lp, tt.matches)
			}
			continue
		}
		if lp.Regexp != nil || lp.CSS != strings.TrimSpace(tt.in) {
			t.Errorf("ParseLinkPattern(%q) = %+v, want a CSS selector", tt.in, lp)
			continue
		}
		var hrefs []string
		for _, n := range cascadia.QueryAll(doc, lp.Selector) {
			for _, a := range n.Attr {
				if a.Key == "href" {
					hrefs = append(hrefs, a.Val)
				}
			}
		}
		if len(hrefs) != 1 || hrefs[0] != tt.matches {
			t.Errorf("selector %q selects %q, want [%s]", tt.in, hrefs, tt.matches)
		}
	}
}

func TestAllowsHost(t *testing.T) {
	p := Portal{AllowedHosts: []string{"www.duodao.gov.cn", "*.jingmen.gov.cn", "127.0.0.1"}}
	tests := []struct {
		host string
		want bool
	}{
		{"www.duodao.gov.cn", true},
		{"WWW.Duodao.gov.cn", true},
		{"www.duodao.gov.cn:8080", true},
		{"duodao.gov.cn", false},
		{"xxgk.jingmen.gov.cn", true},
		{"a.b.jingmen.gov.cn", true},
		{"jingmen.gov.cn", false},
		{"evil-jingmen.gov.cn", false},
		{"127.0.0.1:43210", true},
		{"127.0.0.2", false},
	}
	for _, tt := range tests {
		if got := p.AllowsHost(tt.host); got != tt.want {
			t.Errorf("AllowsHost(%q) = %v, want %v", tt.host, got, tt.want)
		}
	}
	if p.AllowsURL("ftp://www.duodao.gov.cn/x") || !p.AllowsURL("https://www.duodao.gov.cn/x") {
		t.Error("AllowsURL: want only http(s) URLs on allowed hosts")
	}
}

func TestAllowedHostsAcceptsWildcardsAndIPs(t *testing.T) {
	cfg := MustParse(t, `portals:
  - name: local
    agency: 测试
    column: http://127.0.0.1:43210/col/
    allowed_hosts: [127.0.0.1, "*.Example.gov.cn", 人民政府.cn]
`)
	p := cfg.Portals[0]
	if !p.AllowsURL(p.Column) || !p.AllowsHost("xxgk.example.gov.cn") || !p.AllowsHost("人民政府.cn") {
		t.Errorf("AllowedHosts = %q: want the column, subdomains of example.gov.cn and the IDN host", p.AllowedHosts)
	}
}
