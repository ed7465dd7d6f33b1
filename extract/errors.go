package extract

import "errors"

// ErrEmpty is returned for an empty document.
var ErrEmpty = errors.New("extract: empty document")
