package watch

import "errors"

// ErrInvalid marks a bad argument from the caller (a year out of range, an
// unknown kind, a malformed time): the API answers it with 400.
var ErrInvalid = errors.New("invalid argument")
