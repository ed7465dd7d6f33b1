// Package httpx holds what nianbao's two HTTP surfaces, the JSON API and
// the web UI, share: the table mapping error kinds to HTTP status, the
// JSON encoding of every response and CLI output, the handler type that
// returns errors, the nosniff header, and the limit and year parameters
// both read.
//
// Basics: a handler is a HandlerFunc that returns an error instead of
// writing one; ErrorHandler turns it into {"error": "…"} with the status
// StatusOf gives. The web UI renders its own HTML error page from the same
// StatusOf.
//
// Caveats: only an error matching no kind in the table is a 500, and its
// text is logged, never sent. Bad input must therefore always carry
// service.ErrInvalid (or store.ErrInvalid).
package httpx
