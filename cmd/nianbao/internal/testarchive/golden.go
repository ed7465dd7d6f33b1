package testarchive

import (
	"flag"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// update is the -update flag of every test binary importing this
// package: rewrite golden files instead of comparing with them.
var update = flag.Bool("update", false, "rewrite golden files in testdata/")

// Golden compares got with testdata/NAME of the test's package, rewriting
// it under -update.
func Golden(tb testing.TB, name, got string) {
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

// Contains fails tb unless got (described by what) contains every want.
func Contains(tb testing.TB, what, got string, wants ...string) {
	tb.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			tb.Errorf("%s = %q, want it to contain %q", what, got, w)
		}
	}
}

// Discard is a logger that drops everything.
func Discard() *slog.Logger { return slog.New(slog.DiscardHandler) }
