package httpx

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
)

// EncodeJSON writes v as indented JSON with a trailing newline, leaving
// Chinese text and <, > and & as they are: the format of every JSON
// response and of the commands' JSON output.
func EncodeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// WriteJSON writes v as the JSON body of a response with status, as
// EncodeJSON formats it.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	NoSniff(w)
	w.WriteHeader(status)
	_ = EncodeJSON(w, v) // the status is sent; a failed write means the client left
}

// NoSniff tells browsers to trust the response's Content-Type.
func NoSniff(w http.ResponseWriter) { w.Header().Set("X-Content-Type-Options", "nosniff") }

// Error is the body of every JSON error response.
type Error struct {
	Error string `json:"error"`
}

// HandlerFunc is an HTTP handler that reports failure by returning an
// error.
type HandlerFunc func(w http.ResponseWriter, r *http.Request) error

// ErrorHandler adapts h to http.Handler: a returned error becomes
// {"error": "…"} with the status from StatusOf. Internal errors are
// logged here, where they are handled, and their text is not sent.
func ErrorHandler(log *slog.Logger, h HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := h(w, r)
		if err == nil {
			return
		}
		status := StatusOf(err)
		msg := err.Error()
		if status == http.StatusInternalServerError {
			log.Error("api request failed", "method", r.Method, "path", r.URL.Path, "error", err)
			msg = "internal error"
		}
		WriteJSON(w, status, Error{Error: msg})
	})
}
