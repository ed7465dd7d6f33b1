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
	"github.com/xuri/excelize/v2"
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
	if !strings.Contains(lines[0], `"status":"failing","status_since":"2022-02-04T03:00:00Z"`) {
		t.Errorf("jsonl line lacks the report's status: %s", lines[0])
	}
	if code, _, errs := runCLI(t, nil, "export", "--csv", csvPath, "--db", sd.DB); code != 0 {
		t.Fatalf("export --csv: exit %d: %s", code, errs)
	}
	data := testarchive.MustRead(t, csvPath)
	if !bytes.HasPrefix(data, []byte("\uFEFFreport_id,")) {
		t.Errorf("csv starts %q, want the UTF-8 byte-order mark (for Excel) and report_id", data[:min(len(data), 20)])
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF")))).ReadAll()
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
	for k, want := range map[string]string{"report_id": sd.ReportID, "year": "2021", "applications_received": "10",
		"applications_carried_to_next_year": "1", "admin_reviews": "1", "status": "failing", "status_since": "2022-02-04T03:00:00Z"} {
		if row[k] != want {
			t.Errorf("csv %s = %q, want %q", k, row[k], want)
		}
	}
	code, out, errs := runCLI(t, nil, "export", "--csv", "-", "--no-bom", "--db", sd.DB)
	if code != 0 || !strings.HasPrefix(out, "report_id,agency,") {
		t.Errorf("export --csv - --no-bom: exit %d, stdout starts %q, stderr %q", code, out[:min(len(out), 20)], errs)
	}
	code, out, errs = runCLI(t, nil, "export", "--long-csv", "-", "--db", sd.DB)
	long := sd.ReportID + ",宿迁市人民政府,江苏省宿迁市,2021,T2021,failing,requests,new,一、本年新收政府信息公开申请数量,total,总计,10,,\n"
	if code != 0 || !strings.HasPrefix(out, "\uFEFFreport_id,agency,region,year,template,status,table,row_key,row_label,column_key,column_label,value,unit,quote\n") || !strings.Contains(out, long) {
		t.Errorf("export --long-csv -: exit %d, stderr %q, stdout\n%s\nwant the header and the line\n%s", code, errs, out, long)
	}
	code, out, _ = runCLI(t, nil, "export", "--long-jsonl", "-", "--db", sd.DB)
	if cell := `{"report_id":"` + sd.ReportID + `","agency":"宿迁市人民政府","region":"江苏省宿迁市","year":2021,"template":"T2021","status":"failing","table":"requests","row_key":"new","row_label":"一、本年新收政府信息公开申请数量","column_key":"total","column_label":"总计","value":10,"unit":"","quote":""}`; code != 0 || !strings.Contains(out, cell+"\n") {
		t.Errorf("export --long-jsonl -: exit %d, want the line\n%s\nin\n%s", code, cell, out)
	}
	xlsx := filepath.Join(dir, "r.xlsx")
	if code, _, errs := runCLI(t, nil, "export", "--xlsx", xlsx, "--db", sd.DB); code != 0 {
		t.Fatalf("export --xlsx: exit %d: %s", code, errs)
	}
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatalf("the workbook does not open: %v", err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 5 || got[0] != "报告" || got[3] != "表三 依申请公开" {
		t.Errorf("sheets %q, want 报告 then one per template table", got)
	}
	for cell, want := range map[string]string{"A2": sd.ReportID, "I2": "failing"} {
		if v, _ := f.GetCellValue("报告", cell); v != want {
			t.Errorf("报告!%s = %q, want %q", cell, v, want)
		}
	}
	if v, _ := f.GetCellValue("表三 依申请公开", "F1"); v != "一、本年新收政府信息公开申请数量" {
		t.Errorf("表三!F1 = %q, want the row's official label", v)
	}
	if code, _, errs := runCLI(t, nil, "export", "--jsonl", "-", "--no-bom", "--db", sd.DB); code != 2 || !strings.Contains(errs, "--no-bom goes with --csv or --long-csv") {
		t.Errorf("--no-bom with --jsonl: exit %d, %q; want 2", code, errs)
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
