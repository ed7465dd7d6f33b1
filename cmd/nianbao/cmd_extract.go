package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/nianbao/nianbao/extract"
)

// cmdExtract cleans and extracts local files without an archive. With one
// file, --format json prints the report object; with several, an array in
// argument order. --format text prints the cleaned text.
func cmdExtract(c *cli, _ context.Context, args []string) error {
	var (
		cf                     commonFlags // accepted like everywhere; extract reads no config or archive
		format, agency, region string
	)
	fs := c.newFlags("extract", "extract [--format json|text] [--agency NAME] [--region NAME] FILE…", &cf)
	fs.StringVar(&format, "format", "json", "output: json (the extracted report) or text (the cleaned text)")
	fs.StringVar(&agency, "agency", "", "agency `NAME` to assume when the page does not name one")
	fs.StringVar(&region, "region", "", "region `NAME` to assume when the page does not name one")
	files, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if format != "json" && format != "text" {
		return usageError(fs, "--format %q: want json or text", format)
	}
	if len(files) == 0 {
		return usageError(fs, "no FILE given")
	}
	x, err := extract.New()
	if err != nil {
		return fmt.Errorf("extractor: %w", err)
	}
	var reports []*extract.Report
	for _, name := range files {
		body, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		in := extract.Input{Body: body, ContentType: contentTypeOf(name), Agency: agency, Region: region}
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
		reports = append(reports, rep)
	}
	switch {
	case format == "text":
		return nil
	case len(reports) == 1:
		return writeJSONTo(c.stdout, reports[0])
	default:
		return writeJSONTo(c.stdout, reports)
	}
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
