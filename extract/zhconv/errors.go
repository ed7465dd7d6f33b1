package zhconv

import "errors"

// ErrDictionary is returned (wrapped) by New when an embedded dictionary
// cannot be parsed. It indicates a broken build or a bad refresh of dict/,
// never a problem with the text being converted.
var ErrDictionary = errors.New("zhconv: malformed dictionary")
