package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/testarchive"
	"github.com/nianbao/nianbao/store"
)

// withdraw records a 404 for the seeded report ten days after the seed's
// clock, and indexes one more (live) report; it returns the other's id.
func withdraw(t *testing.T, sd testarchive.Seeded) string {
	t.Helper()
	s, err := store.Open(sd.DB, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	if _, err := s.Record(ctx, store.Fetch{Portal: "suqian", URL: sd.URL, FetchedAt: testarchive.T0.Add(240 * time.Hour), Status: 404}); err != nil {
		t.Fatal(err)
	}
	const other = "http://127.0.0.1:1/other/2020.html"
	if _, err := s.Record(ctx, store.Fetch{Portal: "suqian", URL: other, FetchedAt: testarchive.T0, Status: 200, Body: []byte("2020")}); err != nil {
		t.Fatal(err)
	}
	r, err := s.IndexReport(ctx, store.ReportEntry{Agency: "宿迁市人民政府", Year: 2020, URL: other})
	if err != nil {
		t.Fatal(err)
	}
	return r.ID
}

func TestCLIReportStatusPrefixAndHistory(t *testing.T) {
	sd := testarchive.Seed(t)
	other := withdraw(t, sd)
	id := sd.ReportID
	tests := []struct {
		name string
		args []string
		code int
		want []string
		not  []string
		errs []string
	}{
		{name: "the table shows the status", args: []string{"reports"}, want: []string{"gone since 2022-02-11", "live"}},
		{name: "--status gone lists the withdrawn", args: []string{"reports", "--status", "gone"}, want: []string{id}, not: []string{other}},
		{name: "--status live leaves it out", args: []string{"reports", "--status", "live", "--format", "csv"}, want: []string{other + ",", ",live,\n"}, not: []string{id}},
		{name: "json carries status and since", args: []string{"reports", "--status", "gone", "--format", "json"},
			want: []string{`"status": "gone"`, `"status_since": "2022-02-11T03:00:00Z"`}},
		{name: "an unknown status is a usage error", args: []string{"reports", "--status", "withdrawn"}, code: 2, errs: []string{`--status "withdrawn": want live, gone or failing`}},
		{name: "show takes a unique id prefix", args: []string{"show", id[:5]}, want: []string{`"id": "` + id + `"`}},
		{name: "history takes a report id and names its URL", args: []string{"history", id[:8]},
			want: []string{"report " + id[:8] + ": " + sd.URL + "\n\nVERSION", "gone"}},
		{name: "show of an unknown prefix", args: []string{"show", "ffffffffffffff"}, code: 1, errs: []string{"not found"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runCLI(t, nil, append(tt.args, "--db", sd.DB)...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d; stderr %s", code, tt.code, errs)
			}
			testarchive.Contains(t, "stdout", out, tt.want...)
			testarchive.Contains(t, "stderr", errs, tt.errs...)
			for _, n := range tt.not {
				if strings.Contains(out, n) {
					t.Errorf("stdout has %q:\n%s", n, out)
				}
			}
		})
	}
}

// A prefix that several reports share is a usage error naming them.
func TestCLIAmbiguousIDPrefix(t *testing.T) {
	sd := testarchive.Seed(t)
	s, err := store.Open(sd.DB, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	byFirst := map[byte][]string{}
	for i := range 17 { // 17 ids: two share a first hex digit
		u := "http://127.0.0.1:1/other/" + strings.Repeat("x", i) + ".html"
		r, err := s.IndexReport(context.Background(), store.ReportEntry{Agency: "某局", Year: 2020, URL: u})
		if err != nil {
			t.Fatal(err)
		}
		byFirst[r.ID[0]] = append(byFirst[r.ID[0]], r.ID)
	}
	s.Close()
	for first, ids := range byFirst {
		if len(ids) < 2 {
			continue
		}
		code, _, errs := runCLI(t, nil, "show", string(first), "--db", sd.DB)
		if code != 2 || !strings.Contains(errs, `report id prefix "`+string(first)+`" is ambiguous: it matches `) || !strings.Contains(errs, ids[0]) || !strings.Contains(errs, ids[1]) {
			t.Errorf("show %c: exit %d, stderr %q; want 2 naming %v", first, code, errs, ids)
		}
		return
	}
	t.Fatal("no two of 17 ids share a first digit")
}
