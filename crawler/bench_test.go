package crawler

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/config"
	"github.com/nianbao/nianbao/crawler/portalsim"
)

// BenchmarkReportLinks parses a list page of 400 anchors (200 reports, 200
// notices) and finds its report links and pagination, with the daemon's
// Traditional→Simplified conversion; ns/anchor includes the parse.
func BenchmarkReportLinks(b *testing.B) {
	var sb strings.Builder
	for i := range 200 {
		fmt.Fprintf(&sb, `<li><a href="./2024%02d/t2024_%d.html" title="某机关%d年政府信息公开工作年度报告">某机关...</a><span>2024-01-01</span></li>`, i%12+1, i, 2008+i%17)
		fmt.Fprintf(&sb, `<li><a href="/zwgk/%d.html">关于印发某某办法的通知</a></li>`, i)
	}
	html := "<html><body><ul>" + sb.String() + "</ul><script>createPageHTML(20, 0, \"index\", \"html\");</script></body></html>"
	page := mustURL(b, "http://www.example.gov.cn/zfxxgknb/index.html")
	hosts := newHostSet(nil, page)
	words := mustWording(b)
	b.SetBytes(int64(len(html)))
	b.ReportAllocs()
	cpu0, _, cpuOK := portalsim.CPUTime()
	for b.Loop() {
		doc := mustDoc(b, html)
		if links, _ := reportLinks(doc, page, hosts, nil, words); len(links) != 200 {
			n := len(links)
			b.Fatalf("%d links", n)
		}
		paginate(PaginationAuto, page, html, doc, hosts, words, 100)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/400, "ns/anchor") // 400 anchors, parsing included
	reportCPU(b, cpu0, cpuOK, 400, "cpu-ns/anchor")
}

func BenchmarkDecodeGBK(b *testing.B) {
	body := gbk(b, "<html><head><meta charset=gb2312></head><body>"+strings.Repeat("政府信息公开工作年度报告，主动公开政府信息。", 2000)+"</body></html>")
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		decodeHTML(body, "text/html", "")
	}
}

// BenchmarkRunOneHost crawls one simulated TRS host (20 reports with
// attachments) with delays off, into the in-memory archive; pages/s is the
// number of fetches per second of wall time.
func BenchmarkRunOneHost(b *testing.B) {
	farm := portalsim.NewTestFarm(b, portalsim.Site{Family: portalsim.TRS, Reports: 20})
	h := farm.Hosts()[0]
	p := config.Portal{Name: "bench", Agency: h.Site.Agency, Column: h.ColumnURL(), Pagination: "auto",
		Crawl: config.Crawl{UserAgent: "nianbao-bench", Parallelism: 4, Timeout: 10 * time.Second,
			MaxBody: 8 << 20, Robots: true, MaxPages: 1000, Attachments: true}}
	cr := New(newMemArchive(), nil, Options{})
	defer cr.Close()
	pages := 0
	start := time.Now()
	for b.Loop() {
		cr.archive = newMemArchive() // every run fetches every page in full
		run, err := cr.Run(context.Background(), p)
		if err != nil {
			b.Fatal(err)
		}
		for _, n := range run.Counts {
			pages += n
		}
	}
	b.ReportMetric(float64(pages)/time.Since(start).Seconds(), "pages/s")
}

// BenchmarkReportWording measures the recogniser alone on one anchor text
// (normalisation, Traditional→Simplified, word and year tests): a report
// title, its Traditional form, a non-report news title, and a text with
// no year (refused before any conversion).
func BenchmarkReportWording(b *testing.B) {
	words := mustWording(b)
	for _, tc := range []struct{ name, text string }{
		{"report", "青川市人民政府办公室2023年政府信息公开工作年度报告"},
		{"traditional", "青川市人民政府辦公室2023年政府信息公開工作年度報告"},
		{"news", "关于印发青川市2024年政务公开工作要点的通知"},
		{"no-year", "政府信息公开年报"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			cpu0, _, cpuOK := portalsim.CPUTime()
			for b.Loop() {
				words.reportYear(tc.text)
			}
			reportCPU(b, cpu0, cpuOK, 1, "cpu-ns/anchor")
		})
	}
}

// reportCPU reports the process CPU time since cpu0 per op and per unit:
// on a shared machine wall time depends on what else runs, CPU time much
// less.
func reportCPU(b *testing.B, cpu0 time.Duration, ok bool, perOp int, unit string) {
	cpu1, _, ok1 := portalsim.CPUTime()
	if ok && ok1 && b.N > 0 {
		b.ReportMetric(float64((cpu1-cpu0).Nanoseconds())/float64(b.N)/float64(perOp), unit)
	}
}
