//go:build !unix

package portalsim

import "time"

// CPUTime cannot be read on this platform: ok is false and benchmarks
// report wall time only.
func CPUTime() (self, children time.Duration, ok bool) { return 0, 0, false }
