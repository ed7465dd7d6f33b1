package main

import (
	"errors"
	"strings"
	"testing"

	"gotest.tools/v3/assert"
	"gotest.tools/v3/golden"

	"github.com/nianbao/nianbao/store"
)

func TestSummary(t *testing.T) {
	var b strings.Builder
	err := writeSummary(&b, []portalResult{
		{Portal: "a", Run: store.Run{Counts: map[store.Outcome]int{store.OutcomeNew: 3, store.OutcomeNotModified: 2, store.OutcomeFailed: 2}, Failures: map[string]int{"timeout": 1, "http_5xx": 1}, Reports: 2}},
		{Portal: "b", Err: errors.New("column unreachable")},
		{Portal: "c", Run: store.Run{Counts: map[store.Outcome]int{store.OutcomeGone: 1}, Coverage: &store.Coverage{ListPages: 0,
			Flags: []store.Flag{{Kind: store.FlagColumnGone, Detail: "the column http://x.test/nb/ answered 404: it moved or was removed; find its new address"}}}}},
		{Portal: "d", Run: store.Run{Counts: map[store.Outcome]int{store.OutcomeNew: 4}, Reports: 3, Coverage: &store.Coverage{ListPages: 1, ReportLinks: 3, Reports: 3}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	assert.Check(t, golden.String(b.String(), "summary.golden"))
}
