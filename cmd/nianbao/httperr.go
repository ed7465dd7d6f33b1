package main

import (
	"context"
	"errors"
	"log/slog"
	"net/http"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/store"
)

// statusTable maps error kinds to HTTP status, first match wins. Only an
// error matching none of them is a 500: bad input must never be one.
var statusTable = []struct {
	kind   error
	status int
}{
	{errInvalid, http.StatusBadRequest},
	{store.ErrInvalid, http.StatusBadRequest},
	{errNotFound, http.StatusNotFound},
	{store.ErrNotFound, http.StatusNotFound},
	{errUnsupported, http.StatusNotImplemented},
	// An archived body the extractor cannot read as text (a PDF behind
	// /text, an empty body) is a property of the document, not a fault.
	{extract.ErrUnsupported, http.StatusUnprocessableEntity},
	{extract.ErrEmpty, http.StatusUnprocessableEntity},
	{context.Canceled, http.StatusServiceUnavailable},
	{context.DeadlineExceeded, http.StatusServiceUnavailable},
}

// statusOf returns the HTTP status for err according to statusTable.
func statusOf(err error) int {
	for _, e := range statusTable {
		if errors.Is(err, e.kind) {
			return e.status
		}
	}
	return http.StatusInternalServerError
}

// apiError is the body of every error response.
type apiError struct {
	Error string `json:"error"`
}

// handlerFunc is an HTTP handler that reports failure by returning an error.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// errorHandler adapts handlerFunc to http.Handler: a returned error becomes
// {"error": "…"} with the status from statusTable. Internal errors are
// logged here, where they are handled, and their text is not sent.
func errorHandler(log *slog.Logger, h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := h(w, r)
		if err == nil {
			return
		}
		status := statusOf(err)
		msg := err.Error()
		if status == http.StatusInternalServerError {
			log.Error("api request failed", "method", r.Method, "path", r.URL.Path, "error", err)
			msg = "internal error"
		}
		writeJSON(w, status, apiError{Error: msg})
	})
}

// writeJSON writes v as the JSON body of a response with status, as
// writeJSONTo formats it.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_ = writeJSONTo(w, v) // the status is sent; a failed write means the client left
}
