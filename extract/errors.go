package extract

import "errors"

// ErrEmpty is returned for an empty document.
var ErrEmpty = errors.New("extract: empty document")

// ErrUnsupported is returned for documents that are neither HTML nor text:
// PDF, Word and other binary attachments.
var ErrUnsupported = errors.New("extract: unsupported document format")
