package store

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

func TestRuns(t *testing.T) {
	now := t0
	s, err := Open(filepath.Join(t.TempDir(), "a.db"), Options{NoSync: true, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { MustCheck(t, s); s.Close() })
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
