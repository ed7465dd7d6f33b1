package httpx

import (
	"fmt"
	"net/url"
	"strconv"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/service"
)

// Paging limits of the API's lists and the web UI's matrix.
const (
	DefaultLimit = 50
	MaxLimit     = 500
)

// ParseLimit reads ?limit=: absent → DefaultLimit; otherwise an integer in
// 1..MaxLimit, else service.ErrInvalid.
func ParseLimit(q url.Values) (int, error) {
	s := q.Get("limit")
	if s == "" {
		return DefaultLimit, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > MaxLimit {
		return 0, fmt.Errorf("%w: limit %q: want an integer from 1 to %d", service.ErrInvalid, s, MaxLimit)
	}
	return n, nil
}

// ParseYear reads a year parameter (or flag) called name: absent → 0 (any
// year); otherwise a plausible report year, else service.ErrInvalid.
func ParseYear(name, s string) (int, error) {
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1990 || n > 2200 {
		return 0, fmt.Errorf("%w: %s %q: want a year such as 2020", service.ErrInvalid, name, s)
	}
	return n, nil
}
