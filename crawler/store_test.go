package crawler

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/nianbao/nianbao/store"
)

// TestRunWithStore runs the test portal twice against the real bbolt
// archive: the store's outcomes, validators, index and frontier work with
// the crawler as the contract says.
func TestRunWithStore(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "archive.db"), store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	var _ Archive = st
	tp := newTestPortal(t)
	cr := New(st, &fakeClassifier{}, Options{RetryBackoff: 10 * time.Millisecond})
	t.Cleanup(cr.Close)
	p := tp.portal()
	ctx := context.Background()
	run, err := cr.Run(ctx, p)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if run.Counts[store.OutcomeNew] != 8 || run.Reports != 3 || run.Failures["robots"] != 1 {
		t.Errorf("first run = %+v", run)
	}
	run, err = cr.Run(ctx, p)
	if err != nil {
		t.Fatalf("second Run: %v", err)
	}
	if run.Counts[store.OutcomeNotModified] != 8 || run.Counts[store.OutcomeNew] != 0 || run.Reports != 3 {
		t.Errorf("second run = %+v, want 8 not_modified and the 3 reports indexed again", run)
	}
	vs, err := st.Versions(ctx, tp.srv+"/nb/r2022.html")
	if err != nil || len(vs) != 2 || vs[0].Outcome != store.OutcomeNew || vs[1].Outcome != store.OutcomeNotModified {
		t.Fatalf("versions of the GBK report = %+v, %v", vs, err)
	}
	body, err := st.Body(ctx, vs[1].SHA256)
	if err != nil || string(body) != string(tp.pages["/nb/r2022.html"]) {
		t.Errorf("archived body differs from the raw GBK bytes (%v)", err)
	}
	reports, _, err := st.Reports(ctx, store.ReportQuery{Agency: "某区人民政府"})
	if err != nil || len(reports) != 3 {
		t.Errorf("indexed reports = %d (%v), want 3", len(reports), err)
	}
	last, err := st.LastRun(ctx, p.Name)
	if err != nil || last.End.IsZero() || last.Reports != 3 {
		t.Errorf("last run = %+v, %v", last, err)
	}
}
