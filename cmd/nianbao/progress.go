package main

import (
	"fmt"
	"io"
	"math"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vbauerster/cupwriter"
	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"

	"github.com/nianbao/nianbao/crawler"
	"github.com/nianbao/nianbao/store"
)

// progressView shows a crawl as it goes. Its methods are called from the
// crawler's workers and are safe for concurrent use. Everything else bound
// for the same stream (warnings, the signal notice) is written through the
// view, in whole lines, so that it prints above any bars.
type progressView interface {
	io.Writer
	start(portal string)
	update(p crawler.Progress)
	done(r portalResult)
	// finish returns once all the view drew is on its writer; it may be
	// called more than once, and the view writes plainly afterwards.
	finish()
}

// newProgressView returns bars for a terminal, plain lines otherwise.
func newProgressView(w io.Writer, terminal bool, portals int) progressView {
	if terminal {
		return newBarView(w, portals, console(w))
	}
	return &lineView{w: w, total: portals, last: map[string]time.Time{}}
}

// lineView writes one line when a portal's first progress arrives, at most
// one every 10 s while it runs, and one when it ends.
type lineView struct {
	mu       sync.Mutex
	w        io.Writer
	total    int
	finished int
	last     map[string]time.Time
}

func (v *lineView) Write(p []byte) (int, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.w.Write(p)
}

func (v *lineView) start(string) {}

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

// console returns the terminal writer the bars are drawn through: it moves
// the cursor in any case (the caller has found w to be a terminal) and
// follows the terminal's size when w is, or wraps, the terminal's file.
// Elsewhere lines are barsWidth columns wide.
func console(w io.Writer) *cupwriter.Writer {
	cw := cupwriter.New(w, true)
	if lw, ok := w.(*lockedWriter); ok {
		if f, ok := lw.w.(*os.File); ok {
			cw.SetTermFd(int(f.Fd()))
		}
	}
	return cw
}

// Bar layout: the width of a bar's filler, and of a whole line when the
// terminal's own width is unknown.
const (
	barFillWidth = 30
	barsWidth    = 100
)

// barView draws, on a terminal, one bar per running portal — its name,
// pages done of pages known (the total grows as pagination finds pages)
// and reports found — above an overall bar of portals finished. A portal's
// bar appears when it starts and, when it ends, gives way to its one-line
// result printed above the bars: the screen holds no more bars than
// portals running at once, and the view keeps nothing of a finished portal.
type barView struct {
	w        io.Writer // written plainly once finished
	progress *mpb.Progress
	portals  int

	mu      sync.Mutex
	overall *mpb.Bar // added with the first portal's bar
	running map[string]*portalBar
	closed  bool
}

// portalBar is a running portal's bar and its reports found, which the
// bar's decorator reads while it renders.
type portalBar struct {
	bar     *mpb.Bar
	reports atomic.Int64
}

// newBarView draws through cw; opts (tests take the refresh into their own
// hands) override the defaults.
func newBarView(w io.Writer, portals int, cw mpb.ConsoleWriter, opts ...mpb.ContainerOption) *barView {
	opts = append([]mpb.ContainerOption{mpb.WithConsoleWriter(cw), mpb.WithAutoRefresh(), mpb.WithWidth(barsWidth)}, opts...)
	return &barView{w: w, progress: mpb.New(opts...), portals: portals, running: map[string]*portalBar{}}
}

// Write prints whole lines above the bars, or plainly once finished.
func (v *barView) Write(p []byte) (int, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.closed {
		return v.w.Write(p)
	}
	return v.progress.Write(p)
}

func (v *barView) start(portal string) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.barLocked(portal)
}

// update moves the portal's bar. A final report adds no bar: one that
// arrives without a start, from a portal that never fetched, would only
// linger until finish.
func (v *barView) update(p crawler.Progress) {
	v.mu.Lock()
	defer v.mu.Unlock()
	b := v.running[p.Portal]
	if b == nil && !p.Final {
		b = v.barLocked(p.Portal)
	}
	if b == nil {
		return
	}
	b.reports.Store(int64(p.Reports))
	b.bar.SetTotal(int64(p.Done+p.Queued), false)
	b.bar.SetCurrent(int64(p.Done))
}

func (v *barView) done(r portalResult) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.closed {
		fmt.Fprintln(v.w, doneLine(r))
		return
	}
	fmt.Fprintln(v.progress, doneLine(r))
	if b, ok := v.running[r.Portal]; ok {
		b.bar.Abort(true)
		delete(v.running, r.Portal)
	}
	v.overallLocked().Increment()
}

// finish removes the bars of portals still running (an interrupted crawl),
// leaves the overall bar at its count and waits until the last frame is
// drawn. Writers wait meanwhile, then write plainly.
func (v *barView) finish() {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.closed {
		return
	}
	for name, b := range v.running {
		b.bar.Abort(true)
		delete(v.running, name)
	}
	if v.overall != nil {
		v.overall.Abort(false) // a no-op once every portal is done
	}
	v.progress.Wait()
	v.closed = true
}

// barLocked returns the portal's bar, adding it when there is none; nil
// once the view is finished.
func (v *barView) barLocked(portal string) *portalBar {
	if v.closed {
		return nil
	}
	if b, ok := v.running[portal]; ok {
		return b
	}
	v.overallLocked()
	b := &portalBar{}
	// Total 0: the bar never completes by itself, however the pages known
	// and done meet; done removes it.
	b.bar = v.progress.New(0, mpb.BarStyle(), mpb.BarWidth(barFillWidth),
		mpb.PrependDecorators(decor.Name(portal, decor.WCSyncSpaceR)),
		mpb.AppendDecorators(decor.Any(func(s decor.Statistics) string {
			return fmt.Sprintf("%d/%d pages, %d reports", s.Current, s.Total, b.reports.Load())
		})))
	v.running[portal] = b
	return b
}

// overallLocked returns the bar of portals finished, added below all
// others on first use, so that a crawl that cannot start draws nothing.
func (v *barView) overallLocked() *mpb.Bar {
	if v.overall == nil {
		v.overall = v.progress.New(int64(v.portals), mpb.BarStyle(), mpb.BarWidth(barFillWidth),
			mpb.BarPriority(math.MaxInt),
			mpb.PrependDecorators(decor.Any(func(s decor.Statistics) string {
				return fmt.Sprintf("portals finished %d/%d", s.Current, v.portals)
			}, decor.WCSyncSpaceR)),
			mpb.AppendDecorators(decor.Percentage()))
	}
	return v.overall
}
