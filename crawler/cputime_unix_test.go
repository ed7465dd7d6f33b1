//go:build unix

package crawler

import (
	"syscall"
	"time"
)

// processCPU is the CPU time (user + system) the process has used so far,
// so benchmarks can report cost independent of other load on the machine.
func processCPU() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
