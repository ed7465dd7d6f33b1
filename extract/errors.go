package extract

import "errors"

// ErrEmpty is returned for an empty document.
var ErrEmpty = errors.New("extract: empty document")

// ErrUnsupported is returned by CleanText for documents that are neither
// HTML nor text: PDF, Word and image attachments. (Extract reports them as
// not a report instead.)
var ErrUnsupported = errors.New("extract: unsupported document format")
