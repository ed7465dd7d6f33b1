package main

import "errors"

// Error kinds of the command and the API. Everything the caller got wrong is
// errInvalid or errNotFound (wrapped with %w and a message that says what);
// the table in httperr.go maps them to HTTP status, and exitCode to exit
// statuses.
var (
	// errInvalid marks bad input: an unparsable year, limit or cursor, a
	// missing parameter, conflicting flags.
	errInvalid = errors.New("invalid")
	// errNotFound marks a lookup of something the archive does not hold.
	errNotFound = errors.New("not found")
	// errUsage marks a command line that cannot be run; the command's usage
	// has already been printed.
	errUsage = errors.New("usage")
	// errUnsupported marks a documented option that is not implemented yet.
	errUnsupported = errors.New("not yet supported")
)
