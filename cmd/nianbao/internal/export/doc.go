// Package export turns extracted reports into the files analysts open:
// a wide CSV (one row per report), a long ("tidy") CSV and JSON Lines (one
// row per table cell, for pandas and R), the reports as JSON Lines, and an
// XLSX workbook (a sheet of reports, then one sheet per template table under
// the template's official labels).
//
// Basics: a caller hands each report over as an Entry — the extraction
// (extract.Report, id and source filled) and the archive's status of the
// report (live, gone, failing) — to a Writer made by one of the New
// functions, then calls Close. Writers stream: memory does not grow with the
// number of reports, except the XLSX writer's, which excelize's stream
// writer keeps in temporary files.
//
// Choices: CSV files start with a UTF-8 byte-order mark unless
// Options.NoBOM is set, because Excel on Chinese Windows reads a CSV without
// one as GBK and shows mojibake; pandas reads such a file with
// encoding="utf-8-sig". A blank cell is an empty field (CSV), null (JSON) or
// an empty cell (XLSX), never 0. Column names say what a column holds
// (wide.go lists them with the template's wording); the long exports name
// cells by the keys of report-schema.md and carry the official labels
// beside them.
//
// What it does not do: read the archive or extract anything; it imports
// extract only for the report's Go type and the template's layout.
package export
