package store

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/binary"
	"fmt"
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
	// Normalize maps text to the form compared (e.g. Traditional →
	// Simplified, NFKC); nil compares the bytes as given. It is called once
	// per distinct agency name examined, so it should be fast.
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
// valid as reports are added. ErrInvalid for a malformed cursor.
func (s *Store) Reports(ctx context.Context, q ReportQuery) (reports []Report, next string, err error) {
	if err := ctx.Err(); err != nil {
		return nil, "", err
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
	norm := q.Normalize
	if norm == nil {
		norm = func(s string) string { return s }
	}
	m := matcher{needle: norm(q.Agency), norm: norm, year: q.Year}
	err = s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketReportIdx).Cursor()
		k, _ := c.First()
		if after != nil {
			if k, _ = c.Seek(after); bytes.Equal(k, after) {
				k, _ = c.Next()
			}
		}
		var last []byte
		for k != nil {
			agency, year, rid, ok := splitReportIdxKey(k)
			if !ok {
				return fmt.Errorf("store: report index key %x: %w", k, ErrCorrupt)
			}
			if seek := m.skip(agency, year); seek != nil {
				k, _ = c.Seek(seek)
				continue
			}
			if len(reports) == limit {
				next = base64.RawURLEncoding.EncodeToString(last)
				return nil
			}
			r, err := loadReport(tx, rid)
			if err != nil {
				return err
			}
			reports = append(reports, r)
			last = bytes.Clone(k)
			k, _ = c.Next()
		}
		return nil
	})
	if err != nil {
		return nil, "", fmt.Errorf("store: reports: %w", err)
	}
	return reports, next, nil
}

// matcher decides, key by key in index order, whether an entry matches and
// where to jump when it does not. It normalises each distinct agency once.
type matcher struct {
	needle string
	norm   func(string) string
	year   int

	seen    bool
	agency  []byte // the agency last examined
	matches bool
}

// skip returns nil when the entry matches, else the key to seek to.
func (m *matcher) skip(agency []byte, year int) []byte {
	if !m.seen || !bytes.Equal(agency, m.agency) {
		m.seen, m.agency = true, bytes.Clone(agency)
		m.matches = m.needle == "" || strings.Contains(m.norm(string(agency)), m.needle)
	}
	switch {
	case !m.matches:
		return pastAgency(agency)
	case m.year == 0 || year == m.year:
		return nil
	case year < m.year:
		k := append(bytes.Clone(agency), sep)
		return binary.BigEndian.AppendUint16(k, uint16(m.year))
	default:
		return pastAgency(agency)
	}
}

// pastAgency is the first possible index key after every key of agency.
func pastAgency(agency []byte) []byte { return append(bytes.Clone(agency), sep+1) }
