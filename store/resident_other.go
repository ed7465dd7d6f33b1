//go:build !linux

package store

// releaseMapped does nothing where the archive's mapped pages are not
// released explicitly (see resident_linux.go).
func (s *Store) releaseMapped() error { return nil }
