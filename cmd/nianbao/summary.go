package main

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/nianbao/nianbao/store"
)

// portalResult is how one portal's crawl ended.
type portalResult struct {
	Portal string
	Run    store.Run
	Err    error // the run could not complete
}

// writeSummary prints the crawl's final table: one row per portal and a
// total row, with fetched, new, unchanged, 304, failed (by reason) and
// reports found. Portals whose run needs attention (coverage flags, or a
// run that could not complete) come last, and after the table each is
// named with the reason in plain words.
func writeSummary(w io.Writer, results []portalResult) error {
	t := &table{header: []string{"PORTAL", "FETCHED", "NEW", "UNCHANGED", "304", "GONE", "FAILED", "REPORTS", "FAILURES"}}
	var total store.Run
	total.Counts = map[store.Outcome]int{}
	total.Failures = map[string]int{}
	results = slices.Clone(results)
	slices.SortStableFunc(results, func(a, b portalResult) int { return boolRank(a.needsAttention()) - boolRank(b.needsAttention()) })
	for _, r := range results {
		addRun(t, r.Portal, r.Run, r.Err)
		for o, n := range r.Run.Counts {
			total.Counts[o] += n
		}
		for reason, n := range r.Run.Failures {
			total.Failures[reason] += n
		}
		total.Reports += r.Run.Reports
	}
	if len(results) > 1 {
		addRun(t, "TOTAL", total, nil)
	}
	if err := t.writeText(w); err != nil {
		return err
	}
	var attention []portalResult
	for _, r := range results {
		if r.needsAttention() {
			attention = append(attention, r)
		}
	}
	if len(attention) == 0 {
		return nil
	}
	fmt.Fprintf(w, "\n%d of %d portals need attention:\n", len(attention), len(results))
	for _, r := range attention {
		for _, why := range r.reasons() {
			if _, err := fmt.Fprintf(w, "  %s: %s\n", r.Portal, why); err != nil {
				return err
			}
		}
	}
	return nil
}

// needsAttention reports whether the portal's run could not complete or
// its coverage is flagged.
func (r portalResult) needsAttention() bool { return r.Err != nil || r.Run.Coverage.Flagged() }

// reasons says why the portal needs attention, one line each.
func (r portalResult) reasons() []string {
	var out []string
	if r.Err != nil {
		out = append(out, "the run could not complete: "+r.Err.Error())
	}
	if c := r.Run.Coverage; c != nil {
		for _, f := range c.Flags {
			out = append(out, f.Detail)
		}
	}
	return out
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

func addRun(t *table, name string, r store.Run, err error) {
	fetched := 0
	for _, n := range r.Counts {
		fetched += n
	}
	why := failureList(r.Failures)
	if err != nil {
		why = strings.TrimSpace(why + " run: " + err.Error())
	} else if r.Error != "" {
		why = strings.TrimSpace(why + " run: " + r.Error)
	}
	t.add(name, fetched, r.Counts[store.OutcomeNew], r.Counts[store.OutcomeUnchanged], r.Counts[store.OutcomeNotModified],
		r.Counts[store.OutcomeGone], r.Counts[store.OutcomeFailed], r.Reports, why)
}

// failureList renders failures by reason, most frequent first:
// "timeout=3 http_5xx=1".
func failureList(f map[string]int) string {
	reasons := slices.Collect(maps.Keys(f))
	slices.SortFunc(reasons, func(a, b string) int {
		if f[a] != f[b] {
			return f[b] - f[a]
		}
		return strings.Compare(a, b)
	})
	parts := make([]string, 0, len(reasons))
	for _, r := range reasons {
		parts = append(parts, fmt.Sprintf("%s=%d", r, f[r]))
	}
	return strings.Join(parts, " ")
}
