//go:build !linux

package store

import bolt "go.etcd.io/bbolt"

// releaseMapped does nothing where the archive's mapped pages are not
// released explicitly (see resident_linux.go).
func (s *Store) releaseMapped() error { return nil }

// releaseIn does nothing here either.
func (s *Store) releaseIn(*bolt.Tx) error { return nil }
