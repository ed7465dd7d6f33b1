package portalsim

import "testing"

// NewTestFarm starts sites (see New) for a test and closes them when it
// ends; a farm that cannot start fails tb. Close may still be called
// earlier: it is idempotent.
func NewTestFarm(tb testing.TB, sites ...Site) *Farm {
	tb.Helper()
	f, err := New(sites, Options{})
	if err != nil {
		tb.Fatalf("portalsim: %v", err)
	}
	tb.Cleanup(f.Close)
	return f
}

// NewTestFarmOf starts the farm NewFarm(fo, Options{}) builds for a test, as
// NewTestFarm does.
func NewTestFarmOf(tb testing.TB, fo FarmOptions) *Farm {
	tb.Helper()
	f, err := NewFarm(fo, Options{})
	if err != nil {
		tb.Fatalf("portalsim: %v", err)
	}
	tb.Cleanup(f.Close)
	return f
}
