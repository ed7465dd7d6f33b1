package store

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// govPage builds a government-style HTML page of about size bytes: page
// chrome, a report text and statistics tables. Pages with different seeds
// differ in their numbers, as yearly reports of one template do.
func govPage(seed uint64, size int) []byte {
	rng := rand.New(rand.NewPCG(seed, 3))
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>政府信息公开工作年度报告</title>` +
		`<link rel="stylesheet" href="/css/common.css"><script src="/js/jquery.min.js"></script></head><body>` +
		`<div class="header"><div class="logo"><a href="/">某某市人民政府</a></div><ul class="nav">`)
	for _, n := range []string{"首页", "政务公开", "政务服务", "互动交流", "走进某市", "专题专栏"} {
		fmt.Fprintf(&b, `<li><a href="/%s/index.html" target="_blank">%s</a></li>`, n, n)
	}
	fmt.Fprintf(&b, `</ul></div><div class="main"><h1>某某县%d年政府信息公开工作年度报告</h1>`+
		`<div class="info">发布时间：%d-0%d-1%d 来源：县政府办公室 字体：[大 中 小]</div><div class="TRS_Editor">`,
		2010+rng.IntN(15), 2011+rng.IntN(15), 1+rng.IntN(9), rng.IntN(10))
	paras := []string{"本报告根据《中华人民共和国政府信息公开条例》要求编制。", "全文包括总体情况、主动公开政府信息情况、",
		"收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、", "存在的主要问题及改进情况、其他需要报告的事项。"}
	for b.Len() < size*2/5 {
		fmt.Fprintf(&b, `<p style="text-indent:2em;font-family:仿宋_GB2312;">%s本年度共主动公开政府信息%d条。</p>`,
			paras[rng.IntN(len(paras))], rng.IntN(5000))
	}
	b.WriteString(`<table border="1" cellspacing="0" style="border-collapse:collapse;width:100%">`)
	for b.Len() < size-400 {
		fmt.Fprintf(&b, `<tr><td style="border:1px solid windowtext;padding:5px">第二十条第（%d）项</td>`+
			`<td class="MsoNormal">%d</td><td class="MsoNormal">%d</td><td class="MsoNormal">%d</td></tr>`,
			rng.IntN(9)+1, rng.IntN(1000), rng.IntN(100), rng.IntN(100000))
	}
	b.WriteString(`</table></div></div><div class="footer">主办：某某县人民政府办公室 ICP备12345678号 ` +
		`网站标识码：1234567890 <a href="/sitemap.html">网站地图</a></div></body></html>`)
	return []byte(b.String())
}

// uniquePage is base with n stamped into it at several places, so that
// every n gives a distinct body that compresses like base.
func uniquePage(base []byte, n int) []byte {
	page := bytes.Clone(base)
	stamp := []byte(fmt.Sprintf("%012d", n))
	for off := 1000; off+len(stamp) < len(page); off += 2500 {
		copy(page[off:], stamp)
	}
	return page
}

// BenchmarkIngest records 20 KB pages in batches of 256 with fsync on each
// commit (NOSYNC=1 in the environment turns fsync off), at 0, 50 and 100 %
// duplicate content (a duplicate is a body some URL already has), from one
// caller and from 4 and 16 concurrent callers (whose batches the writer
// groups; the daemon has a crawler worker per host slot recording at once).
func BenchmarkIngest(b *testing.B) {
	const batch = 256
	base := govPage(1, 20<<10)
	for _, dup := range []int{0, 50, 100} {
		for _, callers := range []int{1, 4, 16} {
			b.Run(fmt.Sprintf("dup=%d%%/callers=%d", dup, callers), func(b *testing.B) {
				s, err := Open(filepath.Join(b.TempDir(), "a.db"), Options{NoSync: os.Getenv("NOSYNC") != ""})
				if err != nil {
					b.Fatal(err)
				}
				defer s.Close()
				ctx := context.Background()
				pool := make([][]byte, 16)
				for i := range pool {
					pool[i] = uniquePage(base, -1-i)
					if _, err := s.Record(ctx, Fetch{URL: fmt.Sprintf("http://seed.test/%d", i), Status: 200, Body: pool[i]}); err != nil {
						b.Fatal(err)
					}
				}
				b.SetBytes(int64(len(base)))
				cpu0, _ := processCPU()
				b.ResetTimer()
				var next atomic.Int64
				var wg sync.WaitGroup
				for range callers {
					wg.Go(func() {
						for {
							done := int(next.Add(batch)) - batch
							if done >= b.N {
								return
							}
							fs := make([]Fetch, min(batch, b.N-done))
							for i := range fs {
								n := done + i
								fs[i] = Fetch{URL: fmt.Sprintf("http://bench.test/%d", n%10000), Status: 200, FetchedAt: t0.Add(time.Duration(n))}
								if n%100 < dup {
									fs[i].Body = pool[n%len(pool)]
								} else {
									fs[i].Body = uniquePage(base, n)
								}
							}
							if _, err := s.RecordBatch(ctx, fs); err != nil {
								b.Error(err)
								return
							}
						}
					})
				}
				wg.Wait()
				b.StopTimer()
				b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "versions/s")
				if cpu1, ok := processCPU(); ok {
					b.ReportMetric(float64((cpu1-cpu0).Microseconds())/float64(b.N), "cpu-µs/version")
				}
				if st, err := s.Stats(ctx); err == nil && st.RawBytes > 0 {
					b.ReportMetric(float64(st.FileSize)/float64(st.RawBytes), "file/raw")
				}
			})
		}
	}
}

// BenchmarkStorageRealHTML stores the real government pages of the shared
// corpus and reports bytes on disk per raw byte: compressed blobs alone
// (stored/raw) and the whole bbolt file (file/raw).
func BenchmarkStorageRealHTML(b *testing.B) {
	paths, _ := filepath.Glob("../../shared/corpus/real/*.html")
	if len(paths) == 0 {
		b.Skip("shared corpus absent")
	}
	var bodies [][]byte
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		bodies = append(bodies, data)
	}
	ctx := context.Background()
	for range b.N {
		s, err := Open(filepath.Join(b.TempDir(), "a.db"), Options{NoSync: true})
		if err != nil {
			b.Fatal(err)
		}
		for i, body := range bodies {
			if _, err := s.Record(ctx, Fetch{URL: fmt.Sprintf("http://real.test/%d", i), Status: 200, Body: body}); err != nil {
				b.Fatal(err)
			}
		}
		st, err := s.Stats(ctx)
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
		b.ReportMetric(float64(st.StoredBytes)/float64(st.RawBytes), "stored/raw")
		b.ReportMetric(float64(st.FileSize)/float64(st.RawBytes), "file/raw")
		b.ReportMetric(float64(st.RawBytes), "raw-bytes")
	}
}

// percentiles reports p50 and p99 of the per-operation latencies.
func percentiles(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Nanoseconds())/1e3, "p50-µs")
	b.ReportMetric(float64(lat[len(lat)*99/100].Nanoseconds())/1e3, "p99-µs")
}
