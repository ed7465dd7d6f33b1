package main

import (
	"bytes"
	"context"
	"flag"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/config"
	"github.com/nianbao/nianbao/crawler"
	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/store"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

// t0 is the clock of the seeded archive.
var t0 = time.Date(2022, 2, 1, 3, 0, 0, 0, time.UTC)

// seeded describes the archive built by mustSeed.
type seeded struct {
	db       string
	reportID string
	url      string
	versions []store.Version // new, unchanged, edited (new), failed
}

const seedURL = "http://127.0.0.1:1/zfxxgknb/202201/t20220128_1.html"

// mustSeed builds an archive in a temp dir holding one report page fetched
// four times: new, unchanged, edited, failed. It classifies the page with
// the real extractor, as the crawler would, and indexes it. The store is
// closed again so commands can open it.
func mustSeed(tb testing.TB) seeded {
	tb.Helper()
	ctx := context.Background()
	db := filepath.Join(tb.TempDir(), "archive.db")
	s, err := store.Open(db, store.Options{Now: func() time.Time { return t0 }})
	if err != nil {
		tb.Fatal(err)
	}
	defer s.Close()
	x := mustExtractor(tb)
	cls := classifier{ex: &extractions{store: s, x: x}, log: discard()}
	portal := config.Portal{Name: "suqian", Agency: "宿迁市人民政府", Region: "江苏省宿迁市"}
	body := mustRead(tb, "testdata/report2021.html")
	edited := bytes.Replace(body, []byte("全年主动公开政府信息2294条"), []byte("全年主动公开政府信息2295条"), 1)
	hdr := http.Header{"Content-Type": {"text/html; charset=utf-8"}}
	fetches := []store.Fetch{
		{Portal: "suqian", URL: seedURL, FinalURL: seedURL, FetchedAt: t0, Status: 200, Header: hdr, Body: body},
		{Portal: "suqian", URL: seedURL, FinalURL: seedURL, FetchedAt: t0.Add(24 * time.Hour), Status: 200, Header: hdr, Body: body},
		{Portal: "suqian", URL: seedURL, FinalURL: seedURL, FetchedAt: t0.Add(48 * time.Hour), Status: 200, Header: hdr, Body: edited},
		{Portal: "suqian", URL: seedURL, FetchedAt: t0.Add(72 * time.Hour), Reason: "timeout"},
	}
	out := seeded{db: db, url: seedURL}
	for _, f := range fetches {
		v, err := s.Record(ctx, f)
		if err != nil {
			tb.Fatal(err)
		}
		out.versions = append(out.versions, v)
		if v.Outcome != store.OutcomeNew {
			continue
		}
		entry, ok, err := cls.Classify(ctx, crawler.Page{Portal: portal, Version: v, Body: f.Body})
		if err != nil || !ok {
			tb.Fatalf("Classify(%s) = %v, %v; want a report", f.URL, ok, err)
		}
		r, err := s.IndexReport(ctx, entry)
		if err != nil {
			tb.Fatal(err)
		}
		out.reportID = r.ID
	}
	return out
}

func mustExtractor(tb testing.TB) *extract.Extractor {
	tb.Helper()
	x, err := extract.New()
	if err != nil {
		tb.Fatal(err)
	}
	return x
}

func mustRead(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// runCLI runs one command line with a clean environment and returns its
// exit status and output.
func runCLI(tb testing.TB, env map[string]string, args ...string) (code int, stdout, stderr string) {
	tb.Helper()
	var out, errb bytes.Buffer
	c := &cli{
		stdout: &out, stderr: &errb,
		getenv:      func(k string) string { return env[k] },
		now:         func() time.Time { return t0 },
		exit:        func(code int) { tb.Errorf("forced exit %d", code) },
		lockTimeout: 200 * time.Millisecond,
	}
	code = c.run(context.Background(), args)
	return code, out.String(), errb.String()
}

// golden compares got with testdata/NAME, rewriting it under -update.
func golden(tb testing.TB, name, got string) {
	tb.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			tb.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		tb.Errorf("output differs from %s (run with -update and review the diff):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

func contains(tb testing.TB, what, got string, wants ...string) {
	tb.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			tb.Errorf("%s = %q, want it to contain %q", what, got, w)
		}
	}
}

func discard() *slog.Logger { return slog.New(slog.DiscardHandler) }
