package store

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

// Adding names one by one, in any order, gives the snapshot that building
// from the sorted list gives, and normalises each name only once.
func TestAgencyDirAddMatchesBuild(t *testing.T) {
	calls := 0
	upper := func(s string) string { calls++; return strings.ToUpper(s) }
	d := newAgencyDir(upper)
	in := []string{"mid", "zeta", "alpha", "mid", "beta", "omega", "a"}
	for _, n := range in {
		d.add(n)
	}
	names := slices.Compact(slices.Sorted(slices.Values(in)))
	if calls != len(names) {
		t.Errorf("normalize called %d times, want %d", calls, len(names))
	}
	got, want := d.snap.Load(), d.build(names)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("snapshot=%+v, want %+v", got, want)
	}
}
