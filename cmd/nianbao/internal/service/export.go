package service

import (
	"context"
	"io"

	"github.com/nianbao/nianbao/config"
	"github.com/nianbao/nianbao/store/warc"
)

// Software names this build in a WARC's warcinfo record: nianbao/VERSION.
func Software() string { return "nianbao/" + config.Version() }

// ExportWARC writes the whole archive to w as WARC 1.1, one gzip member
// per record (see store/warc), stamped with the service's clock. filename
// is the warcinfo record's WARC-Filename ("" omits it). Damaged bodies are
// skipped with a warning each and make it fail at the end, after the rest
// was written.
func (s *Service) ExportWARC(ctx context.Context, w io.Writer, filename string) (warc.Summary, error) {
	return warc.Export(ctx, s.store, w, warc.Options{Software: Software(), Filename: filename, Now: s.now, Logger: s.log})
}
