package store

import (
	"bytes"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Status says whether a report's URL still serves it. Every caller (CLI,
// API, web UI, exports) takes it from Report, so they all agree.
type Status string

const (
	// StatusLive: the latest fetch brought the page (2xx or 304).
	StatusLive Status = "live"
	// StatusGone: the page was withdrawn: the latest answer other than a
	// failure was a 404/410 after it had been served (a tombstone). Its
	// last version stays readable.
	StatusGone Status = "gone"
	// StatusFailing: the latest fetch failed (timeout, 5xx, blocked, …);
	// the page may be back on the next one.
	StatusFailing Status = "failing"
)

// Statuses lists every status, in the order listings explain them.
func Statuses() []Status { return []Status{StatusLive, StatusGone, StatusFailing} }

// ParseStatus returns the status named s; ErrInvalid for any other text.
func ParseStatus(s string) (Status, error) {
	for _, st := range Statuses() {
		if string(st) == s {
			return st, nil
		}
	}
	return "", fmt.Errorf("store: status %q (want live, gone or failing): %w", s, ErrInvalid)
}

// statusTrack follows a URL's fetches, in recording order, for its
// report's status; the URL state keeps it so that reading a status costs
// no walk through the history. Times are Unix nanoseconds, 0 for none.
type statusTrack struct {
	GoneSince    int64 // the first tombstone of the current withdrawal
	FailingSince int64 // the first failure since the latest fetch that did not fail
	WithdrawnAt  int64 // the latest withdrawal that ended: its first tombstone …
	ReturnedAt   int64 // … and the fetch that brought the page back
}

// observe takes one recorded fetch; wasGone is whether the URL was gone
// before it.
func (s *statusTrack) observe(o Outcome, t int64, wasGone bool) {
	switch o {
	case OutcomeFailed:
		if s.FailingSince == 0 {
			s.FailingSince = t
		}
		return
	case OutcomeGone:
		if !wasGone {
			s.GoneSince = t
		}
	case OutcomeNew:
		if wasGone {
			s.WithdrawnAt, s.ReturnedAt, s.GoneSince = s.GoneSince, t, 0
		}
	}
	s.FailingSince = 0
}

// replayStatus rebuilds the track of the URL whose hash is h from its
// history, for a URL state written before the track was kept.
func replayStatus(tx *bolt.Tx, h [hashLen]byte) (statusTrack, error) {
	var s statusTrack
	gone := false
	versions := tx.Bucket(bucketVersions)
	c := tx.Bucket(bucketURLs).Cursor()
	for k, _ := c.Seek(h[:]); k != nil && bytes.HasPrefix(k, h[:]); k, _ = c.Next() {
		if len(k) != byURLKeyLen {
			continue // the state record
		}
		v, err := getVersion(versions, seqFromByURLKey(k))
		if err != nil {
			return statusTrack{}, err
		}
		s.observe(v.Outcome, v.FetchedAt.UnixNano(), gone)
		switch v.Outcome {
		case OutcomeGone:
			gone = true
		case OutcomeNew, OutcomeUnchanged:
			gone = false
		}
	}
	return s, nil
}

// status is the report status the state implies, and since when.
func (u urlState) status() (Status, time.Time) {
	switch {
	case u.Gone:
		return StatusGone, unixOrZero(u.track.GoneSince)
	case u.track.FailingSince != 0:
		return StatusFailing, unixOrZero(u.track.FailingSince)
	}
	return StatusLive, time.Time{}
}
