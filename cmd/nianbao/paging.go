package main

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
)

// Paging limits for list endpoints.
const (
	defaultLimit = 50
	maxLimit     = 500
)

// page is the JSON envelope of every list the API returns. Next is the
// cursor for the following page, empty on the last one.
type page[T any] struct {
	Items []T    `json:"items"`
	Next  string `json:"next,omitempty"`
}

// writePage writes items, converted by conv, as a 200 page envelope.
func writePage[S, T any](w http.ResponseWriter, items []S, next string, conv func(S) T) {
	out := page[T]{Items: make([]T, 0, len(items)), Next: next}
	for _, it := range items {
		out.Items = append(out.Items, conv(it))
	}
	writeJSON(w, http.StatusOK, out)
}

// parseLimit reads ?limit=: absent → defaultLimit; otherwise an integer in
// 1..maxLimit, else errInvalid.
func parseLimit(q url.Values) (int, error) {
	s := q.Get("limit")
	if s == "" {
		return defaultLimit, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > maxLimit {
		return 0, fmt.Errorf("%w: limit %q: want an integer from 1 to %d", errInvalid, s, maxLimit)
	}
	return n, nil
}

// parseYear reads a year parameter: absent → 0 (any year); otherwise a
// plausible report year, else errInvalid.
func parseYear(name, s string) (int, error) {
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1990 || n > 2200 {
		return 0, fmt.Errorf("%w: %s %q: want a year such as 2020", errInvalid, name, s)
	}
	return n, nil
}

// sliceCursor pages a list held in memory. The cursor is the decimal offset
// of the next item; anything else is errInvalid.
func sliceCursor[T any](items []T, limit int, cursor string) ([]T, string, error) {
	off := 0
	if cursor != "" {
		n, err := strconv.Atoi(cursor)
		if err != nil || n < 0 || n > len(items) {
			return nil, "", fmt.Errorf("%w: cursor %q", errInvalid, cursor)
		}
		off = n
	}
	end := min(off+limit, len(items))
	next := ""
	if end < len(items) {
		next = strconv.Itoa(end)
	}
	return items[off:end], next, nil
}
