//go:build linux

package memlimit

import (
	"bytes"
	"os"
	"strconv"
)

// OffHeap is the resident anonymous memory the Go runtime does not account
// for (never negative); ok is false when /proc/self/status cannot be read.
func OffHeap() (int64, bool) {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, false
	}
	anon, ok := statusKiB(data, "RssAnon:")
	if !ok {
		return 0, false
	}
	return max(anon-goMapped(), 0), true
}

// statusKiB returns the value of a "Name: N kB" line of a status file, in
// bytes.
func statusKiB(status []byte, name string) (int64, bool) {
	for line := range bytes.Lines(status) {
		rest, ok := bytes.CutPrefix(line, []byte(name))
		if !ok {
			continue
		}
		fields := bytes.Fields(rest)
		if len(fields) == 0 {
			return 0, false
		}
		n, err := strconv.ParseInt(string(fields[0]), 10, 64)
		if err != nil {
			return 0, false
		}
		return n << 10, true
	}
	return 0, false
}
