package api

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/httpx"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/service"
)

// Page is the JSON envelope of every list the API returns. Next is the
// cursor for the following page, empty on the last one.
type Page[T any] struct {
	Items []T    `json:"items"`
	Next  string `json:"next,omitempty"`
}

// writePage writes items, converted by conv, as a 200 page envelope.
func writePage[S, T any](w http.ResponseWriter, items []S, next string, conv func(S) T) {
	out := Page[T]{Items: make([]T, 0, len(items)), Next: next}
	for _, it := range items {
		out.Items = append(out.Items, conv(it))
	}
	httpx.WriteJSON(w, http.StatusOK, out)
}

// SliceCursor pages a list held in memory. The cursor is the decimal
// offset of the next item; anything else is service.ErrInvalid.
func SliceCursor[T any](items []T, limit int, cursor string) ([]T, string, error) {
	off := 0
	if cursor != "" {
		n, err := strconv.Atoi(cursor)
		if err != nil || n < 0 || n > len(items) {
			return nil, "", fmt.Errorf("%w: cursor %q", service.ErrInvalid, cursor)
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
