package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

// errSignal is the cause of a context cancelled by SIGINT or SIGTERM.
var errSignal = errors.New("interrupted")

// withSignals returns a context cancelled by the first SIGINT or SIGTERM;
// a second one forces exit with status 1 through c.exit. onHUP, when not
// nil, is called for every SIGHUP. stop releases the signal handlers.
func (c *cli) withSignals(parent context.Context, onHUP func()) (ctx context.Context, stop func()) {
	ctx, cancel := context.WithCancelCause(parent)
	term := make(chan os.Signal, 2)
	signal.Notify(term, os.Interrupt, syscall.SIGTERM)
	hup := make(chan os.Signal, 1)
	if onHUP != nil {
		signal.Notify(hup, syscall.SIGHUP)
	}
	done := make(chan struct{})
	exited := make(chan struct{})
	go func() {
		defer close(exited)
		first := true
		for {
			select {
			case <-done:
				return
			case <-hup:
				onHUP()
			case s := <-term:
				if first {
					first = false
					fmt.Fprintf(c.stderr, "nianbao: %v: shutting down (again to force)\n", s)
					cancel(fmt.Errorf("%w by %v", errSignal, s))
					continue
				}
				fmt.Fprintf(c.stderr, "nianbao: %v: forced exit\n", s)
				c.exit(1)
				return
			}
		}
	}()
	return ctx, func() {
		signal.Stop(term)
		signal.Stop(hup)
		close(done)
		<-exited
		cancel(nil)
	}
}
