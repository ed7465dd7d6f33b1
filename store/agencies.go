package store

import (
	"iter"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	bolt "go.etcd.io/bbolt"
)

// agencyDir is an in-memory list of the distinct agency names in the report
// index, so that a substring query scans a few thousand strings instead of
// seeking through the index once per agency. Readers take an immutable
// snapshot; writers replace it (copy on write). Names are only added: an
// agency whose reports all moved away stays listed and simply matches
// nothing in the index.
type agencyDir struct {
	normalize func(string) string // Options.Normalize; nil for none
	mu        sync.Mutex          // serialises writers
	snap      atomic.Pointer[agencySnapshot]
}

type agencySnapshot struct {
	names []string // sorted bytewise, distinct
	// joined is every name (normalised when the store has a normaliser)
	// followed by a NUL, in order; starts[i] is where name i begins. One
	// strings.Index over joined finds matches far faster than a loop.
	joined string
	starts []int
}

func newAgencyDir(normalize func(string) string) *agencyDir {
	d := &agencyDir{normalize: normalize}
	d.snap.Store(&agencySnapshot{})
	return d
}

// load reads every distinct agency from the report index.
func (d *agencyDir) load(tx *bolt.Tx) error {
	var names []string
	c := tx.Bucket(bucketReportIdx).Cursor()
	for k, _ := c.First(); k != nil; {
		agency, _, _, ok := splitReportIdxKey(k)
		if !ok {
			return errCorruptIndexKey(k)
		}
		names = append(names, string(agency))
		k, _ = c.Seek(pastAgency(agency))
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.snap.Store(d.build(names))
	return nil
}

// add lists agency if it is new.
func (d *agencyDir) add(agency string) {
	if _, found := slices.BinarySearch(d.snap.Load().names, agency); found {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	old := d.snap.Load()
	i, found := slices.BinarySearch(old.names, agency)
	if found {
		return
	}
	d.snap.Store(d.insert(old, i, agency))
}

// insert returns a copy of old with agency added as name i, normalising only
// the new name: the others keep their normalised form from old.joined.
func (d *agencyDir) insert(old *agencySnapshot, i int, agency string) *agencySnapshot {
	norm := agency
	if d.normalize != nil {
		norm = d.normalize(agency)
	}
	at := len(old.joined)
	if i < len(old.names) {
		at = old.starts[i]
	}
	s := &agencySnapshot{
		names:  slices.Insert(slices.Clone(old.names), i, agency),
		joined: old.joined[:at] + norm + string(rune(sep)) + old.joined[at:],
		starts: slices.Insert(slices.Clone(old.starts), i, at),
	}
	for j := i + 1; j < len(s.starts); j++ {
		s.starts[j] += len(norm) + 1
	}
	return s
}

func (d *agencyDir) build(names []string) *agencySnapshot {
	s := &agencySnapshot{names: names, starts: make([]int, len(names))}
	var b strings.Builder
	for i, n := range names {
		if d.normalize != nil {
			n = d.normalize(n)
		}
		s.starts[i] = b.Len()
		b.WriteString(n)
		b.WriteByte(sep)
	}
	s.joined = b.String()
	return s
}

// containing yields, in order from first, the indexes of the names whose
// joined form contains needle.
func (s *agencySnapshot) containing(needle string, first int) iter.Seq[int] {
	return func(yield func(int) bool) {
		if first >= len(s.names) || strings.IndexByte(needle, sep) >= 0 {
			return
		}
		for from := s.starts[first]; from < len(s.joined); {
			at := strings.Index(s.joined[from:], needle)
			if at < 0 {
				return
			}
			i, found := slices.BinarySearch(s.starts, from+at)
			if !found {
				i--
			}
			if !yield(i) || i+1 == len(s.names) {
				return
			}
			from = s.starts[i+1]
		}
	}
}
