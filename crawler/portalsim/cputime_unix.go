//go:build unix

package portalsim

import (
	"syscall"
	"time"
)

// CPUTime returns the CPU time (user + system) this process and its
// waited-for children (wget in the comparisons) have used so far. The
// benchmarks that crawl a farm report cost per page from it: on a shared
// machine wall time depends on what else runs, CPU time much less. ok is
// false when the platform cannot say.
func CPUTime() (self, children time.Duration, ok bool) {
	var ru [2]syscall.Rusage
	for i, who := range []int{syscall.RUSAGE_SELF, syscall.RUSAGE_CHILDREN} {
		if err := syscall.Getrusage(who, &ru[i]); err != nil {
			return 0, 0, false
		}
	}
	cpu := func(r syscall.Rusage) time.Duration { return time.Duration(r.Utime.Nano() + r.Stime.Nano()) }
	return cpu(ru[0]), cpu(ru[1]), true
}
