package config

import (
	"fmt"
	"strings"
	"testing"
)

// generated returns a config of n portals shaped like real ones: each with
// a region, a level, a schedule, a crawl override, and every third with
// allowed hosts and a report_link.
func generated(n int) []byte {
	var b strings.Builder
	b.WriteString("timezone: Asia/Shanghai\ncrawl:\n  delay: 1s\n  max_body: 20MiB\nportals:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - name: portal-%05d\n    agency: 某某县人民政府%d\n    region: 某某省某某市某某县\n    level: county\n", i, i)
		fmt.Fprintf(&b, "    column: http://www.p%05d.gov.cn/zwgk/zfxxgk/zfxxgknb/\n    schedule: \"%d %d * * *\"\n", i, i%60, 1+i%5)
		if i%3 == 0 {
			fmt.Fprintf(&b, "    allowed_hosts: [www.p%05d.gov.cn, \"*.p%05d.gov.cn\"]\n    report_link: 're:/t20\\d{6}_\\d+\\.html$'\n", i, i)
		}
		b.WriteString("    crawl:\n      delay: 2s\n      parallelism: 1\n")
	}
	return []byte(b.String())
}

// TestGeneratedConfigIsValid keeps the benchmark's input valid; 1000
// portals are enough for that and cheap under -race.
func TestGeneratedConfigIsValid(t *testing.T) {
	cfg, err := Parse("generated.yaml", generated(1000))
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Portals) != 1000 {
		t.Fatalf("%d portals, want 1000", len(cfg.Portals))
	}
	if p := cfg.Portals[999]; p.Name != "portal-00999" || p.Crawl.Delay.String() != "2s" || p.Line == 0 {
		t.Errorf("last portal %+v, want portal-00999 with its crawl override and a line", p)
	}
}

// BenchmarkParsePortals measures Parse (YAML, validation, defaults,
// cross-checks) on generated configs of 10 000 portals (about 2.4 MB) and
// of 100 000 (about 24 MB, the scale of every publishing agency in the
// country), read in chunks as Parse does and, for comparison, as one tree.
// Peak memory is the process's: run one sub-benchmark under
// /usr/bin/time -v to see it.
func BenchmarkParsePortals(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		for _, c := range []struct {
			name     string
			chunking chunking
		}{{"chunked", defaultChunking}, {"one-tree", chunking{}}} {
			b.Run(fmt.Sprintf("%d/%s", n, c.name), func(b *testing.B) {
				data := generated(n)
				b.SetBytes(int64(len(data)))
				b.ReportAllocs()
				for b.Loop() {
					if _, err := parse("generated.yaml", data, c.chunking); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkParseDefault measures parsing the embedded default list.
func BenchmarkParseDefault(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Default(); err != nil {
			b.Fatal(err)
		}
	}
}
