package service

import "errors"

// Error kinds of the service, the API and the commands. Everything a
// caller got wrong is ErrInvalid or ErrNotFound, wrapped with %w and a
// message that says what; httpx maps them to HTTP status, the CLI to exit
// statuses.
var (
	// ErrInvalid marks bad input: an unparsable year, limit or cursor, a
	// missing parameter, conflicting flags.
	ErrInvalid = errors.New("invalid")
	// ErrNotFound marks a lookup of something the archive does not hold.
	ErrNotFound = errors.New("not found")
	// ErrUnsupported marks a documented option that is not implemented yet.
	ErrUnsupported = errors.New("not yet supported")
)
