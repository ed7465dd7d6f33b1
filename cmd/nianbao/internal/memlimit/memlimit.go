// Package memlimit holds the Go collector's soft memory limit
// (debug.SetMemoryLimit) to a budget less the anonymous memory the Go
// runtime does not manage.
//
// The soft limit bounds only what Go allocates. A daemon reading PDFs also
// holds PDFium's compiled code and its WebAssembly instance's linear memory
// (mapped by wazero outside the Go heap, 25–45 MiB together), which the
// limit does not see: with a fixed limit the process's resident size is the
// limit plus that. Hold measures the difference once a second — the
// process's resident anonymous memory (RssAnon in /proc/self/status) less
// the memory the Go runtime has mapped and not returned (runtime/metrics)
// — and sets the limit to the budget less it, never below a floor: the
// collector then works harder while PDFium is resident instead of the
// process growing by PDFium's size.
//
// Basics: Hold runs until its context ends and restores the budget as the
// limit when it returns. Caveats: Linux only (elsewhere Hold sets the budget
// and waits); the reading is an estimate that errs towards a higher limit
// (Go memory mapped but never touched is counted as Go's); a live heap above
// the floor is not prevented, only collected harder.
package memlimit

import (
	"context"
	"log/slog"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// Interval is how often Hold measures.
const Interval = time.Second

// Limit is the soft limit for a budget when offHeap bytes of anonymous
// memory are outside Go's and live bytes of heap are live: the budget less
// offHeap, but at least floor and at least the live heap plus a tenth —
// below that the collector would run without pause, up to half the CPU,
// and free nothing (a daemon of 100 000 portals holds 200–240 MiB live
// against a 244 MiB budget) — and never more than the budget.
func Limit(budget, floor, offHeap, live int64) int64 {
	return min(budget, max(floor, budget-max(offHeap, 0), live+live/10))
}

// Hold sets the soft limit to Limit(budget, floor, OffHeap(), live heap) at once and
// every Interval until ctx ends, then sets it back to budget. Changes of
// more than 1 MiB are logged at DEBUG.
func Hold(ctx context.Context, budget, floor int64, log *slog.Logger) {
	defer debug.SetMemoryLimit(budget)
	t := time.NewTicker(Interval)
	defer t.Stop()
	set := int64(-1)
	for {
		if off, ok := OffHeap(); ok {
			limit := Limit(budget, floor, off, liveHeap())
			if d := limit - set; d > 1<<20 || d < -1<<20 {
				debug.SetMemoryLimit(limit)
				log.Debug("memory limit", "bytes", limit, "budget", budget, "outside_go", off)
				set = limit
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// liveHeap is the heap the last collection found live.
func liveHeap() int64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(s[0].Value.Uint64())
}

// goMapped is the memory the Go runtime has mapped and not returned to
// the system: what its soft limit counts.
func goMapped() int64 {
	s := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 || s[1].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(s[0].Value.Uint64()) - int64(s[1].Value.Uint64())
}
