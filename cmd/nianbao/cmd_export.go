package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime/debug"

	"github.com/nianbao/nianbao/store/warc"
)

// cmdExport writes the raw archive as WARC 1.1 (gzip per record), or the
// extracted reports of the archive (latest version of each) as JSON Lines
// or CSV. "-" as FILE means stdout.
func cmdExport(c *cli, ctx context.Context, args []string) error {
	var cf commonFlags
	var jsonl, csvFile, warcFile string
	fs := c.newFlags("export", "export --warc FILE | --jsonl FILE | --csv FILE", &cf)
	fs.StringVar(&warcFile, "warc", "", "write the raw archive, every version as fetched, as WARC 1.1 (one gzip member per record) to `FILE`")
	fs.StringVar(&jsonl, "jsonl", "", "write the extracted reports as JSON Lines to `FILE`")
	fs.StringVar(&csvFile, "csv", "", "write one CSV row per report to `FILE`")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if n := countNonEmpty(warcFile, jsonl, csvFile); n != 1 {
		return usageError(fs, "give exactly one of --warc FILE, --jsonl FILE or --csv FILE")
	}
	if warcFile != "" {
		return exportWARC(c, ctx, cf, warcFile)
	}
	rd, err := c.openReader(cf)
	if err != nil {
		return err
	}
	defer rd.Close()
	name, write := jsonl, exportJSONL
	if csvFile != "" {
		name, write = csvFile, exportCSV
	}
	return writeFile(c, name, func(w io.Writer) error { return write(ctx, rd, w) })
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

// exportWARC writes the archive as a WARC file and prints a summary line
// to stderr, also when the export fails part way. When a running daemon
// holds the archive, the file comes from its API (GET /api/v1/export/warc).
// Damaged bodies are skipped with a warning each and make the command fail
// at the end (store.ErrCorrupt), after the rest was written.
func exportWARC(c *cli, ctx context.Context, cf commonFlags, name string) error {
	cfg, err := c.loadConfig(cf)
	if err != nil {
		return err
	}
	log := c.quietLogger()
	var export func(w io.Writer) (warc.Summary, error)
	s, err := openStore(cfg, log, c.now, c.lockTimeout, nil)
	if err == nil {
		defer s.Close()
		opts := warc.Options{Software: software(), Now: c.now, Logger: log}
		if name != "-" {
			opts.Filename = filepath.Base(name)
		}
		export = func(w io.Writer) (warc.Summary, error) { return warc.Export(ctx, s, w, opts) }
	} else {
		base, err := c.daemonInstead(cfg, err)
		if err != nil {
			return err
		}
		export = func(w io.Writer) (warc.Summary, error) { return warcFromDaemon(ctx, base, w) }
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
	fmt.Fprintf(c.stderr, "nianbao export: %d WARC records (%d warcinfo, %d response, %d revisit, %d metadata), %d payload bytes, %d bytes written%s\n",
		sum.Records(), sum.Warcinfo, sum.Responses, sum.Revisits, sum.Metadata, sum.PayloadBytes, sum.Bytes, skipped)
	return err
}

// warcFromDaemon copies a running daemon's WARC export to w and returns
// the summary and error it sent in its trailers.
func warcFromDaemon(ctx context.Context, base string, w io.Writer) (warc.Summary, error) {
	var sum warc.Summary
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/api/v1/export/warc", nil)
	if err != nil {
		return sum, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return sum, fmt.Errorf("daemon at %s: %w", base, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return sum, fmt.Errorf("daemon at %s: WARC export: %s", base, resp.Status)
	}
	if _, err := io.Copy(w, resp.Body); err != nil {
		return sum, fmt.Errorf("daemon at %s: WARC export: %w", base, err)
	}
	js := resp.Trailer.Get(trailerWARCSummary)
	if js == "" || json.Unmarshal([]byte(js), &sum) != nil {
		return sum, fmt.Errorf("daemon at %s: WARC export ended without its summary", base)
	}
	if msg := resp.Trailer.Get(trailerWARCError); msg != "" {
		return sum, fmt.Errorf("daemon at %s: %s", base, msg)
	}
	return sum, nil
}

// software names this build in a WARC's warcinfo record: nianbao/VERSION.
func software() string {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return "nianbao/" + info.Main.Version
	}
	return "nianbao/dev"
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

// eachExtracted calls fn with the extracted JSON (compact, one line) of
// the latest version of every report, in index order.
func eachExtracted(ctx context.Context, rd reader, fn func(reportSummary, []byte) error) error {
	reports, err := rd.reports(ctx, "", 0)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	for _, r := range reports {
		rep, err := rd.report(ctx, r.ID, "")
		if err != nil {
			return fmt.Errorf("report %s: %w", r.ID, err)
		}
		buf.Reset()
		if err := json.Compact(&buf, rep); err != nil {
			return fmt.Errorf("report %s: %w", r.ID, err)
		}
		if err := fn(r, buf.Bytes()); err != nil {
			return err
		}
	}
	return nil
}

func exportJSONL(ctx context.Context, rd reader, w io.Writer) error {
	return eachExtracted(ctx, rd, func(_ reportSummary, data []byte) error {
		if _, err := w.Write(data); err != nil {
			return err
		}
		_, err := w.Write([]byte{'\n'})
		return err
	})
}
