package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/httpx"
	"github.com/nianbao/nianbao/extract"
)

// extractOptions are the flags of `nianbao extract`.
type extractOptions struct {
	commonFlags           // accepted like everywhere; extract reads no config or archive
	format         string // --format: json or text
	agency, region string // hints for pages that do not name them
}

// cmdExtract parses `nianbao extract`'s flags and runs it on the files
// named.
func cmdExtract(c *cli, _ context.Context, args []string) error {
	var o extractOptions
	fs := c.newFlags("extract", "extract [--format json|text] [--agency NAME] [--region NAME] FILE…", &o.commonFlags)
	fs.StringVar(&o.format, "format", "json", "output: json (the extracted report) or text (the cleaned text)")
	fs.StringVar(&o.agency, "agency", "", "agency `NAME` to assume when the page does not name one")
	fs.StringVar(&o.region, "region", "", "region `NAME` to assume when the page does not name one")
	files, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if o.format != "json" && o.format != "text" {
		return usageError(fs, "--format %q: want json or text", o.format)
	}
	if len(files) == 0 {
		return usageError(fs, "no FILE given")
	}
	return runExtract(c, o, files)
}

// runExtract cleans and extracts local files without an archive: HTML and
// text in any encoding, PDF, DOCX, XLSX and OFD (told apart by content).
// With one file, --format json prints the report object; with several, an
// array in argument order. --format text prints the cleaned text (for a
// document, its text and tables rebuilt), each file under a "==> FILE <=="
// line when there are several.
//
// Both formats treat every file alike: a file that cannot be read or
// extracted, or a document recognised but not readable (legacy
// .doc/.wps/.xls/.et, an image, a damaged PDF), is reported on stderr with
// the same message, the other files are still printed (JSON prints an
// unreadable document's report too: its is_report_reason says why), and
// the command exits 1 when any file failed.
func runExtract(c *cli, o extractOptions, files []string) error {
	x, err := extract.New()
	if err != nil {
		return fmt.Errorf("extractor: %w", err)
	}
	defer x.Close()
	var (
		reports []*extract.Report
		texts   [][2]string // file, cleaned text
		failed  []error
	)
	for _, name := range files {
		body, err := os.ReadFile(name)
		if err != nil {
			failed = append(failed, err) // its text names the file
			continue
		}
		in := extract.Input{Body: body, ContentType: contentTypeOf(name), Agency: o.agency, Region: o.region}
		rep, err := x.Extract(in)
		if err != nil {
			failed = append(failed, fmt.Errorf("%s: %w", name, err))
			continue
		}
		var text string
		if rep.Unread() || o.format == "text" {
			// The cleaned text's error is the one message for a document
			// that is not read, whichever format was asked for.
			if text, err = x.CleanText(in); err != nil {
				failed = append(failed, fmt.Errorf("%s: %w", name, err))
			}
		}
		switch {
		case o.format == "json":
			reports = append(reports, rep)
		case err == nil:
			texts = append(texts, [2]string{name, text})
		}
	}
	switch {
	case o.format == "text":
		for _, t := range texts {
			if len(files) > 1 {
				fmt.Fprintf(c.stdout, "==> %s <==\n", t[0])
			}
			fmt.Fprintln(c.stdout, strings.TrimRight(t[1], "\n"))
		}
	case len(files) == 1 && len(reports) == 1:
		err = httpx.EncodeJSON(c.stdout, reports[0])
	case len(reports) > 0:
		err = httpx.EncodeJSON(c.stdout, reports)
	}
	if err != nil {
		return err
	}
	return errors.Join(failed...)
}

// contentTypeOf guesses a local file's media type from its extension,
// leaving the charset to the extractor's own detection.
func contentTypeOf(name string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".html", ".htm", ".shtml", ".xhtml":
		return "text/html"
	case ".txt", ".text":
		return "text/plain"
	default:
		return ""
	}
}
