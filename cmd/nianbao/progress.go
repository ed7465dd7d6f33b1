package main

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/nianbao/nianbao/crawler"
	"github.com/nianbao/nianbao/store"
)

// progressView shows a crawl as it goes. Its methods are called from the
// crawler's workers and are safe for concurrent use.
type progressView interface {
	update(p crawler.Progress)
	done(r portalResult)
	finish()
}

// newProgressView returns bars for a terminal, plain lines otherwise.
func newProgressView(w io.Writer, terminal bool, portals int) progressView {
	if terminal {
		return newBarView(w, portals)
	}
	return &lineView{w: w, total: portals, last: map[string]time.Time{}}
}

// lineView writes one line when a portal starts, at most one every 10 s
// while it runs, and one when it ends.
type lineView struct {
	mu       sync.Mutex
	w        io.Writer
	total    int
	finished int
	last     map[string]time.Time
}

func (v *lineView) update(p crawler.Progress) {
	v.mu.Lock()
	defer v.mu.Unlock()
	now := time.Now()
	if t, ok := v.last[p.Portal]; ok && now.Sub(t) < 10*time.Second {
		return
	}
	v.last[p.Portal] = now
	fmt.Fprintf(v.w, "%s: %d/%d pages, %d reports\n", p.Portal, p.Done, p.Done+p.Queued, p.Reports)
}

func (v *lineView) done(r portalResult) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.finished++
	delete(v.last, r.Portal)
	fmt.Fprintf(v.w, "[%d/%d] %s\n", v.finished, v.total, doneLine(r))
}

func (v *lineView) finish() {}

// doneLine describes a finished portal in one line.
func doneLine(r portalResult) string {
	pages := 0
	for _, n := range r.Run.Counts {
		pages += n
	}
	s := fmt.Sprintf("%s: done, %d pages (%d new, %d failed), %d reports",
		r.Portal, pages, r.Run.Counts[store.OutcomeNew], r.Run.Counts[store.OutcomeFailed], r.Run.Reports)
	if !r.Run.End.IsZero() && !r.Run.Start.IsZero() {
		s += fmt.Sprintf(" in %s", r.Run.End.Sub(r.Run.Start).Round(time.Second))
	}
	if r.Err != nil {
		s += fmt.Sprintf(" — could not complete: %v", r.Err)
	}
	return s
}

// barView draws one bar for the whole crawl — pages done of pages known
// across the running portals — described by the portal that moved last
// (its pages done/queued and reports found); each finished portal leaves a
// line above the bar.
type barView struct {
	mu       sync.Mutex
	w        io.Writer
	bar      *progressbar.ProgressBar
	total    int
	finished int
	running  map[string]crawler.Progress
	doneSum  int // pages of finished portals
}

func newBarView(w io.Writer, portals int) *barView {
	// A known maximum (raised as pages are found): an unknown one makes the
	// library start a spinner goroutine that reads its state unlocked.
	bar := progressbar.NewOptions(1,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetWidth(30),
		progressbar.OptionShowCount(),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetPredictTime(false),
		progressbar.OptionFullWidth(),
	)
	return &barView{w: w, bar: bar, total: portals, running: map[string]crawler.Progress{}}
}

func (v *barView) update(p crawler.Progress) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.running[p.Portal] = p
	done, queued := v.doneSum, v.doneSum
	for _, q := range v.running {
		done += q.Done
		queued += q.Done + q.Queued
	}
	v.bar.ChangeMax(max(queued, 1))
	v.bar.Describe(fmt.Sprintf("[%d/%d portals] %s %d/%d pages, %d reports",
		v.finished, v.total, p.Portal, p.Done, p.Done+p.Queued, p.Reports))
	_ = v.bar.Set(done)
}

func (v *barView) done(r portalResult) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.finished++
	v.doneSum += v.running[r.Portal].Done
	delete(v.running, r.Portal)
	_ = v.bar.Clear()
	fmt.Fprintf(v.w, "%s\n", doneLine(r))
}

func (v *barView) finish() {
	v.mu.Lock()
	defer v.mu.Unlock()
	_ = v.bar.Finish()
	_ = v.bar.Clear()
}
