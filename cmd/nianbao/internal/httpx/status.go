package httpx

import (
	"context"
	"errors"
	"net/http"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/service"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/watch"
	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/store"
)

// statusTable maps error kinds to HTTP status, first match wins. Only an
// error matching none of them is a 500: bad input must never be one.
var statusTable = []struct {
	kind   error
	status int
}{
	{service.ErrInvalid, http.StatusBadRequest},
	{store.ErrInvalid, http.StatusBadRequest},
	{watch.ErrInvalid, http.StatusBadRequest},
	{service.ErrNotFound, http.StatusNotFound},
	{store.ErrNotFound, http.StatusNotFound},
	{service.ErrUnsupported, http.StatusNotImplemented},
	// An archived body the extractor cannot read as text (a PDF behind
	// /text, an empty body) is a property of the document, not a fault.
	{extract.ErrUnsupported, http.StatusUnprocessableEntity},
	{extract.ErrEmpty, http.StatusUnprocessableEntity},
	{context.Canceled, http.StatusServiceUnavailable},
	{context.DeadlineExceeded, http.StatusServiceUnavailable},
}

// StatusOf returns the HTTP status for err according to statusTable.
func StatusOf(err error) int {
	for _, e := range statusTable {
		if errors.Is(err, e.kind) {
			return e.status
		}
	}
	return http.StatusInternalServerError
}
