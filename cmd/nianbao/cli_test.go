package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	gowarc "github.com/nlnwa/gowarc/v3"
	bolt "go.etcd.io/bbolt"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/store"
	"golang.org/x/text/encoding/simplifiedchinese"
)

func TestCLIReports(t *testing.T) {
	sd := mustSeed(t)
	tests := []struct {
		name   string
		args   []string
		code   int
		golden string   // compared whole when set
		want   []string // substrings of stdout
		errs   []string // substrings of stderr
	}{
		{name: "table", args: []string{"reports"}, golden: "reports.table.golden"},
		{name: "csv", args: []string{"reports", "--format", "csv"}, golden: "reports.csv.golden"},
		{name: "json", args: []string{"reports", "--format=json", "--year", "2021"}, golden: "reports.json.golden"},
		{name: "traditional agency", args: []string{"reports", "--agency", "宿遷市"}, want: []string{sd.reportID}},
		{name: "no match", args: []string{"reports", "--agency", "北京", "--format", "json"}, want: []string{"[]"}},
		{name: "bad year", args: []string{"reports", "--year", "20x1"}, code: 2, errs: []string{`--year "20x1"`}},
		{name: "bad format", args: []string{"reports", "--format", "xml"}, code: 2, errs: []string{"want table, json or csv"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runCLI(t, nil, append(tt.args, "--db", sd.db)...)
			if code != tt.code {
				t.Fatalf("exit = %d, want %d; stderr %s", code, tt.code, errs)
			}
			if tt.golden != "" {
				golden(t, tt.golden, out)
			}
			contains(t, "stdout", out, tt.want...)
			contains(t, "stderr", errs, tt.errs...)
		})
	}
}

func TestCLIReportsJSONFields(t *testing.T) {
	sd := mustSeed(t)
	_, out, _ := runCLI(t, nil, "reports", "--db", sd.db, "--format", "json")
	var got []map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("reports --format json: %v\n%s", err, out)
	}
	if len(got) != 1 {
		t.Fatalf("%d reports, want 1", len(got))
	}
	for _, k := range []string{"id", "agency", "region", "year", "title", "url", "published", "template", "first_seen", "last_seen", "versions"} {
		if _, ok := got[0][k]; !ok {
			t.Errorf("report object lacks %q: %v", k, got[0])
		}
	}
}

func TestCLIHistory(t *testing.T) {
	sd := mustSeed(t)
	code, out, errs := runCLI(t, nil, "history", sd.url, "--db", sd.db)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	golden(t, "history.table.golden", out)

	_, out, _ = runCLI(t, nil, "history", "--db", sd.db, "--format", "json", sd.url)
	var vs []versionEntry
	if err := json.Unmarshal([]byte(out), &vs); err != nil {
		t.Fatal(err)
	}
	outcomes := []string{}
	for _, v := range vs {
		outcomes = append(outcomes, v.Outcome)
	}
	if got, want := strings.Join(outcomes, ","), "new,unchanged,new,failed"; got != want {
		t.Errorf("outcomes = %s, want %s", got, want)
	}
	if vs[3].Reason != "timeout" {
		t.Errorf("failed fetch reason = %q, want timeout", vs[3].Reason)
	}

	code, _, errs = runCLI(t, nil, "history", "--db", sd.db, "http://127.0.0.1:1/unknown")
	if code != 1 || !strings.Contains(errs, "no archived versions") {
		t.Errorf("unknown URL: exit %d, stderr %q; want 1 and 'no archived versions'", code, errs)
	}
}

func TestCLIShow(t *testing.T) {
	sd := mustSeed(t)
	first := sd.versions[0].ID
	t.Run("json latest", func(t *testing.T) {
		code, out, errs := runCLI(t, nil, "show", sd.reportID, "--db", sd.db)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		var r map[string]any
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatal(err)
		}
		src, _ := r["source"].(map[string]any)
		if r["id"] != sd.reportID || src["version"] != sd.versions[2].ID || r["year"] != 2021.0 {
			t.Errorf("show: id %v, source.version %v, year %v; want %s, %s, 2021", r["id"], src["version"], r["year"], sd.reportID, sd.versions[2].ID)
		}
	})
	t.Run("older version", func(t *testing.T) {
		_, out, _ := runCLI(t, nil, "show", "--json", "--version", first, sd.reportID, "--db", sd.db)
		contains(t, "show --version", out, `"version": "`+first+`"`)
	})
	t.Run("unchanged refetch shares its content version's extraction", func(t *testing.T) {
		unchanged := sd.versions[1].ID
		_, out, _ := runCLI(t, nil, "show", sd.reportID, "--version", unchanged, "--db", sd.db)
		contains(t, "show --version "+unchanged, out, `"version": "`+unchanged+`"`, `"sha256": "`+sd.versions[0].SHA256+`"`)
		s, err := store.Open(sd.db, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if _, err := s.Extraction(context.Background(), unchanged, extract.Version); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("extraction cached under the unchanged version %s too (err %v)", unchanged, err)
		}
	})
	t.Run("clean text", func(t *testing.T) {
		_, out, _ := runCLI(t, nil, "show", sd.reportID, "--clean", "--db", sd.db)
		contains(t, "show --clean", out, "一、总体情况", "2295条")
		if strings.Contains(out, "<td>") {
			t.Errorf("clean text holds markup: %s", out)
		}
	})
	t.Run("raw bytes of the first version", func(t *testing.T) {
		_, out, _ := runCLI(t, nil, "show", sd.reportID, "--raw", "--version", first, "--db", sd.db)
		if out != string(mustRead(t, "testdata/report2021.html")) {
			t.Errorf("show --raw is not the fetched bytes")
		}
	})
	t.Run("unknown id", func(t *testing.T) {
		code, _, errs := runCLI(t, nil, "show", "nope", "--db", sd.db)
		if code != 1 || !strings.Contains(errs, "not found") {
			t.Errorf("exit %d, stderr %q; want 1 and not found", code, errs)
		}
	})
	t.Run("conflicting flags", func(t *testing.T) {
		code, _, _ := runCLI(t, nil, "show", sd.reportID, "--raw", "--clean", "--db", sd.db)
		if code != 2 {
			t.Errorf("exit %d, want 2", code)
		}
	})
}

func TestCLIExport(t *testing.T) {
	sd := mustSeed(t)
	dir := t.TempDir()
	jsonl, csvPath := filepath.Join(dir, "r.jsonl"), filepath.Join(dir, "r.csv")
	if code, _, errs := runCLI(t, nil, "export", "--jsonl", jsonl, "--db", sd.db); code != 0 {
		t.Fatalf("export --jsonl: exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(string(mustRead(t, jsonl))), "\n")
	if len(lines) != 1 || !json.Valid([]byte(lines[0])) || !strings.Contains(lines[0], sd.reportID) {
		t.Errorf("jsonl = %q, want one JSON line for %s", lines, sd.reportID)
	}
	if code, _, errs := runCLI(t, nil, "export", "--csv", csvPath, "--db", sd.db); code != 0 {
		t.Fatalf("export --csv: exit %d: %s", code, errs)
	}
	recs, err := csv.NewReader(strings.NewReader(string(mustRead(t, csvPath)))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 {
		t.Fatalf("csv has %d records, want header + 1", len(recs))
	}
	row := map[string]string{}
	for i, h := range recs[0] {
		row[h] = recs[1][i]
	}
	for k, want := range map[string]string{"id": sd.reportID, "year": "2021", "requests_new_total": "10", "requests_carried_out_total": "1", "reviews_review_total": "1"} {
		if row[k] != want {
			t.Errorf("csv %s = %q, want %q", k, row[k], want)
		}
	}
	for _, args := range [][]string{{}, {"--warc", "-", "--csv", "-"}} {
		if code, _, _ := runCLI(t, nil, append([]string{"export", "--db", sd.db}, args...)...); code != 2 {
			t.Errorf("export %q: exit %d, want 2 (exactly one target)", args, code)
		}
	}
}

func TestCLIExportWARC(t *testing.T) {
	sd := mustSeed(t)
	file := filepath.Join(t.TempDir(), "archive.warc.gz")
	tests := []struct {
		name   string
		target string
		read   func(stdout string) []byte
	}{
		{"file", file, func(string) []byte { return mustRead(t, file) }},
		{"stdout", "-", func(stdout string) []byte { return []byte(stdout) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runCLI(t, nil, "export", "--warc", tt.target, "--db", sd.db)
			if code != 0 {
				t.Fatalf("export --warc %s: exit %d: %s", tt.target, code, errs)
			}
			data := tt.read(out)
			summary := fmt.Sprintf("nianbao export: 5 WARC records (1 warcinfo, 2 response, 1 revisit, 1 metadata), %d payload bytes, %d bytes written\n",
				sd.versions[0].Size+sd.versions[2].Size, len(data))
			if errs != summary {
				t.Errorf("stderr = %q, want %q", errs, summary)
			}
			r, err := gowarc.NewWarcFileReaderFromStream(bytes.NewReader(data), 0, gowarc.WithStrictValidation())
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			var types []string
			for rec, err := range r.Records() {
				if err != nil {
					t.Fatalf("record %d: %v", len(types), err)
				}
				wr := rec.WarcRecord
				types = append(types, wr.Type().String())
				if len(types) == 2 { // the first fetch, byte for byte
					p, err := wr.Block().(gowarc.PayloadBlock).PayloadBytes()
					if err != nil {
						t.Fatal(err)
					}
					if body, _ := io.ReadAll(p); !bytes.Equal(body, mustRead(t, "testdata/report2021.html")) {
						t.Error("first response's payload is not the fetched bytes")
					}
					if u := wr.WarcHeader().Get(gowarc.WarcTargetURI); u != sd.url {
						t.Errorf("WARC-Target-URI %q, want %q", u, sd.url)
					}
				}
				rec.Close()
			}
			if got, want := strings.Join(types, " "), "warcinfo response revisit response metadata"; got != want {
				t.Errorf("records %s, want %s", got, want)
			}
		})
	}
}

func TestCLIExtract(t *testing.T) {
	dir := t.TempDir()
	utf8 := mustRead(t, "testdata/report2021.html")
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(strings.Replace(string(utf8), `charset="utf-8"`, `charset="gbk"`, 1)))
	if err != nil {
		t.Fatal(err)
	}
	gbkPath := filepath.Join(dir, "gbk.html")
	if err := os.WriteFile(gbkPath, gbk, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, file := range []string{"testdata/report2021.html", gbkPath} {
		t.Run(filepath.Base(file), func(t *testing.T) {
			code, out, errs := runCLI(t, nil, "extract", file)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			var r map[string]any
			if err := json.Unmarshal([]byte(out), &r); err != nil {
				t.Fatal(err)
			}
			if r["is_report"] != true || r["year"] != 2021.0 || r["agency"] != "宿迁市人民政府" {
				t.Errorf("extract %s: is_report %v, year %v, agency %v", file, r["is_report"], r["year"], r["agency"])
			}
			if _, ok := r["source"]; ok {
				t.Errorf("a local file has no source: %v", r["source"])
			}
		})
	}
	code, out, _ := runCLI(t, nil, "extract", "--format", "text", "testdata/report2021.html", gbkPath)
	if code != 0 || strings.Count(out, "==> ") != 2 || strings.Count(out, "一、总体情况") != 2 {
		t.Errorf("extract --format text of two files: exit %d, output %q", code, out)
	}
	if code, out, _ := runCLI(t, nil, "extract", "-c", "/nonexistent.yaml", "--db", "/nonexistent.db", "testdata/report2021.html"); code != 0 || !strings.Contains(out, `"is_report": true`) {
		t.Errorf("extract with -c and --db: exit %d; it reads neither", code)
	}
	if code, _, _ := runCLI(t, nil, "extract"); code != 2 {
		t.Errorf("extract without files: exit %d, want 2", code)
	}
	if code, _, _ := runCLI(t, nil, "extract", filepath.Join(dir, "missing.html")); code != 1 {
		t.Errorf("extract of a missing file: exit %d, want 1", code)
	}
}

func TestCLIConfigCheck(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.yaml")
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(good, []byte("portals:\n  - name: suqian\n    agency: 宿迁市人民政府\n    column: http://127.0.0.1:1/zfxxgknb/\n"), 0o644)
	os.WriteFile(bad, []byte("crawl:\n  parallelism: 2\nportals:\n  - name: suqian\n    agency: 宿迁市人民政府\n    column: http://127.0.0.1:1/zfxxgknb/\n    schedule: \"every now and then\"\n"), 0o644)

	code, out, errs := runCLI(t, nil, "config", "check", "-c", good)
	if code != 0 || !strings.Contains(out, "ok") || !strings.Contains(out, "1 portals") {
		t.Errorf("good config: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	code, _, errs = runCLI(t, nil, "config", "check", "--config", bad)
	if code != 1 || !strings.Contains(errs, bad+":7: ") || !strings.Contains(errs, "schedule") {
		t.Errorf("bad config: exit %d, stderr %q; want 1 and %s:7: …schedule…", code, errs, bad)
	}
	code, out, _ = runCLI(t, map[string]string{"NIANBAO_DB": "/env/archive.db"}, "config", "check")
	if code != 0 || !strings.Contains(out, "/env/archive.db") {
		t.Errorf("embedded config with NIANBAO_DB: exit %d, stdout %q", code, out)
	}
	_, out, _ = runCLI(t, map[string]string{"NIANBAO_DB": "/env/archive.db"}, "config", "check", "--db", "/flag/archive.db")
	if !strings.Contains(out, "/flag/archive.db") {
		t.Errorf("--db does not beat NIANBAO_DB: %q", out)
	}
	if code, _, _ := runCLI(t, nil, "config"); code != 2 {
		t.Errorf("config without subcommand: exit %d, want 2", code)
	}
}

func TestCLIUsage(t *testing.T) {
	if code, out, _ := runCLI(t, nil); code != 0 || !strings.Contains(out, "usage: nianbao") {
		t.Errorf("no args: exit %d, %q", code, out)
	}
	if code, _, errs := runCLI(t, nil, "frobnicate"); code != 2 || !strings.Contains(errs, "unknown command") {
		t.Errorf("unknown command: exit %d, %q", code, errs)
	}
	if code, _, _ := runCLI(t, nil, "reports", "--no-such-flag"); code != 2 {
		t.Errorf("unknown flag: exit %d, want 2", code)
	}
}

// TestCLILockedArchive: with the archive held by another process and no
// daemon answering, a read command says the archive is in use.
func TestCLILockedArchive(t *testing.T) {
	sd := mustSeed(t)
	s, err := store.Open(sd.db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	env := map[string]string{"NIANBAO_LISTEN": "127.0.0.1:1"}
	code, _, errs := runCLI(t, env, "reports", "--db", sd.db)
	if code != 1 || !strings.Contains(errs, "in use") {
		t.Errorf("reports on a locked archive: exit %d, %q; want 1 and 'in use'", code, errs)
	}
}

// A damaged body does not lose the rest of the archive: its versions are
// skipped with a warning, the file is written, and the command fails.
func TestCLIExportWARCDamagedBody(t *testing.T) {
	sd := mustSeed(t)
	db, err := bolt.Open(sd.db, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	key, _ := hex.DecodeString(sd.versions[0].SHA256)
	err = db.Update(func(tx *bolt.Tx) error { // store/schema.go, schema 2: bodyidx → bodies
		return tx.Bucket([]byte("bodies")).Put(tx.Bucket([]byte("bodyidx")).Get(key), []byte{0, 3, 'b', 'a', 'd'})
	})
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "a.warc.gz")
	code, _, errs := runCLI(t, nil, "export", "--warc", file, "--db", sd.db)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	contains(t, "stderr", errs, "version skipped", "3 WARC records (1 warcinfo, 1 response, 0 revisit, 1 metadata)",
		"2 versions skipped", store.ErrCorrupt.Error())
	r, err := gowarc.NewWarcFileReader(file, 0, gowarc.WithStrictValidation())
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	n := 0
	for rec, err := range r.Records() {
		if err != nil {
			t.Fatalf("record %d: %v", n, err)
		}
		n++
		rec.Close()
	}
	if n != 3 {
		t.Errorf("file holds %d records, want 3", n)
	}
}
