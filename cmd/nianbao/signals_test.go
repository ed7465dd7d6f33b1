package main

import (
	"bytes"
	"context"
	"errors"
	"syscall"
	"testing"
	"time"
)

// TestSignals sends the test process SIGHUP, SIGTERM and SIGTERM again:
// the first reloads, the second cancels the context, the third forces exit.
func TestSignals(t *testing.T) {
	var stderr bytes.Buffer
	exited := make(chan int, 1)
	c := &cli{stderr: &stderr, exit: func(code int) { exited <- code }}
	hups := make(chan struct{}, 1)
	ctx, stop := c.withSignals(context.Background(), func() { hups <- struct{}{} })
	defer stop()

	mustKill(t, syscall.SIGHUP)
	select {
	case <-hups:
	case <-time.After(10 * time.Second):
		t.Fatal("SIGHUP did not reach onHUP")
	}
	if ctx.Err() != nil {
		t.Fatal("SIGHUP cancelled the context")
	}
	mustKill(t, syscall.SIGTERM)
	select {
	case <-ctx.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("SIGTERM did not cancel the context")
	}
	if !errors.Is(context.Cause(ctx), errSignal) {
		t.Errorf("cause = %v, want errSignal", context.Cause(ctx))
	}
	mustKill(t, syscall.SIGTERM)
	select {
	case code := <-exited:
		if code != 1 {
			t.Errorf("forced exit status %d, want 1", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("second SIGTERM did not force exit")
	}
}

func mustKill(t *testing.T, sig syscall.Signal) {
	t.Helper()
	if err := syscall.Kill(syscall.Getpid(), sig); err != nil {
		t.Fatal(err)
	}
}
