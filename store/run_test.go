package store

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

// mustOpenClocked opens a fresh archive whose clock reads *now.
func mustOpenClocked(t *testing.T, now *time.Time) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "a.db"), Options{NoSync: true, Now: func() time.Time { return *now }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { MustCheck(t, s); s.Close() })
	return s
}

func TestRuns(t *testing.T) {
	now := t0
	s := mustOpenClocked(t, &now)
	ctx := context.Background()
	if _, err := s.LastRun(ctx, "duodao"); !errors.Is(err, ErrNotFound) {
		t.Errorf("LastRun(never ran) = %v, want ErrNotFound", err)
	}
	first, err := s.StartRun(ctx, "duodao")
	if err != nil {
		t.Fatal(err)
	}
	now = now.Add(time.Minute)
	first.Counts[OutcomeNew] = 3
	first.Failures["timeout"] = 1
	first.Reports = 2
	if err := s.FinishRun(ctx, first); err != nil {
		t.Fatal(err)
	}
	now = now.Add(time.Hour)
	second, err := s.StartRun(ctx, "duodao")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.StartRun(ctx, "other"); err != nil {
		t.Fatal(err)
	}
	last, err := s.LastRun(ctx, "duodao")
	if err != nil || last.ID != second.ID || !last.Running() {
		t.Errorf("LastRun = %+v, %v, want the running second run", last, err)
	}
	runs, err := s.Runs(ctx, "duodao", 0)
	if err != nil || len(runs) != 2 {
		t.Fatalf("Runs = %d, %v, want 2", len(runs), err)
	}
	want := Run{ID: first.ID, Portal: "duodao", Start: t0, End: t0.Add(time.Minute),
		Counts: map[Outcome]int{OutcomeNew: 3}, Failures: map[string]int{"timeout": 1}, Reports: 2}
	if !reflect.DeepEqual(runs[1], want) {
		t.Errorf("finished run =\n%+v\nwant\n%+v", runs[1], want)
	}
	if err := s.FinishRun(ctx, Run{ID: "bm9wZQ"}); !errors.Is(err, ErrInvalid) && !errors.Is(err, ErrNotFound) {
		t.Errorf("FinishRun(unknown) = %v, want ErrInvalid or ErrNotFound", err)
	}
	if _, err := s.StartRun(ctx, ""); !errors.Is(err, ErrInvalid) {
		t.Errorf("StartRun(\"\") = %v, want ErrInvalid", err)
	}
}

func TestFrontier(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	pending, done, err := s.Frontier(ctx, "duodao")
	if err != nil || len(pending) != 0 || len(done) != 0 {
		t.Errorf("Frontier(none saved) = %v, %v, %v", pending, done, err)
	}
	wantPending := []FrontierItem{
		{URL: "http://a.test/col/index_2.html", Kind: "column", Referrer: "http://a.test/col/", Depth: 1},
		{URL: "http://a.test/nb2023.html", Kind: "report", LinkText: "2023年政府信息公开工作年度报告", Year: 2023, Depth: 2},
	}
	wantDone := []string{"http://a.test/col/"}
	if err := s.SaveFrontier(ctx, "duodao", wantPending, wantDone); err != nil {
		t.Fatal(err)
	}
	pending, done, err = s.Frontier(ctx, "duodao")
	if err != nil || !reflect.DeepEqual(pending, wantPending) || !reflect.DeepEqual(done, wantDone) {
		t.Errorf("Frontier = %+v, %v, %v, want what was saved", pending, done, err)
	}
	if p, _, _ := s.Frontier(ctx, "other"); len(p) != 0 {
		t.Errorf("Frontier(other portal) = %v, want empty", p)
	}
	if err := s.ClearFrontier(ctx, "duodao"); err != nil {
		t.Fatal(err)
	}
	if p, d, err := s.Frontier(ctx, "duodao"); len(p) != 0 || len(d) != 0 || err != nil {
		t.Errorf("Frontier after Clear = %v, %v, %v, want empty", p, d, err)
	}
}

// TestLastRunEnds: one pass gives, for each portal that ran, how its most
// recent run ended (still running: zero End; stopped early: its Error),
// as LastRun does one portal at a time; portals that never ran are left out.
func TestLastRunEnds(t *testing.T) {
	now := t0
	s := mustOpenClocked(t, &now)
	ctx := context.Background()
	run := func(portal, failure string, finish bool) {
		t.Helper()
		r, err := s.StartRun(ctx, portal)
		if err != nil {
			t.Fatal(err)
		}
		now = now.Add(time.Minute)
		r.Error = failure
		if finish {
			if err := s.FinishRun(ctx, r); err != nil {
				t.Fatal(err)
			}
		}
	}
	run("b", "", true)
	run("a", "", true)
	run("a", "robots.txt unreachable", true) // a's latest run failed
	run("b-2", "", false)                    // still running; its name sorts right after b's prefix
	got := map[string]RunEnd{}
	if err := s.LastRunEnds(ctx, []string{"b", "never", "a", "b-2"}, func(p string, r RunEnd) { got[p] = r }); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"a", "b", "b-2", "never"} {
		want := RunEnd{}
		if last, err := s.LastRun(ctx, p); err == nil {
			want = RunEnd{Start: last.Start, End: last.End, Error: last.Error}
		} else if _, ok := got[p]; ok {
			t.Errorf("%s never ran but LastRunEnds gave %+v", p, got[p])
			continue
		} else {
			continue
		}
		if g, ok := got[p]; !ok || !g.Start.Equal(want.Start) || !g.End.Equal(want.End) || g.Error != want.Error {
			t.Errorf("LastRunEnds[%s] = %+v (%v), want %+v", p, g, ok, want)
		}
	}
	if got["a"].Error == "" || !got["b-2"].End.IsZero() {
		t.Errorf("a's failure or b-2's running state lost: %+v", got)
	}
}
