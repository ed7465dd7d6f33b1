package main

import (
	"encoding/json"
	"strings"
	"testing"

	"gotest.tools/v3/assert"
	"gotest.tools/v3/golden"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/api"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/testarchive"
)

func TestCLIHistory(t *testing.T) {
	sd := testarchive.Seed(t)
	code, out, errs := runCLI(t, nil, "history", sd.URL, "--db", sd.DB)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	assert.Check(t, golden.String(out, "history.table.golden"))

	_, out, _ = runCLI(t, nil, "history", "--db", sd.DB, "--format", "json", sd.URL)
	var vs []api.VersionEntry
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

	code, _, errs = runCLI(t, nil, "history", "--db", sd.DB, "http://127.0.0.1:1/unknown")
	if code != 1 || !strings.Contains(errs, "no archived versions") {
		t.Errorf("unknown URL: exit %d, stderr %q; want 1 and 'no archived versions'", code, errs)
	}
}
