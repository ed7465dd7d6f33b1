package zhconv

import "testing"

// MustNew builds a Converter or fails the test.
func MustNew(tb testing.TB) *Converter {
	tb.Helper()
	c, err := New()
	if err != nil {
		tb.Fatalf("New() error = %v", err)
	}
	return c
}
