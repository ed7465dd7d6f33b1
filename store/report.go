package store

import (
	"context"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// ReportEntry is what the crawler knows when a fetched page is identified
// as an annual report. URL is required; VersionID, when set, must name a
// recorded version and dates the sighting.
type ReportEntry struct {
	Agency, Region, Title, Published, Template, URL, Portal string
	Year                                                    int // the year reported on; 0 when unknown
	VersionID                                               string
}

// Report is an indexed annual report: one URL identified as the report of
// an agency for a year.
type Report struct {
	// ID is 16 lower-case hex digits derived from the URL: the same URL is
	// always the same report, across re-indexing and extractor upgrades.
	ID, Agency, Region, Title, URL, Portal, Published, Template string
	Year                                                        int
	FirstSeen                                                   time.Time // earliest indexed version (or indexing time)
	LastSeen                                                    time.Time // latest time the page answered with content
	Versions                                                    int       // content versions (outcome new) of the URL
	// Status says whether the URL still serves the report; StatusSince is
	// when the current gone or failing status began (zero when live).
	Status      Status
	StatusSince time.Time
	// WithdrawnAt and ReturnedAt bound the latest withdrawal the report
	// came back from (its first tombstone, the fetch that brought it
	// back); both zero when it never came back from one.
	WithdrawnAt, ReturnedAt time.Time
}

// maxAgency bounds the agency name, which is part of an index key.
const maxAgency = 1024

// reportID is the report's key: the first ridLen bytes of its urlHash.
func reportID(url string) []byte {
	h := urlHash(url)
	return h[:ridLen]
}

func parseReportID(id string) ([]byte, error) {
	rid, err := hex.DecodeString(id)
	if err != nil || len(rid) != ridLen || hex.EncodeToString(rid) != id {
		return nil, fmt.Errorf("store: report id %q: %w", id, ErrInvalid)
	}
	return rid, nil
}

// IndexReport records that e.URL is the report of e.Agency for e.Year and
// returns the report as stored. Indexing the same URL again updates its
// fields (a corrected agency or year moves it in the index) and widens
// FirstSeen/LastSeen. Errors: ErrInvalid for an empty URL, an agency with a
// NUL byte or over 1 KiB, a year outside 0..65535 or a malformed VersionID;
// ErrNotFound when VersionID names no version.
func (s *Store) IndexReport(ctx context.Context, e ReportEntry) (Report, error) {
	if err := ctx.Err(); err != nil {
		return Report{}, err
	}
	if e.URL == "" || strings.IndexByte(e.Agency, sep) >= 0 || len(e.Agency) > maxAgency || e.Year < 0 || e.Year > 0xFFFF {
		return Report{}, fmt.Errorf("store: index report %q (agency %q, year %d): %w", e.URL, e.Agency, e.Year, ErrInvalid)
	}
	var seq uint64
	if e.VersionID != "" {
		var err error
		if seq, err = parseVersionID(e.VersionID); err != nil {
			return Report{}, err
		}
	}
	rid := reportID(e.URL)
	var out Report
	err := s.update(ctx, func(tx *bolt.Tx) error {
		seen := s.now().UTC()
		if seq != 0 {
			v, err := getVersion(tx.Bucket(bucketVersions), seq)
			if err != nil {
				return err
			}
			seen = v.FetchedAt
		}
		reports, idx := tx.Bucket(bucketReports), tx.Bucket(bucketReportIdx)
		r := Report{ID: hex.EncodeToString(rid), FirstSeen: seen, LastSeen: seen}
		if rec := reports.Get(rid); rec != nil {
			old, err := decodeReport(rid, rec)
			if err != nil {
				return err
			}
			if err := idx.Delete(reportIdxKey(old.Agency, old.Year, rid)); err != nil {
				return fmt.Errorf("remove old index entry: %w", err)
			}
			r.FirstSeen, r.LastSeen = earlier(old.FirstSeen, seen), later(old.LastSeen, seen)
		}
		r.Agency, r.Region, r.Title, r.URL, r.Portal = e.Agency, e.Region, e.Title, e.URL, e.Portal
		r.Published, r.Template, r.Year = e.Published, e.Template, e.Year
		if err := reports.Put(rid, encodeReport(r)); err != nil {
			return fmt.Errorf("put report: %w", err)
		}
		if err := idx.Put(reportIdxKey(r.Agency, r.Year, rid), []byte{}); err != nil {
			return fmt.Errorf("put index entry: %w", err)
		}
		s.agencies.add(r.Agency) // harmless if the commit fails: it would match nothing
		var err error
		out, err = withURLState(tx, r)
		return err
	})
	if err != nil {
		return Report{}, fmt.Errorf("store: index report %s: %w", e.URL, err)
	}
	return out, nil
}

// Report returns the report with the given id: ErrInvalid for a malformed
// id, ErrNotFound for an unknown one.
func (s *Store) Report(ctx context.Context, id string) (Report, error) {
	if err := ctx.Err(); err != nil {
		return Report{}, err
	}
	rid, err := parseReportID(id)
	if err != nil {
		return Report{}, err
	}
	var r Report
	err = s.view(func(tx *bolt.Tx) error {
		r, err = loadReport(tx, rid)
		return err
	})
	return r, err
}

// ReportVersions returns the content versions (outcome new) of a report's
// URL, oldest first. Errors as Report.
func (s *Store) ReportVersions(ctx context.Context, id string) ([]Version, error) {
	r, err := s.Report(ctx, id)
	if err != nil {
		return nil, err
	}
	all, err := s.Versions(ctx, r.URL)
	if err != nil {
		return nil, err
	}
	content := all[:0]
	for _, v := range all {
		if v.Outcome == OutcomeNew {
			content = append(content, v)
		}
	}
	return content, nil
}

func loadReport(tx *bolt.Tx, rid []byte) (Report, error) {
	rec := tx.Bucket(bucketReports).Get(rid)
	if rec == nil {
		return Report{}, fmt.Errorf("store: report %x: %w", rid, ErrNotFound)
	}
	r, err := decodeReport(rid, rec)
	if err != nil {
		return Report{}, err
	}
	return withURLState(tx, r)
}

// withURLState fills the fields that follow the URL's fetches.
func withURLState(tx *bolt.Tx, r Report) (Report, error) {
	h := urlHash(r.URL)
	r.Status = StatusLive
	rec := tx.Bucket(bucketURLs).Get(h[:])
	if rec == nil {
		return r, nil
	}
	st, err := decodeURLState(rec)
	if err != nil {
		return Report{}, err
	}
	if !st.tracked {
		if st.track, err = replayStatus(tx, h); err != nil {
			return Report{}, err
		}
	}
	r.Versions = int(st.ContentVersions)
	r.LastSeen = later(r.LastSeen, unixOrZero(st.LastOK))
	r.Status, r.StatusSince = st.status()
	r.WithdrawnAt, r.ReturnedAt = unixOrZero(st.track.WithdrawnAt), unixOrZero(st.track.ReturnedAt)
	return r, nil
}

func encodeReport(r Report) []byte {
	e := newEncoder(256)
	for _, s := range []string{r.Agency, r.Region, r.Title, r.URL, r.Portal, r.Published, r.Template} {
		e.string(s)
	}
	e.uint(uint64(r.Year))
	e.int(r.FirstSeen.UnixNano())
	e.int(r.LastSeen.UnixNano())
	return e.b
}

func decodeReport(rid, rec []byte) (Report, error) {
	d := newDecoder(rec, "report")
	r := Report{ID: hex.EncodeToString(rid)}
	for _, f := range []*string{&r.Agency, &r.Region, &r.Title, &r.URL, &r.Portal, &r.Published, &r.Template} {
		*f = d.string("text")
	}
	r.Year = int(d.uint("year"))
	r.FirstSeen = time.Unix(0, d.int("first_seen")).UTC()
	r.LastSeen = time.Unix(0, d.int("last_seen")).UTC()
	if d.err != nil {
		return Report{}, fmt.Errorf("store: report %x: %w", rid, d.err)
	}
	return r, nil
}

func earlier(a, b time.Time) time.Time {
	if a.IsZero() || b.Before(a) {
		return b
	}
	return a
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
