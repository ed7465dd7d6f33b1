package store

import (
	"fmt"
	"time"
)

// urlState is what the store remembers about a URL between fetches, so that
// Record decides an outcome and Validators answers with one Get.
type urlState struct {
	URL             string
	SHA             []byte // body in force: empty when none (never fetched, or gone)
	Size            int64
	ETag, LastMod   string // validators from the latest 2xx or 304
	LatestSeq       uint64 // most recently recorded version
	HadSuccess      bool   // some fetch answered 2xx
	Gone            bool   // the latest non-failed fetch was a tombstone
	ContentVersions uint64 // versions with outcome new
	FirstSeen       int64  // unix nanos of the first version
	LastOK          int64  // unix nanos of the latest new/unchanged/not_modified
	track           statusTrack
	// tracked: the record carried track. States written before it was kept
	// lack it; readers rebuild it from the history (replayStatus).
	tracked bool
}

const (
	flagHadSuccess = 1 << iota
	flagGone
)

func encodeURLState(u urlState) []byte {
	e := newEncoder(96 + len(u.URL))
	e.string(u.URL)
	e.bytes(u.SHA)
	e.int(u.Size)
	e.string(u.ETag)
	e.string(u.LastMod)
	e.uint(u.LatestSeq)
	var flags uint64
	if u.HadSuccess {
		flags |= flagHadSuccess
	}
	if u.Gone {
		flags |= flagGone
	}
	e.uint(flags)
	e.uint(u.ContentVersions)
	e.int(u.FirstSeen)
	e.int(u.LastOK)
	// Added after schema 2 shipped, at the end: older builds stop reading
	// before them, and decodeURLState accepts records without them.
	e.int(u.track.GoneSince)
	e.int(u.track.FailingSince)
	e.int(u.track.WithdrawnAt)
	e.int(u.track.ReturnedAt)
	return e.b
}

func decodeURLState(rec []byte) (urlState, error) {
	d := newDecoder(rec, "url state")
	var u urlState
	u.URL = d.string("url")
	u.SHA = d.bytes("sha256")
	u.Size = d.int("size")
	u.ETag = d.string("etag")
	u.LastMod = d.string("last_modified")
	u.LatestSeq = d.uint("latest")
	flags := d.uint("flags")
	u.HadSuccess = flags&flagHadSuccess != 0
	u.Gone = flags&flagGone != 0
	u.ContentVersions = d.uint("content_versions")
	u.FirstSeen = d.int("first_seen")
	u.LastOK = d.int("last_ok")
	if d.err == nil && len(d.b) > 0 {
		u.track.GoneSince = d.int("gone_since")
		u.track.FailingSince = d.int("failing_since")
		u.track.WithdrawnAt = d.int("withdrawn_at")
		u.track.ReturnedAt = d.int("returned_at")
		u.tracked = true
	}
	if d.err != nil {
		return urlState{}, fmt.Errorf("store: url state: %w", d.err)
	}
	if len(u.SHA) != 0 && len(u.SHA) != hashLen {
		return urlState{}, fmt.Errorf("store: url state of %s: sha256 of %d bytes: %w", u.URL, len(u.SHA), ErrCorrupt)
	}
	return u, nil
}

func unixOrZero(n int64) time.Time {
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(0, n).UTC()
}
