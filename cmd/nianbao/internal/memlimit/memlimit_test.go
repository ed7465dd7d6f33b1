package memlimit

import (
	"context"
	"io"
	"log/slog"
	"runtime/debug"
	"testing"
	"time"
)

func TestLimit(t *testing.T) {
	const mib = 1 << 20
	for _, c := range []struct {
		name                           string
		budget, floor, off, live, want int64
	}{
		{"nothing outside Go keeps the budget", 72 * mib, 36 * mib, 0, 30 * mib, 72 * mib},
		{"PDFium resident lowers the limit by its size", 72 * mib, 36 * mib, 27 * mib, 30 * mib, 45 * mib},
		{"never below the floor", 72 * mib, 36 * mib, 60 * mib, 10 * mib, 36 * mib},
		{"a negative reading counts as nothing", 72 * mib, 36 * mib, -5 * mib, 30 * mib, 72 * mib},
		{"never below the live heap and a tenth", 72 * mib, 36 * mib, 31 * mib, 40 * mib, 44 * mib},
		{"100 000 portals: the live heap keeps the budget", 244 * mib, 122 * mib, 31 * mib, 230 * mib, 244 * mib},
	} {
		if got := Limit(c.budget, c.floor, c.off, c.live); got != c.want {
			t.Errorf("%s: Limit(%d, %d, %d, %d) = %d MiB, want %d MiB", c.name, c.budget/mib, c.floor/mib, c.off/mib, c.live/mib, got/mib, c.want/mib)
		}
	}
}

func TestHoldRestoresTheBudget(t *testing.T) {
	old := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(old)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		Hold(ctx, 200<<20, 100<<20, slog.New(slog.NewTextHandler(io.Discard, nil)))
	}()
	// Hold sets a limit between the floor and the budget at once.
	deadline := time.Now().Add(10 * time.Second)
	for got := debug.SetMemoryLimit(-1); got == old || got > 200<<20 || got < 100<<20; got = debug.SetMemoryLimit(-1) {
		if time.Now().After(deadline) {
			t.Fatalf("limit %d after 10 s of Hold, want between 100 and 200 MiB", got)
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	<-done
	if got := debug.SetMemoryLimit(-1); got != 200<<20 {
		t.Errorf("limit after Hold returned = %d, want the budget %d", got, 200<<20)
	}
}
