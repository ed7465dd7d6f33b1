package main

import (
	"encoding/json"
	"testing"

	"gotest.tools/v3/assert"
	"gotest.tools/v3/golden"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/testarchive"
)

func TestCLIReports(t *testing.T) {
	sd := testarchive.Seed(t)
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
		{name: "traditional agency", args: []string{"reports", "--agency", "宿遷市"}, want: []string{sd.ReportID}},
		{name: "no match", args: []string{"reports", "--agency", "北京", "--format", "json"}, want: []string{"[]"}},
		{name: "bad year", args: []string{"reports", "--year", "20x1"}, code: 2, errs: []string{`--year "20x1"`}},
		{name: "bad format", args: []string{"reports", "--format", "xml"}, code: 2, errs: []string{"want table, json or csv"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runCLI(t, nil, append(tt.args, "--db", sd.DB)...)
			if code != tt.code {
				t.Fatalf("exit = %d, want %d; stderr %s", code, tt.code, errs)
			}
			if tt.golden != "" {
				assert.Check(t, golden.String(out, tt.golden))
			}
			testarchive.Contains(t, "stdout", out, tt.want...)
			testarchive.Contains(t, "stderr", errs, tt.errs...)
		})
	}
}

func TestCLIReportsJSONFields(t *testing.T) {
	sd := testarchive.Seed(t)
	_, out, _ := runCLI(t, nil, "reports", "--db", sd.DB, "--format", "json")
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
