//go:build !linux

package memlimit

// OffHeap cannot be measured here: ok is false and Hold keeps the budget.
func OffHeap() (int64, bool) { return 0, false }
