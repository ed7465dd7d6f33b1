package store

import "errors"

// Sentinel errors. Every error the store returns that callers need to tell
// apart wraps one of these; test with errors.Is.
var (
	// ErrNotFound: no such version, blob, report, run, extraction (or a
	// cached extraction made by a different extractor version).
	ErrNotFound = errors.New("not found")
	// ErrLocked: another process holds the archive file open for writing and
	// did not release it within Options.Timeout.
	ErrLocked = errors.New("archive is locked by another process")
	// ErrNoArchive: a read-only Open found no file at the path (nothing is
	// created).
	ErrNoArchive = errors.New("no archive at this path")
	// ErrReadOnly: a write to a store opened with Options.ReadOnly.
	ErrReadOnly = errors.New("archive is open read-only")
	// ErrSchema: the file is not a nianbao archive or was written with a
	// schema version this build does not read.
	ErrSchema = errors.New("unsupported archive schema")
	// ErrInvalid: the caller passed something the store cannot record or look
	// up (an empty URL, a malformed id, a NUL byte in a key field, …).
	ErrInvalid = errors.New("invalid argument")
	// ErrCorrupt: stored bytes failed to decode or did not match their
	// SHA-256. It means damage to the file, never a caller mistake.
	ErrCorrupt = errors.New("archive data is corrupt")
)
