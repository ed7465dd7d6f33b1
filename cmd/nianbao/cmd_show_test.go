package main

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/testarchive"
	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/store"
)

func TestCLIShow(t *testing.T) {
	sd := testarchive.Seed(t)
	first := sd.Versions[0].ID
	t.Run("json latest", func(t *testing.T) {
		code, out, errs := runCLI(t, nil, "show", sd.ReportID, "--db", sd.DB)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		var r map[string]any
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatal(err)
		}
		src, _ := r["source"].(map[string]any)
		if r["id"] != sd.ReportID || src["version"] != sd.Versions[2].ID || r["year"] != 2021.0 {
			t.Errorf("show: id %v, source.version %v, year %v; want %s, %s, 2021", r["id"], src["version"], r["year"], sd.ReportID, sd.Versions[2].ID)
		}
	})
	t.Run("older version", func(t *testing.T) {
		_, out, _ := runCLI(t, nil, "show", "--json", "--version", first, sd.ReportID, "--db", sd.DB)
		testarchive.Contains(t, "show --version", out, `"version": "`+first+`"`)
	})
	t.Run("unchanged refetch shares its content version's extraction", func(t *testing.T) {
		unchanged := sd.Versions[1].ID
		_, out, _ := runCLI(t, nil, "show", sd.ReportID, "--version", unchanged, "--db", sd.DB)
		testarchive.Contains(t, "show --version "+unchanged, out, `"version": "`+unchanged+`"`, `"sha256": "`+sd.Versions[0].SHA256+`"`)
		s, err := store.Open(sd.DB, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if _, err := s.Extraction(context.Background(), unchanged, extract.Version); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("extraction cached under the unchanged version %s too (err %v)", unchanged, err)
		}
	})
	t.Run("clean text", func(t *testing.T) {
		_, out, _ := runCLI(t, nil, "show", sd.ReportID, "--clean", "--db", sd.DB)
		testarchive.Contains(t, "show --clean", out, "一、总体情况", "2295条")
		if strings.Contains(out, "<td>") {
			t.Errorf("clean text holds markup: %s", out)
		}
	})
	t.Run("raw bytes of the first version", func(t *testing.T) {
		_, out, _ := runCLI(t, nil, "show", sd.ReportID, "--raw", "--version", first, "--db", sd.DB)
		if out != string(testarchive.Fixture(t)) {
			t.Errorf("show --raw is not the fetched bytes")
		}
	})
	t.Run("unknown id", func(t *testing.T) {
		code, _, errs := runCLI(t, nil, "show", "nope", "--db", sd.DB)
		if code != 1 || !strings.Contains(errs, "not found") {
			t.Errorf("exit %d, stderr %q; want 1 and not found", code, errs)
		}
	})
	t.Run("conflicting flags", func(t *testing.T) {
		code, _, _ := runCLI(t, nil, "show", sd.ReportID, "--raw", "--clean", "--db", sd.DB)
		if code != 2 {
			t.Errorf("exit %d, want 2", code)
		}
	})
}
