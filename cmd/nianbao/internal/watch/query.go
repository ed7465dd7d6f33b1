package watch

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/nianbao/nianbao/store"
)

// Filter selects events. The zero value selects all.
type Filter struct {
	Agency string // substring of the agency, after normalising both (宿遷 finds 宿迁)
	Region string // substring of the region
	Year   int    // report year; 0 for any
	Kind   Kind   // "" for any
	Since  time.Time
	Newest bool // latest first (feeds); oldest first otherwise
	Limit  int  // 0: no cap
	// After continues a listing strictly after that event (in the
	// listing's order); zero for the start. ParseFilter reads it from a
	// cursor.
	After store.EventPos
}

// ParseKind checks a kind name; ErrInvalid names the kinds.
func ParseKind(s string) (Kind, error) {
	if s == "" || slices.Contains(Kinds, Kind(s)) {
		return Kind(s), nil
	}
	names := make([]string, len(Kinds))
	for i, k := range Kinds {
		names[i] = string(k)
	}
	return "", fmt.Errorf("watch: kind %q is not one of %s: %w", s, strings.Join(names, ", "), ErrInvalid)
}

// Events lists the archive's events that f selects. normalize is the
// agency normaliser (nil: compare as given).
func Events(ctx context.Context, a Archive, f Filter, normalize func(string) string) ([]Event, error) {
	if normalize == nil {
		normalize = func(s string) string { return s }
	}
	needle := normalize(f.Agency)
	kindMark := []byte(`"kind":"` + string(f.Kind) + `"`)
	normalized := map[string]string{} // raw agency → normalised, for this listing
	var out []Event
	var decodeErr error
	_, err := a.Events(ctx, store.EventQuery{Since: f.Since, Newest: f.Newest, Limit: f.Limit, After: f.After, Match: func(s store.Event) bool {
		if f.Kind != "" && !bytes.Contains(s.Data, kindMark) {
			return false
		}
		if needle != "" { // most events are of other agencies: skip them before decoding
			raw, ok := peekString(s.Data, `"agency":`)
			n, seen := normalized[raw]
			if !seen {
				n = normalize(raw)
				normalized[raw] = n
			}
			if ok && !strings.Contains(n, needle) {
				return false
			}
		}
		var e Event
		if err := json.Unmarshal(s.Data, &e); err != nil {
			decodeErr = fmt.Errorf("watch: decode event %s: %w", s.ID, err)
			return false
		}
		if (f.Kind != "" && e.Kind != f.Kind) || (f.Year != 0 && e.Year != f.Year) ||
			(f.Region != "" && !strings.Contains(e.Region, f.Region)) ||
			(needle != "" && !strings.Contains(normalize(e.Agency), needle)) {
			return false
		}
		out = append(out, e)
		return true
	}})
	if err != nil {
		return nil, fmt.Errorf("watch: events: %w", err)
	}
	if decodeErr != nil {
		return nil, decodeErr
	}
	return out, nil
}

// peekString reads the JSON string value that follows key (e.g.
// `"agency":`) in data, without decoding the rest; ok is false when the
// key is absent or its value is not a string.
func peekString(data []byte, key string) (string, bool) {
	i := bytes.Index(data, []byte(key))
	if i < 0 {
		return "", false
	}
	rest := data[i+len(key):]
	if len(rest) == 0 || rest[0] != '"' {
		return "", false
	}
	for j := 1; j < len(rest); j++ {
		switch rest[j] {
		case '\\':
			j++
		case '"':
			var v string
			if json.Unmarshal(rest[:j+1], &v) != nil {
				return "", false
			}
			return v, true
		}
	}
	return "", false
}
