package testarchive

import (
	"log/slog"
	"strings"
	"testing"
)

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
