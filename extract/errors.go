package extract

import "errors"

// ErrEmpty is returned for an empty document.
var ErrEmpty = errors.New("extract: empty document")

// ErrUnsupported is returned by CleanText for documents it recognises but
// does not read — legacy .doc/.wps/.xls/.et, images, other archives — and
// for damaged PDFs; the error names the format. (Extract reports them as
// not a report instead.)
var ErrUnsupported = errors.New("extract: unsupported document format")
