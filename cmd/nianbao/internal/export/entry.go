package export

import (
	"io"
	"time"

	"github.com/nianbao/nianbao/extract"
)

// Entry is one report to export.
type Entry struct {
	// Report is the extraction of the report's latest version, with ID and
	// Source filled.
	Report *extract.Report
	// Status is the report's status in the archive (live, gone, failing)
	// and StatusSince when it began (zero when live).
	Status      string
	StatusSince time.Time
}

// Writer takes reports one by one. Write returns the first error of the
// underlying writer; Close finishes the file (it does not close the
// io.Writer the Writer was made with).
type Writer interface {
	Write(Entry) error
	Close() error
}

// Options adjust the writers.
type Options struct {
	// NoBOM leaves out the UTF-8 byte-order mark that CSV files start with.
	NoBOM bool
}

// bom is the UTF-8 byte-order mark.
const bom = "\uFEFF"

// writeBOM starts a CSV file unless opts say not to.
func writeBOM(w io.Writer, opts Options) error {
	if opts.NoBOM {
		return nil
	}
	_, err := io.WriteString(w, bom)
	return err
}

// sourceOf returns the report's source, never nil.
func sourceOf(r *extract.Report) extract.Source {
	if r.Source == nil {
		return extract.Source{}
	}
	return *r.Source
}

// timeText renders t as RFC 3339 in UTC, "" for the zero time.
func timeText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
