package warc

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/google/uuid"
	gowarc "github.com/nlnwa/gowarc/v3"

	"github.com/nianbao/nianbao/store"
)

// Options configure Export. The zero value is usable.
type Options struct {
	// Software names the producer in the warcinfo record, e.g.
	// "nianbao/v1.2.0"; empty means "nianbao".
	Software string
	// Filename is the warcinfo record's WARC-Filename; empty omits it (as
	// for a WARC written to stdout).
	Filename string
	// Now stamps the warcinfo record; nil means time.Now.
	Now func() time.Time
	// Namespace seeds the record ids; the zero UUID means a random one per
	// export. Fix it (and Now) for byte-identical exports in tests.
	Namespace uuid.UUID
	// Logger receives a warning per skipped version; nil discards them.
	Logger *slog.Logger
}

// Summary counts what Export wrote.
type Summary struct {
	Warcinfo, Responses, Revisits, Metadata int
	// Requests counts request records: one per capture made by a request
	// other than a plain GET.
	Requests int
	// Skipped counts versions left out because their body could not be
	// read (and revisits of such a body).
	Skipped int
	// PayloadBytes is the sum of the bodies written in response records.
	PayloadBytes int64
	// Bytes is what was written to w: the compressed file size.
	Bytes int64
}

// Records is the number of records written.
func (s Summary) Records() int {
	return s.Warcinfo + s.Responses + s.Revisits + s.Metadata + s.Requests
}

// Export writes every version of the archive s to w as a WARC 1.1 file with
// one gzip member per record, streaming: it holds one body at a time and
// reads versions through store.EachVersion's short read transactions. The
// Summary counts what was written, also when an error is returned.
//
// A version whose body is damaged or missing is skipped (with a warning to
// Options.Logger); the export goes on and then returns an error wrapping
// store.ErrCorrupt. Any other error (writing w, reading the versions, ctx
// ending) stops the export and is returned wrapped; w then holds a partial
// file that ends on a record boundary only if the failure was not a write.
func Export(ctx context.Context, s *store.Store, w io.Writer, opts Options) (Summary, error) {
	e := newExporter(s, w, opts)
	if err := e.writeWarcinfo(); err != nil {
		return e.sum, fmt.Errorf("warc: write warcinfo: %w", err)
	}
	err := s.EachVersion(ctx, func(v store.Version) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		return e.version(ctx, v)
	})
	if err != nil {
		return e.sum, fmt.Errorf("warc: export %s: %w", s.Path(), err)
	}
	if e.sum.Skipped > 0 {
		return e.sum, fmt.Errorf("warc: export %s: %d versions skipped: %w", s.Path(), e.sum.Skipped, store.ErrCorrupt)
	}
	return e.sum, nil
}

// exporter is the state of one Export.
type exporter struct {
	s        *store.Store
	out      *memberWriter
	opts     Options
	log      *slog.Logger
	ns       uuid.UUID
	infoID   string
	refs     *refCache
	skipped  map[string]bool // vids of responses left out: their revisits are too
	recOpts  []gowarc.WarcRecordOption
	sum      Summary
	marshal  gowarc.Marshaler
	software string
}

func newExporter(s *store.Store, w io.Writer, opts Options) *exporter {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	ns := opts.Namespace
	if ns == uuid.Nil {
		ns = uuid.New()
	}
	software := opts.Software
	if software == "" {
		software = "nianbao"
	}
	e := &exporter{s: s, out: newMemberWriter(w), opts: opts, log: log, ns: ns,
		refs: newRefCache(s, refCacheSize), skipped: map[string]bool{},
		marshal: gowarc.NewMarshaler(), software: software}
	e.recOpts = []gowarc.WarcRecordOption{
		gowarc.WithVersion(gowarc.V1_1),
		gowarc.WithDefaultDigestAlgorithm("sha256"),
		gowarc.WithAddMissingDigest(true),
		gowarc.WithAddMissingContentLength(true),
	}
	e.infoID = e.recordID("warcinfo", "")
	return e
}

// version writes the records of one version.
func (e *exporter) version(ctx context.Context, v store.Version) error {
	switch v.Outcome {
	case store.OutcomeNew:
		return e.writeResponse(ctx, v)
	case store.OutcomeUnchanged, store.OutcomeNotModified:
		if v.HasBody() {
			return e.writeRevisit(ctx, v)
		}
		// A 304 with no body in force (e.g. after a tombstone): nothing to
		// revisit, so it is kept like a failure.
		return e.writeOutcome(v)
	default:
		return e.writeOutcome(v)
	}
}

// skip counts a version left out and warns about it.
func (e *exporter) skip(v store.Version, err error) {
	e.sum.Skipped++
	e.log.Warn("warc: version skipped", "version", v.ID, "url", v.URL, "sha256", v.SHA256, "error", err)
}

// unreadable reports whether err means the body is damaged or missing: a
// version to skip, not a reason to stop.
func unreadable(err error) bool {
	return errors.Is(err, store.ErrCorrupt) || errors.Is(err, store.ErrNotFound)
}
