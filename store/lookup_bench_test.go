package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// Shape of the lookup fixture: 20 000 URLs fetched 50 times each (1 M
// versions), the page changing every fifth fetch; each URL is a report of
// one of 4 000 agencies (400 regions × 10 departments) for one of 5 years.
const (
	fixtureURLs    = 20000
	fixtureRounds  = 50
	fixtureRegions = 400
)

var fixtureDepts = []string{"人民政府", "发展和改革局", "教育局", "公安局", "财政局",
	"自然资源局", "生态环境局", "住房和城乡建设局", "交通运输局", "卫生健康委员会"}

func fixtureRegion(i int) string {
	r := []rune("宿迁沭阳泗洪掇刀平潭荆门恩格贝鄂尔多斯德清山西江苏福建湖北浙")
	return fmt.Sprintf("%c%c%03d县", r[i%len(r)], r[(i/len(r))%len(r)], i)
}

// fixtureAgency and fixtureYear give URL i's report: every agency has one
// report for each of the 5 years.
func fixtureAgency(i int) string {
	return fixtureRegion(i%fixtureRegions) + fixtureDepts[(i/fixtureRegions)%len(fixtureDepts)]
}

func fixtureYear(i int) int { return 2019 + (i/(fixtureRegions*len(fixtureDepts)))%5 }

func fixtureURL(i int) string {
	return fmt.Sprintf("http://www.gov%03d.test/zwgk/xxgknb/%d.html", i%997, i)
}

// buildLookupFixture writes the 1 M-version archive with batched ingest.
func buildLookupFixture(b *testing.B, path string, rounds int) {
	start := time.Now()
	s, err := Open(path, Options{NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	// URL-major batches: each transaction touches few index pages.
	const urlsPerBatch = 200
	for first := 0; first < fixtureURLs; first += urlsPerBatch {
		fs := make([]Fetch, 0, urlsPerBatch*rounds)
		for i := first; i < first+urlsPerBatch; i++ {
			for round := range rounds {
				fs = append(fs, Fetch{Portal: "bench", URL: fixtureURL(i), Status: 200,
					FetchedAt: t0.Add(time.Duration(round)*time.Hour + time.Duration(i)*time.Millisecond),
					Body:      fmt.Appendf(nil, "<html><body>report %d edition %d 本年度共主动公开政府信息</body></html>", i, round/5)})
			}
		}
		if _, err := s.RecordBatch(ctx, fs); err != nil {
			b.Fatal(err)
		}
	}
	for i := range fixtureURLs {
		if _, err := s.IndexReport(ctx, ReportEntry{Agency: fixtureAgency(i), Year: fixtureYear(i), URL: fixtureURL(i)}); err != nil {
			b.Fatal(err)
		}
	}
	st, _ := s.Stats(ctx)
	b.Logf("fixture: %d versions, %d blobs, %d MB file, built in %v", st.Versions, st.Blobs, st.FileSize>>20, time.Since(start))
}

// BenchmarkLookup1M measures lookups on an archive of 1 M versions built
// once per run (100 k with -short); p50/p99 are per-operation latencies.
func BenchmarkLookup1M(b *testing.B) {
	rounds := fixtureRounds
	if testing.Short() {
		rounds = 5
	}
	// NIANBAO_BENCH_FIXTURE names a fixture file to reuse across runs
	// (built there when absent); by default it is built in a temp dir.
	path := os.Getenv("NIANBAO_BENCH_FIXTURE")
	if path == "" {
		path = filepath.Join(b.TempDir(), "lookup.db")
	}
	if _, err := os.Stat(path); err != nil {
		buildLookupFixture(b, path, rounds)
	}
	s, err := Open(path, Options{Normalize: toSimplified})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(1, 2))
	run := func(name string, op func() error) {
		b.Run(name, func(b *testing.B) {
			lat := make([]time.Duration, 0, b.N)
			for range b.N {
				start := time.Now()
				if err := op(); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(start))
			}
			percentiles(b, lat)
		})
	}
	run("latest", func() error {
		_, err := s.Latest(ctx, fixtureURL(rng.IntN(fixtureURLs)))
		return err
	})
	run("at", func() error {
		_, err := s.At(ctx, fixtureURL(rng.IntN(fixtureURLs)), t0.Add(time.Hour+time.Duration(rng.IntN(rounds*60))*time.Minute))
		return err
	})
	run("version", func() error {
		_, err := s.Version(ctx, fmt.Sprint(1+rng.IntN(fixtureURLs*rounds)))
		return err
	})
	// Readers while the crawler writes: a goroutine records batches of
	// 1 000 fetches (new URLs, so the archive grows) the whole time.
	b.Run("latest/during-ingest", func(b *testing.B) {
		stop, done := make(chan struct{}), make(chan error, 1)
		go func() {
			for n := 0; ; n++ {
				select {
				case <-stop:
					done <- nil
					return
				default:
				}
				fs := make([]Fetch, 1000)
				for i := range fs {
					fs[i] = Fetch{URL: fmt.Sprintf("http://ingest.test/%d/%d", n, i), Status: 200, Body: fmt.Appendf(nil, "page %d/%d", n, i)}
				}
				if _, err := s.RecordBatch(ctx, fs); err != nil {
					done <- err
					return
				}
			}
		}()
		lat := make([]time.Duration, 0, b.N)
		for range b.N {
			start := time.Now()
			if _, err := s.Latest(ctx, fixtureURL(rng.IntN(fixtureURLs))); err != nil {
				b.Fatal(err)
			}
			lat = append(lat, time.Since(start))
		}
		close(stop)
		if err := <-done; err != nil {
			b.Fatal(err)
		}
		percentiles(b, lat)
	})
	// A region name matches its 10 agencies; the query is written in
	// Traditional script. "store-normaliser" relies on Options.Normalize
	// (cached per agency); "query-normaliser" passes it in the query.
	regionQuery := func(withNormalize bool) func() error {
		return func() error {
			q := ReportQuery{Agency: toTraditionalish(fixtureRegion(rng.IntN(fixtureRegions))), Year: 2019 + rng.IntN(5)}
			if withNormalize {
				q.Normalize = toSimplified
			}
			rs, _, err := s.Reports(ctx, q)
			if err == nil && len(rs) != len(fixtureDepts) {
				err = fmt.Errorf("Reports(%+v) found %d, want %d", q, len(rs), len(fixtureDepts))
			}
			return err
		}
	}
	run("agency+year/store-normaliser", regionQuery(false))
	run("agency+year/query-normaliser", regionQuery(true))
	run("agency+year/full-name", func() error {
		i := rng.IntN(fixtureURLs)
		rs, _, err := s.Reports(ctx, ReportQuery{Agency: fixtureAgency(i), Year: fixtureYear(i)})
		if err == nil && len(rs) != 1 {
			err = fmt.Errorf("Reports(%s, %d) found %d, want 1", fixtureAgency(i), fixtureYear(i), len(rs))
		}
		return err
	})
}

// toTraditionalish writes 迁 as 遷 so that queries exercise the normaliser.
func toTraditionalish(s string) string {
	r := []rune(s)
	for i, c := range r {
		if c == '迁' {
			r[i] = '遷'
		}
	}
	return string(r)
}
