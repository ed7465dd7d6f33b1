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
// document, its text and tables rebuilt). A document that is recognised
// but cannot be read (legacy .doc/.wps/.xls/.et, an image, a damaged PDF)
// fails the command in both formats — JSON still prints its report, whose
// is_report_reason says why — so the exit status is the same either way.
func runExtract(c *cli, o extractOptions, files []string) error {
	format := o.format
	x, err := extract.New()
	if err != nil {
		return fmt.Errorf("extractor: %w", err)
	}
	defer x.Close()
	var reports []*extract.Report
	var unread []error
	for _, name := range files {
		body, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		in := extract.Input{Body: body, ContentType: contentTypeOf(name), Agency: o.agency, Region: o.region}
		if format == "text" {
			text, err := x.CleanText(in)
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			if len(files) > 1 {
				fmt.Fprintf(c.stdout, "==> %s <==\n", name)
			}
			fmt.Fprintln(c.stdout, strings.TrimRight(text, "\n"))
			continue
		}
		rep, err := x.Extract(in)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if rep.Unread() {
			unread = append(unread, fmt.Errorf("%s: %w: %s", name, extract.ErrUnsupported, strings.TrimPrefix(rep.IsReportReason, "document not read: ")))
		}
		reports = append(reports, rep)
	}
	switch {
	case format == "text":
	case len(reports) == 1:
		err = httpx.EncodeJSON(c.stdout, reports[0])
	default:
		err = httpx.EncodeJSON(c.stdout, reports)
	}
	if err != nil {
		return err
	}
	return errors.Join(unread...)
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
