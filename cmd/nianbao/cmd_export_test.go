package main

import (
	"bytes"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	gowarc "github.com/nlnwa/gowarc/v3"
	bolt "go.etcd.io/bbolt"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/testarchive"
	"github.com/nianbao/nianbao/store"
	"github.com/nianbao/nianbao/store/warc/warctest"
)

func TestCLIExport(t *testing.T) {
	sd := testarchive.Seed(t)
	dir := t.TempDir()
	jsonl, csvPath := filepath.Join(dir, "r.jsonl"), filepath.Join(dir, "r.csv")
	if code, _, errs := runCLI(t, nil, "export", "--jsonl", jsonl, "--db", sd.DB); code != 0 {
		t.Fatalf("export --jsonl: exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(string(testarchive.MustRead(t, jsonl))), "\n")
	if len(lines) != 1 || !json.Valid([]byte(lines[0])) || !strings.Contains(lines[0], sd.ReportID) {
		t.Errorf("jsonl = %q, want one JSON line for %s", lines, sd.ReportID)
	}
	if code, _, errs := runCLI(t, nil, "export", "--csv", csvPath, "--db", sd.DB); code != 0 {
		t.Fatalf("export --csv: exit %d: %s", code, errs)
	}
	recs, err := csv.NewReader(strings.NewReader(string(testarchive.MustRead(t, csvPath)))).ReadAll()
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
	for k, want := range map[string]string{"id": sd.ReportID, "year": "2021", "requests_new_total": "10", "requests_carried_out_total": "1", "reviews_review_total": "1"} {
		if row[k] != want {
			t.Errorf("csv %s = %q, want %q", k, row[k], want)
		}
	}
	for _, args := range [][]string{{}, {"--warc", "-", "--csv", "-"}} {
		if code, _, _ := runCLI(t, nil, append([]string{"export", "--db", sd.DB}, args...)...); code != 2 {
			t.Errorf("export %q: exit %d, want 2 (exactly one target)", args, code)
		}
	}
}

func TestCLIExportWARC(t *testing.T) {
	sd := testarchive.Seed(t)
	file := filepath.Join(t.TempDir(), "archive.warc.gz")
	tests := []struct {
		name   string
		target string
		read   func(stdout string) []byte
	}{
		{"file", file, func(string) []byte { return testarchive.MustRead(t, file) }},
		{"stdout", "-", func(stdout string) []byte { return []byte(stdout) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runCLI(t, nil, "export", "--warc", tt.target, "--db", sd.DB)
			if code != 0 {
				t.Fatalf("export --warc %s: exit %d: %s", tt.target, code, errs)
			}
			data := tt.read(out)
			summary := fmt.Sprintf("nianbao export: 5 WARC records (1 warcinfo, 2 response, 1 revisit, 1 metadata), %d payload bytes, %d bytes written\n",
				sd.Versions[0].Size+sd.Versions[2].Size, len(data))
			if errs != summary {
				t.Errorf("stderr = %q, want %q", errs, summary)
			}
			recs := warctest.Read(t, data)
			var types []string
			for _, r := range recs {
				types = append(types, r.Type.String())
			}
			// The first fetch, byte for byte.
			if len(recs) > 1 && !bytes.Equal(recs[1].Payload, testarchive.Fixture(t)) {
				t.Error("first response's payload is not the fetched bytes")
			}
			if len(recs) > 1 && recs[1].Header.Get(gowarc.WarcTargetURI) != sd.URL {
				t.Errorf("WARC-Target-URI %q, want %q", recs[1].Header.Get(gowarc.WarcTargetURI), sd.URL)
			}
			if got, want := strings.Join(types, " "), "warcinfo response revisit response metadata"; got != want {
				t.Errorf("records %s, want %s", got, want)
			}
		})
	}
}

// A damaged body does not lose the rest of the archive: its versions are
// skipped with a warning, the file is written, and the command fails.
func TestCLIExportWARCDamagedBody(t *testing.T) {
	sd := testarchive.Seed(t)
	db, err := bolt.Open(sd.DB, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	key, _ := hex.DecodeString(sd.Versions[0].SHA256)
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
	code, _, errs := runCLI(t, nil, "export", "--warc", file, "--db", sd.DB)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	testarchive.Contains(t, "stderr", errs, "version skipped", "3 WARC records (1 warcinfo, 1 response, 0 revisit, 1 metadata)",
		"2 versions skipped", store.ErrCorrupt.Error())
	n := len(warctest.Read(t, testarchive.MustRead(t, file)))
	if n != 3 {
		t.Errorf("file holds %d records, want 3", n)
	}
}
