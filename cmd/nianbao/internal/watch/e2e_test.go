package watch_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/watch"
	"github.com/nianbao/nianbao/config"
	"github.com/nianbao/nianbao/crawler/portalsim"
	"github.com/nianbao/nianbao/store"
)

// scenario crawls three simulated portals over simulated time:
//
//	A (department): its 2024 report on time; its 2025 report on time, then
//	  its 2024 report edited (figures change) and its 2025 page touched
//	  (view counter and print date only);
//	B (department): its 2025 report published 20 days after 01-31;
//	C (county): its 2024 report withdrawn, then restored; no 2025 report
//	  by 03-31.
//
// step calls after each crawl with the clock's time.
type scenario struct {
	farm    *portalsim.Farm
	a, b, c *portalsim.Host
	portals []config.Portal
}

func newScenario(tb testing.TB, c *clock) *scenario {
	tb.Helper()
	farm, err := portalsim.New([]portalsim.Site{
		{Family: portalsim.Plain, Reports: 1, NoDecoys: true, NoAttachments: true, Region: "甲县", Agency: "甲县教育局"},
		{Family: portalsim.Plain, Reports: 1, NoDecoys: true, NoAttachments: true, Region: "乙县", Agency: "乙县财政局"},
		{Family: portalsim.TRS, Reports: 1, NoDecoys: true, NoAttachments: true, Region: "丙县", Agency: "丙县人民政府"},
	}, portalsim.Options{Now: c.Now, SingleAddress: true})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(farm.Close)
	h := farm.Hosts()
	return &scenario{farm: farm, a: h[0], b: h[1], c: h[2],
		portals: []config.Portal{portalOf(h[0], "department"), portalOf(h[1], "department"), portalOf(h[2], "county")}}
}

// run plays the scenario, calling step after every crawl.
func (s *scenario) run(tb testing.TB, w *world, step func(now time.Time)) {
	crawlAt := func(d string, ps ...config.Portal) {
		w.clock.Set(day(d))
		if len(ps) == 0 {
			ps = s.portals
		}
		w.crawl(tb, ps...)
		step(w.clock.Now())
	}
	crawlAt("2025-01-15")
	s.a.Publish(2025, day("2026-01-20"))
	crawlAt("2026-01-21", s.portals[0])
	s.a.Edit(s.a.ReportURLs()[1])
	crawlAt("2026-02-01", s.portals[0])
	s.a.Touch(s.a.ReportURLs()[0])
	crawlAt("2026-02-02", s.portals[0])
	s.b.Publish(2025, day("2026-02-20"))
	crawlAt("2026-02-21", s.portals[1])
	s.c.Delete(s.c.ReportURLs()[0], 0)
	crawlAt("2026-03-01", s.portals[2])
	s.c.Restore(s.c.ReportURLs()[0])
	crawlAt("2026-03-10", s.portals[2])
}

// receiver is a webhook endpoint that answers 500 to its first failures
// requests, then 200, and keeps what it got.
type receiver struct {
	mu       sync.Mutex
	failures int
	calls    int
	got      map[string]int // event id → deliveries answered 200
	bodies   map[string]watch.Event
	badSig   int
}

func (rc *receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rc.mu.Lock()
	defer rc.mu.Unlock()
	rc.calls++
	if !watch.Verify([]byte("s3cret"), r.Header.Get(watch.HeaderTimestamp), body, r.Header.Get(watch.HeaderSignature)) {
		rc.badSig++
	}
	if rc.calls <= rc.failures {
		http.Error(w, "receiver down", http.StatusInternalServerError)
		return
	}
	var e watch.Event
	if err := json.Unmarshal(body, &e); err != nil || e.ID != r.Header.Get(watch.HeaderIdempotencyKey) {
		http.Error(w, "bad body", http.StatusBadRequest)
		return
	}
	rc.got[e.ID]++
	rc.bodies[e.ID] = e
}

func TestScenario(t *testing.T) {
	ctx := context.Background()
	c := &clock{}
	w := newWorld(t, c)
	s := newScenario(t, c)
	rc := &receiver{failures: 2, got: map[string]int{}, bodies: map[string]watch.Event{}}
	srv := httptest.NewServer(rc)
	defer srv.Close()
	disp, err := watch.NewDispatcher(ctx, w.st, []watch.Target{watch.NewTarget(srv.URL+"/hook", nil, "s3cret")},
		watch.DispatcherOptions{Now: c.Now, Backoff: time.Minute, Base: "http://127.0.0.1:8080/"})
	if err != nil {
		t.Fatal(err)
	}
	c.Set(day("2025-01-01"))
	svc := watch.NewService(w.deriver(), w.st, disp, c.Now(), nil)
	if _, _, err := svc.Pass(ctx, s.portals, c.Now()); err != nil { // the first pass: an empty archive
		t.Fatal(err)
	}
	sent := map[string]bool{} // every event a pass added, hence queued
	var withdrawnView watch.Compliance
	s.run(t, w, func(now time.Time) {
		res, queued, err := svc.Pass(ctx, s.portals, now)
		if err != nil {
			t.Fatal(err)
		}
		if queued != len(res.Added) {
			t.Errorf("%s: queued %d deliveries for %d new events", now, queued, len(res.Added))
		}
		for _, e := range res.Added {
			sent[e.ID] = true
		}
		if _, _, err := disp.DeliverDue(ctx); err != nil {
			t.Fatal(err)
		}
		if now.Equal(day("2026-03-01")) {
			if withdrawnView, err = watch.ComplianceOf(ctx, w.st, s.portals, nil, 2024, "", now); err != nil {
				t.Fatal(err)
			}
		}
	})
	final := day("2026-04-05")
	c.Set(final)
	res, _, err := svc.Pass(ctx, s.portals, final)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range res.Added {
		sent[e.ID] = true
	}
	for i := 0; i < 5; i++ { // let backoffs pass
		c.Set(c.Now().Add(time.Hour))
		if _, _, err := disp.DeliverDue(ctx); err != nil {
			t.Fatal(err)
		}
	}

	// The events, as `nianbao events` lists them.
	evs, err := watch.Events(ctx, w.st, watch.Filter{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range evs {
		got = append(got, fmt.Sprintf("%s %s %s %d", e.Time.In(time.FixedZone("CST", 8*3600)).Format(time.DateOnly), e.Kind, e.Agency, e.Year))
	}
	want := []string{
		"2025-01-15 report_new 甲县教育局 2024",
		"2025-01-15 report_new 乙县财政局 2024",
		"2025-01-15 report_new 丙县人民政府 2024",
		"2026-01-21 report_new 甲县教育局 2025",
		"2026-02-01 report_changed 甲县教育局 2024",
		"2026-02-21 report_new 乙县财政局 2025",
		"2026-02-21 report_late 乙县财政局 2025",
		"2026-03-01 report_withdrawn 丙县人民政府 2024",
		"2026-03-01 portal_broken 丙县人民政府 0", // the run indexed one report fewer (coverage flag reports_dropped)
		"2026-03-10 report_restored 丙县人民政府 2024",
		"2026-04-01 report_missing 丙县人民政府 2025",
	}
	// Events of one instant are ordered by id; the dates lead each line,
	// so sorting both keeps the chronology.
	slices.Sort(got)
	wantSorted := slices.Sorted(slices.Values(want))
	if !slices.Equal(got, wantSorted) {
		t.Errorf("events:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantSorted, "\n"))
	}
	for _, e := range evs {
		if len(e.ID) != 32 || e.Link == "" || e.Agency == "" || e.Region == "" || (e.Year == 0 && e.Kind != watch.KindBroken) {
			t.Errorf("event %+v lacks an id, link, agency, region or year", e)
		}
		switch e.Kind {
		case watch.KindChanged:
			if len(e.Versions) != 2 || len(e.Cells) == 0 || len(e.Text) == 0 || e.Cells[0].Old == nil || e.Cells[0].New == nil || e.Cells[0].Old.Text == e.Cells[0].New.Text {
				t.Errorf("report_changed = versions %v, %d cells (first %+v), text %q; want two versions, cells old→new, a text diff", e.Versions, len(e.Cells), e.Cells, e.Text)
			}
			if !strings.Contains(strings.Join(e.Text, "\n"), "更正") {
				t.Errorf("report_changed text diff %q lacks the correction note", e.Text)
			}
		case watch.KindLate:
			if e.DaysLate != 20 || e.Deadline != "2026-01-31" || e.ReportID == "" {
				t.Errorf("report_late = %d days after %s (report %q), want 20 days after 2026-01-31 (dated by its published 2026-02-20)", e.DaysLate, e.Deadline, e.ReportID)
			}
		case watch.KindBroken:
			if len(e.Flags) == 0 || !strings.HasPrefix(e.Flags[0], "reports_dropped") || e.Run == "" {
				t.Errorf("portal_broken = flags %q, run %q; want reports_dropped and the run", e.Flags, e.Run)
			}
		case watch.KindWithdrawn, watch.KindRestored:
			if len(e.Versions) != 2 || e.ReportID == "" {
				t.Errorf("%s versions %v, want [before, after]", e.Kind, e.Versions)
			}
		case watch.KindNew:
			if len(e.Versions) != 1 || !strings.HasPrefix(e.Link, "/reports/"+e.ReportID) {
				t.Errorf("report_new versions %v link %q", e.Versions, e.Link)
			}
		}
	}

	// Webhooks: every event a pass added was delivered, signed, despite
	// two failures; at least once, and here exactly once.
	rc.mu.Lock()
	if rc.calls != len(sent)+2 || rc.badSig != 0 {
		t.Errorf("receiver saw %d requests (%d bad signatures), want %d events + 2 failed attempts, all signed", rc.calls, rc.badSig, len(sent))
	}
	for id := range sent {
		if rc.got[id] != 1 {
			t.Errorf("event %s delivered %d times, want 1", id, rc.got[id])
		}
	}
	if len(sent) != len(want)+1 { // + 乙县财政局's 2025 report, missing on 02-01 until it came out late
		t.Errorf("%d events sent, want %d", len(sent), len(want)+1)
	}
	for _, e := range rc.bodies {
		if !strings.HasPrefix(e.Link, "http://127.0.0.1:8080/") {
			t.Errorf("webhook body link %q is not absolute", e.Link)
		}
	}
	rc.mu.Unlock()
	if left, _ := w.st.Outbox(ctx); len(left) != 0 {
		t.Errorf("outbox keeps %d items after delivery", len(left))
	}

	// The feed: all events, valid Atom; filtered by agency and kind.
	f := checkAtom(t, feedOf(t, w.st, watch.Filter{}))
	if len(f.Entries) != len(want) || !strings.Contains(f.Entries[0].Title, "缺失") {
		t.Errorf("feed has %d entries, first %q; want %d, newest (the missing report) first", len(f.Entries), f.Entries[0].Title, len(want))
	}
	f = checkAtom(t, feedOf(t, w.st, watch.Filter{Agency: "乙县"}))
	if len(f.Entries) != 3 {
		t.Errorf("feed for agency 乙县 has %d entries, want 3", len(f.Entries))
	}
	f = checkAtom(t, feedOf(t, w.st, watch.Filter{Kind: watch.KindChanged}))
	if len(f.Entries) != 1 || !strings.Contains(f.Entries[0].Content.Value, "<td>表") || !strings.Contains(f.Entries[0].Content.Value, "<pre>") {
		t.Errorf("changed feed = %d entries; want 1 whose content has the cells table and the text diff", len(f.Entries))
	}

	// Compliance.
	check := func(name string, cv watch.Compliance, want map[string]watch.Status) {
		t.Helper()
		for _, r := range cv.Rows {
			if r.Status != want[r.Agency] {
				t.Errorf("%s: %s is %s, want %s", name, r.Agency, r.Status, want[r.Agency])
			}
		}
		if len(cv.Rows) != len(want) {
			t.Errorf("%s: %d rows, want %d", name, len(cv.Rows), len(want))
		}
	}
	check("2024 while withdrawn", withdrawnView, map[string]watch.Status{"甲县教育局": watch.OnTime, "乙县财政局": watch.OnTime, "丙县人民政府": watch.Withdrawn})
	cv, err := watch.ComplianceOf(ctx, w.st, s.portals, nil, 2025, "", final)
	if err != nil {
		t.Fatal(err)
	}
	check("2025", cv, map[string]watch.Status{"甲县教育局": watch.OnTime, "乙县财政局": watch.Late, "丙县人民政府": watch.Missing})
	if cv.Total.OnTime != 1 || cv.Total.Late != 1 || cv.Total.Missing != 1 || len(cv.ByLevel) != 2 || len(cv.ByRegion) != 3 {
		t.Errorf("2025 counts = %+v by level %+v, want 1 on time, 1 late, 1 missing over 2 levels and 3 regions", cv.Total, cv.ByLevel)
	}

	// Backfill: the same archive without its events, derived in one pass,
	// gives the same feed.
	live := feedOf(t, w.st, watch.Filter{})
	copyPath := filepath.Join(t.TempDir(), "copy.db")
	copyWithoutEvents(t, w.path, copyPath)
	st2, err := store.Open(copyPath, store.Options{NoSync: true, Now: c.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close()
	if n, _ := st2.EventCount(ctx); n != 0 {
		t.Fatalf("copy holds %d events, want none", n)
	}
	res2, err := watch.NewDeriver(st2, watch.NewExtractions(st2, w.x), nil, nil).Derive(ctx, s.portals, final)
	if err != nil {
		t.Fatal(err)
	}
	if len(res2.Added) != len(want) {
		t.Errorf("backfill added %d events, want %d", len(res2.Added), len(want))
	}
	if back := feedOf(t, st2, watch.Filter{}); back != live {
		t.Errorf("backfilled feed differs from the live one:\n%s\n---\n%s", back, live)
	}
}

// copyWithoutEvents copies an archive (its writer idle) and drops the
// event buckets, as an archive made before events existed.
func copyWithoutEvents(tb testing.TB, from, to string) {
	tb.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o600); err != nil {
		tb.Fatal(err)
	}
	db, err := bolt.Open(to, 0o600, nil)
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range []string{"events", "eventscope", "eventmark", "outbox", "outboxdue", "outboxseen"} {
			if err := tx.DeleteBucket([]byte(b)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
}
