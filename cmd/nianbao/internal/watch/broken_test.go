package watch_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/watch"
	"github.com/nianbao/nianbao/config"
	"github.com/nianbao/nianbao/store"
)

func TestPortalBroken(t *testing.T) {
	ctx := context.Background()
	c := &clock{}
	c.Set(time.Date(2026, 1, 1, 3, 0, 0, 0, time.UTC))
	st, err := store.Open(filepath.Join(t.TempDir(), "a.db"), store.Options{NoSync: true, Now: c.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	gone := &store.Coverage{Flags: []store.Flag{{Kind: store.FlagColumnGone, Detail: "the column answered 404"}}}
	// Runs: fine, broken, still broken, fine, broken again.
	for _, cov := range []*store.Coverage{{ReportLinks: 3}, gone, gone, nil, gone} {
		r, err := st.StartRun(ctx, "duodao")
		if err != nil {
			t.Fatal(err)
		}
		c.Set(c.Now().Add(time.Hour))
		r.Coverage = cov
		if err := st.FinishRun(ctx, r); err != nil {
			t.Fatal(err)
		}
		c.Set(c.Now().Add(23 * time.Hour))
	}
	portals := []config.Portal{{Name: "duodao", Agency: "掇刀区人民政府", Region: "湖北省荆门市掇刀区", Column: "http://127.0.0.1:1/col/"}}
	d := watch.NewDeriver(st, nil, nil, nil)
	res, err := d.Derive(ctx, portals, c.Now())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range res.Added {
		if e.Kind == watch.KindBroken {
			got = append(got, e.Time.Format("01-02T15")+" "+e.Flags[0])
		}
	}
	want := []string{"01-02T04 column_gone: the column answered 404", "01-05T04 column_gone: the column answered 404"}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("portal_broken events = %q, want %q (a portal that breaks, twice; not every broken run)", got, want)
	}
	again, err := d.Derive(ctx, portals, c.Now())
	if err != nil || len(again.Added) != 0 {
		t.Errorf("a second pass added %d events (%v), want none", len(again.Added), err)
	}
}
