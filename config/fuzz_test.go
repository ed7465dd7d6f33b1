package config

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse feeds arbitrary bytes to the loader: it must never panic, and
// must return either a valid config or a *ValidationError, never both. A
// config it returns has every portal usable as the crawler will use it.
// Seeds: testdata/fuzz/FuzzParse (from the bad configs and the default
// list), plus the bad configs themselves.
func FuzzParse(f *testing.F) {
	bad, _ := filepath.Glob("testdata/bad/*.yaml")
	for _, file := range bad {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(minimal))
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := Parse("fuzz.yaml", data)
		if (cfg == nil) == (err == nil) {
			t.Fatalf("Parse = %v, %v: want exactly one of a config and an error", cfg, err)
		}
		if err != nil {
			var verr *ValidationError
			if !errors.As(err, &verr) || len(verr.Problems) == 0 {
				t.Fatalf("error %T %v, want a *ValidationError with problems", err, err)
			}
			for _, p := range verr.Problems {
				if p.Message == "" || p.Line < 0 || p.File != "fuzz.yaml" {
					t.Fatalf("malformed problem %+v", p)
				}
			}
			return
		}
		names := map[string]bool{}
		for _, p := range cfg.Portals {
			if names[p.Name] {
				t.Fatalf("duplicate portal name %q accepted", p.Name)
			}
			names[p.Name] = true
			if p.Name == "" || p.Agency == "" || !p.AllowsURL(p.Column) {
				t.Fatalf("portal %+v accepted without a name, an agency or a reachable column", p)
			}
			if _, err := ParseSchedule(p.Schedule); err != nil {
				t.Fatalf("portal %s accepted with schedule %q: %v", p.Name, p.Schedule, err)
			}
			if p.ReportLink != "" {
				if _, err := ParseLinkPattern(p.ReportLink); err != nil {
					t.Fatalf("portal %s accepted with report_link %q: %v", p.Name, p.ReportLink, err)
				}
			}
			if p.Crawl.Parallelism < 1 || p.Crawl.Timeout <= 0 || p.Crawl.MaxBody <= 0 || p.Crawl.MaxPages < 1 {
				t.Fatalf("portal %s accepted with unusable crawl settings %+v", p.Name, p.Crawl)
			}
		}
	})
}
