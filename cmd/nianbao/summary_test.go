package main

import (
	"errors"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/testarchive"
	"github.com/nianbao/nianbao/store"
)

func TestSummary(t *testing.T) {
	var b strings.Builder
	err := writeSummary(&b, []portalResult{
		{Portal: "a", Run: store.Run{Counts: map[store.Outcome]int{store.OutcomeNew: 3, store.OutcomeNotModified: 2, store.OutcomeFailed: 2}, Failures: map[string]int{"timeout": 1, "http_5xx": 1}, Reports: 2}},
		{Portal: "b", Err: errors.New("column unreachable")},
	})
	if err != nil {
		t.Fatal(err)
	}
	testarchive.Golden(t, "summary.golden", b.String())
}
