package store

import (
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// AmbiguousError is returned by ResolveReportID for a prefix that more
// than one report id starts with. It matches ErrAmbiguous.
type AmbiguousError struct {
	Prefix  string
	Matches []string // ids that start with Prefix, in order, at most MaxPrefixMatches
	More    bool     // more ids match than Matches lists
}

// MaxPrefixMatches bounds the ids an AmbiguousError lists.
const MaxPrefixMatches = 10

func (e *AmbiguousError) Error() string {
	more := ""
	if e.More {
		more = ", …"
	}
	return fmt.Sprintf("report id prefix %q is ambiguous: it matches %s%s", e.Prefix, strings.Join(e.Matches, ", "), more)
}

// Is makes errors.Is(err, ErrAmbiguous) true.
func (e *AmbiguousError) Is(target error) bool { return target == ErrAmbiguous }

// ErrAmbiguous: an id prefix matches several reports (see AmbiguousError).
var ErrAmbiguous = errors.New("ambiguous id prefix")

// ResolveReportID returns the one report id that starts with prefix (as
// git resolves an abbreviated commit): prefix is 1 to 16 lower- or
// upper-case hex digits. ErrInvalid for anything else, ErrNotFound when no
// report matches, an *AmbiguousError (ErrAmbiguous) when several do.
func (s *Store) ResolveReportID(ctx context.Context, prefix string) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	p := strings.ToLower(prefix)
	if p == "" || len(p) > 2*ridLen || strings.Trim(p, "0123456789abcdef") != "" {
		return "", fmt.Errorf("store: report id %q: not 1 to %d hex digits: %w", prefix, 2*ridLen, ErrInvalid)
	}
	// The whole bytes of the prefix, then its odd last digit if any.
	whole, _ := hex.DecodeString(p[:len(p)&^1])
	var matches []string
	more := false
	err := s.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketReports).Cursor()
		for k, _ := c.Seek(whole); k != nil && bytes.HasPrefix(k, whole); k, _ = c.Next() {
			id := hex.EncodeToString(k)
			if !strings.HasPrefix(id, p) {
				if id > p {
					break
				}
				continue
			}
			if len(matches) == MaxPrefixMatches {
				more = true
				break
			}
			matches = append(matches, id)
		}
		return nil
	})
	switch {
	case err != nil:
		return "", fmt.Errorf("store: resolve report id %q: %w", prefix, err)
	case len(matches) == 0:
		return "", fmt.Errorf("store: report id %q: %w", prefix, ErrNotFound)
	case len(matches) > 1:
		return "", &AmbiguousError{Prefix: prefix, Matches: matches, More: more}
	}
	return matches[0], nil
}
