//go:build linux

package store

import (
	"fmt"
	"syscall"

	bolt "go.etcd.io/bbolt"
)

// releaseMapped drops this process's mappings of the archive's pages
// (madvise MADV_DONTNEED on bbolt's read-only shared mapping). bbolt's
// commits touch every blob through the mapping while the blob sits in the
// last, still-growing page of the blob tree, and readers touch what they
// read, so without this the process's resident size grows with the archive.
// The pages stay in the page cache and the file; the next access maps them
// again, so readers see the same bytes. It runs inside a read transaction,
// during which bbolt cannot move the mapping.
func (s *Store) releaseMapped() error {
	return s.db.View(s.releaseIn)
}

// releaseIn is releaseMapped inside an open transaction, which keeps the
// mapping where it is.
func (s *Store) releaseIn(tx *bolt.Tx) error {
	start, size := s.db.Info().Data, uintptr(tx.Size())
	if _, _, errno := syscall.Syscall(syscall.SYS_MADVISE, start, size, syscall.MADV_DONTNEED); errno != 0 {
		return fmt.Errorf("store: release mapped archive pages: %w", errno)
	}
	return nil
}
