package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
)

// cmdExport writes the extracted reports of the archive (latest version of
// each) as JSON Lines or CSV. "-" as FILE means stdout. --warc is reserved
// for the WARC export of a later issue.
func cmdExport(c *cli, ctx context.Context, args []string) error {
	var cf commonFlags
	var jsonl, csvFile, warc string
	fs := c.newFlags("export", "export --jsonl FILE | --csv FILE", &cf)
	fs.StringVar(&jsonl, "jsonl", "", "write the extracted reports as JSON Lines to `FILE`")
	fs.StringVar(&csvFile, "csv", "", "write one CSV row per report to `FILE`")
	fs.StringVar(&warc, "warc", "", "WARC 1.1 export of the raw archive (not yet supported)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if warc != "" {
		return fmt.Errorf("%w: --warc (WARC export comes in a later release)", errUnsupported)
	}
	if (jsonl == "") == (csvFile == "") {
		return usageError(fs, "give exactly one of --jsonl FILE or --csv FILE")
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
