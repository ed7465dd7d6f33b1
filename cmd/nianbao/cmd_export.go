package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"

	"github.com/mattn/go-isatty"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/api"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/daemon"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/export"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/httpx"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/service"
	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/store"
	"github.com/nianbao/nianbao/store/warc"
)

// exportOptions are the flags of `nianbao export`: exactly one output,
// "-" meaning stdout.
type exportOptions struct {
	commonFlags
	warc, jsonl, csv, longCSV, longJSONL, xlsx string // FILE of each output
	noBOM                                      bool   // --no-bom: CSV without the UTF-8 byte-order mark
}

// cmdExport parses `nianbao export`'s flags and runs it.
func cmdExport(c *cli, ctx context.Context, args []string) error {
	var o exportOptions
	fs := c.newFlags("export", "export --warc FILE | --jsonl FILE | --csv FILE | --long-csv FILE | --long-jsonl FILE | --xlsx FILE [--no-bom]", &o.commonFlags)
	fs.StringVar(&o.warc, "warc", "", "write the raw archive, every version as fetched, as WARC 1.1 (one gzip member per record) to `FILE`")
	fs.StringVar(&o.jsonl, "jsonl", "", "write the extracted reports as JSON Lines (with their status) to `FILE`")
	fs.StringVar(&o.csv, "csv", "", "write one CSV row per report to `FILE`")
	fs.StringVar(&o.longCSV, "long-csv", "", "write one CSV row per table cell (a long, tidy table) to `FILE`")
	fs.StringVar(&o.longJSONL, "long-jsonl", "", "write one JSON line per table cell to `FILE`")
	fs.StringVar(&o.xlsx, "xlsx", "", "write an Excel workbook to `FILE`: a sheet of reports, one per template table")
	fs.BoolVar(&o.noBOM, "no-bom", false, "leave out the UTF-8 byte-order mark CSV files start with (Excel needs it, some tools do not)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if n := countNonEmpty(o.warc, o.jsonl, o.csv, o.longCSV, o.longJSONL, o.xlsx); n != 1 {
		return usageError(fs, "give exactly one of --warc, --jsonl, --csv, --long-csv, --long-jsonl or --xlsx FILE")
	}
	if o.noBOM && o.csv == "" && o.longCSV == "" {
		return usageError(fs, "--no-bom goes with --csv or --long-csv")
	}
	if o.xlsx == "-" && isTerminal(c.stdout) {
		return usageError(fs, "--xlsx -: a workbook is binary; redirect stdout to a file")
	}
	return runExport(c, ctx, o)
}

// runExport writes the raw archive as WARC 1.1 (gzip per record), or the
// extracted reports of the archive (latest version of each, with their
// status) in one of the analysts' formats (package export).
func runExport(c *cli, ctx context.Context, o exportOptions) error {
	if o.warc != "" {
		return runExportWARC(c, ctx, o.commonFlags, o.warc)
	}
	rd, err := c.openReader(ctx, o.commonFlags)
	if err != nil {
		return err
	}
	defer rd.Close()
	opts := export.Options{NoBOM: o.noBOM}
	var name string
	var open func(io.Writer) (export.Writer, error)
	switch {
	case o.jsonl != "":
		name, open = o.jsonl, func(w io.Writer) (export.Writer, error) { return export.NewReportsJSONL(w), nil }
	case o.csv != "":
		name, open = o.csv, func(w io.Writer) (export.Writer, error) { return export.NewWideCSV(w, opts) }
	case o.longCSV != "":
		name, open = o.longCSV, func(w io.Writer) (export.Writer, error) { return export.NewLongCSV(w, opts) }
	case o.longJSONL != "":
		name, open = o.longJSONL, func(w io.Writer) (export.Writer, error) { return export.NewLongJSONL(w), nil }
	default:
		name, open = o.xlsx, export.NewXLSX
	}
	return writeFile(c, name, func(w io.Writer) error {
		ew, err := open(w)
		if err != nil {
			return err
		}
		if err := eachExtracted(ctx, rd, ew.Write); err != nil {
			return err
		}
		return ew.Close()
	})
}

// isTerminal reports whether w is an interactive terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && isatty.IsTerminal(f.Fd())
}

func countNonEmpty(ss ...string) int {
	n := 0
	for _, s := range ss {
		if s != "" {
			n++
		}
	}
	return n
}

// runExportWARC writes the archive as a WARC file and prints a summary line
// to stderr, also when the export fails part way. When a running daemon
// holds the archive, the file comes from its API (GET /api/v1/export/warc).
// Damaged bodies are skipped with a warning each and make the command fail
// at the end (store.ErrCorrupt), after the rest was written.
func runExportWARC(c *cli, ctx context.Context, cf commonFlags, name string) error {
	cfg, err := c.loadConfig(cf)
	if err != nil {
		return err
	}
	var export func(w io.Writer) (warc.Summary, error)
	base, _ := daemon.Find(ctx, cfg.Storage.Path)
	var svc *service.Service
	if base == "" {
		svc, err = c.openReadOnly(cfg)
	}
	switch {
	case base != "":
		c.readingThrough(base)
		d := daemonAPI{base: base, token: cfg.HTTP.Token}
		export = func(w io.Writer) (warc.Summary, error) { return warcFromDaemon(ctx, d, w) }
	case err == nil:
		defer svc.Close()
		filename := ""
		if name != "-" {
			filename = filepath.Base(name)
		}
		export = func(w io.Writer) (warc.Summary, error) { return svc.ExportWARC(ctx, w, filename) }
	default:
		d, err := c.daemonInstead(ctx, cfg, err)
		if err != nil {
			return err
		}
		export = func(w io.Writer) (warc.Summary, error) { return warcFromDaemon(ctx, d, w) }
	}
	var sum warc.Summary
	err = writeFile(c, name, func(w io.Writer) error {
		var err error
		sum, err = export(w)
		return err
	})
	skipped := ""
	if sum.Skipped > 0 {
		skipped = fmt.Sprintf(", %d versions skipped", sum.Skipped)
	}
	requests := ""
	if sum.Requests > 0 { // POST captures (list APIs) only: most archives have none
		requests = fmt.Sprintf(", %d request", sum.Requests)
	}
	fmt.Fprintf(c.stderr, "nianbao export: %d WARC records (%d warcinfo, %d response, %d revisit, %d metadata%s), %d payload bytes, %d bytes written%s\n",
		sum.Records(), sum.Warcinfo, sum.Responses, sum.Revisits, sum.Metadata, requests, sum.PayloadBytes, sum.Bytes, skipped)
	return err
}

// warcFromDaemon copies a running daemon's WARC export to w and returns
// the summary and error it sent in its trailers.
func warcFromDaemon(ctx context.Context, d daemonAPI, w io.Writer) (warc.Summary, error) {
	var sum warc.Summary
	base := d.base
	resp, err := d.get(ctx, "/api/v1/export/warc", nil)
	if err != nil {
		return sum, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		var e httpx.Error
		if b, _ := io.ReadAll(io.LimitReader(resp.Body, 4<<10)); json.Unmarshal(b, &e) != nil || e.Error == "" {
			e.Error = resp.Status
		}
		return sum, fmt.Errorf("daemon at %s: WARC export: %s", base, e.Error)
	}
	if _, err := io.Copy(w, resp.Body); err != nil {
		return sum, fmt.Errorf("daemon at %s: WARC export: %w", base, err)
	}
	js := resp.Trailer.Get(api.TrailerWARCSummary)
	if js == "" || json.Unmarshal([]byte(js), &sum) != nil {
		return sum, fmt.Errorf("daemon at %s: WARC export ended without its summary", base)
	}
	if msg := resp.Trailer.Get(api.TrailerWARCError); msg != "" {
		return sum, fmt.Errorf("daemon at %s: %s", base, msg)
	}
	return sum, nil
}

// writeFile runs write on FILE (created or truncated) or on stdout for "-".
// A partly written file is left in place, with the error returned.
func writeFile(c *cli, name string, write func(io.Writer) error) error {
	if name == "-" {
		return write(c.stdout)
	}
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	err = write(bw)
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// eachExtracted calls fn with the extraction of the latest version of
// every report, in index order, and the report's status in the archive.
func eachExtracted(ctx context.Context, rd reader, fn func(export.Entry) error) error {
	reports, err := rd.reports(ctx, store.ReportQuery{})
	if err != nil {
		return err
	}
	for _, r := range reports {
		data, err := rd.report(ctx, r.ID, "")
		if err != nil {
			return fmt.Errorf("report %s: %w", r.ID, err)
		}
		rep := new(extract.Report)
		if err := json.Unmarshal(data, rep); err != nil {
			return fmt.Errorf("report %s: %w", r.ID, err)
		}
		e := export.Entry{Report: rep, Status: r.Status}
		if r.StatusSince != nil {
			e.StatusSince = *r.StatusSince
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	return nil
}
