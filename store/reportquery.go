package store

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"iter"
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// ReportQuery selects reports. The zero value lists every report.
type ReportQuery struct {
	// Agency, when set, must occur as a substring of the report's agency
	// after both pass through Normalize.
	Agency string
	// Year, when non-zero, must equal the report's year.
	Year int
	// Status, when set, must equal the report's status.
	Status Status
	// Normalize maps text to the form compared (e.g. Traditional →
	// Simplified, NFKC). It is called on the query and on every distinct
	// agency name in the index, so it should be fast. When nil, the store's
	// Options.Normalize is used, with its results cached per agency (the
	// fast path); when that is nil too, bytes are compared as given.
	Normalize func(string) string
	// Limit caps the page; zero means DefaultReportLimit, and it is never
	// more than MaxReportLimit.
	Limit int
	// Cursor continues from the page whose Reports returned it as next.
	Cursor string
}

// Page sizes for Reports.
const (
	DefaultReportLimit = 100
	MaxReportLimit     = 1000
)

// Reports returns the reports matching q, ordered by agency (bytewise),
// then year, then id, at most q.Limit of them, and next, the cursor of the
// following page, empty when there is none. A cursor is opaque and stays
// valid as reports are added. ErrInvalid for a malformed cursor, a year
// outside 0..65535 or an unknown status.
func (s *Store) Reports(ctx context.Context, q ReportQuery) (reports []Report, next string, err error) {
	if err := ctx.Err(); err != nil {
		return nil, "", err
	}
	if q.Year < 0 || q.Year > 0xFFFF {
		return nil, "", fmt.Errorf("store: reports: year %d: %w", q.Year, ErrInvalid)
	}
	if q.Status != "" {
		if _, err := ParseStatus(string(q.Status)); err != nil {
			return nil, "", fmt.Errorf("store: reports: %w", err)
		}
	}
	limit := q.Limit
	if limit <= 0 {
		limit = DefaultReportLimit
	}
	limit = min(limit, MaxReportLimit)
	var after []byte
	if q.Cursor != "" {
		if after, err = base64.RawURLEncoding.DecodeString(q.Cursor); err != nil || len(after) == 0 {
			return nil, "", fmt.Errorf("store: reports: cursor %q: %w", q.Cursor, ErrInvalid)
		}
	}
	m := s.matcher(q)
	err = s.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketReportIdx).Cursor()
		snap := s.agencies.snap.Load()
		first := 0
		var afterAgency []byte
		if after != nil {
			agency, _, _, ok := splitReportIdxKey(after)
			if !ok {
				return fmt.Errorf("cursor %q: %w", q.Cursor, ErrInvalid)
			}
			afterAgency = agency
			first, _ = slices.BinarySearch(snap.names, string(agency))
		}
		var last []byte
		read := 0
		for i := range m.matches(snap, first) {
			prefix := append([]byte(snap.names[i]), sep)
			seek := prefix
			if q.Year != 0 {
				seek = binary.BigEndian.AppendUint16(bytes.Clone(prefix), uint16(q.Year))
			}
			k, _ := c.Seek(seek)
			if afterAgency != nil && string(afterAgency) == snap.names[i] && bytes.Compare(after, k) >= 0 {
				if k, _ = c.Seek(after); bytes.Equal(k, after) {
					k, _ = c.Next()
				}
			}
			for ; k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
				_, year, rid, ok := splitReportIdxKey(k)
				if !ok {
					return errCorruptIndexKey(k)
				}
				if q.Year != 0 && year != q.Year {
					break
				}
				if len(reports) == limit {
					next = base64.RawURLEncoding.EncodeToString(last)
					return nil
				}
				r, err := loadReport(tx, rid)
				if err != nil {
					return err
				}
				if read++; read%scanRelease == 0 {
					s.releaser.maybeIn(tx)
				}
				last = bytes.Clone(k)
				if q.Status != "" && r.Status != q.Status {
					continue
				}
				reports = append(reports, r)
			}
		}
		return nil
	})
	if err != nil {
		return nil, "", fmt.Errorf("store: reports: %w", err)
	}
	return reports, next, nil
}

// CursorAfter returns the cursor that continues a listing right after r,
// as if Reports had returned r last on its page: a caller that keeps only
// part of a page (whole agencies, say) continues from there without reading
// again. ErrInvalid for a malformed report ID.
func CursorAfter(r Report) (string, error) {
	rid, err := parseReportID(r.ID)
	if err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(reportIdxKey(r.Agency, r.Year, rid)), nil
}

// agencyMatcher decides whether the i-th agency of a snapshot matches.
type agencyMatcher struct {
	needle string
	norm   func(string) string // per-query normaliser, or nil to use the snapshot's names
}

// matcher picks the normaliser: the query's when set, else the store's
// (whose results are cached per agency), else none.
func (s *Store) matcher(q ReportQuery) agencyMatcher {
	switch {
	case q.Normalize != nil:
		return agencyMatcher{needle: q.Normalize(q.Agency), norm: q.Normalize}
	case s.agencies.normalize != nil:
		return agencyMatcher{needle: s.agencies.normalize(q.Agency)}
	default:
		return agencyMatcher{needle: q.Agency}
	}
}

// matches yields the indexes of matching agencies from first on.
func (m agencyMatcher) matches(snap *agencySnapshot, first int) iter.Seq[int] {
	if m.norm == nil { // the snapshot's joined names are in the right form
		return snap.containing(m.needle, first)
	}
	return func(yield func(int) bool) {
		for i := first; i < len(snap.names); i++ {
			if strings.Contains(m.norm(snap.names[i]), m.needle) && !yield(i) {
				return
			}
		}
	}
}

func errCorruptIndexKey(k []byte) error {
	return fmt.Errorf("store: report index key %x: %w", k, ErrCorrupt)
}

// pastAgency is the first possible index key after every key of agency.
func pastAgency(agency []byte) []byte { return append(bytes.Clone(agency), sep+1) }
