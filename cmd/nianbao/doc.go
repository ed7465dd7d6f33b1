// Command nianbao collects, archives and extracts Chinese government
// information-disclosure annual reports (政府信息公开工作年度报告).
//
// This package is the only one that sees every other: it wires config,
// store, crawler and extract into the program users run. It owns
//   - the App (app.go): the daemon behind `nianbao serve` — archive,
//     scheduler, HTTP API and metrics — with its shutdown order and config
//     reloads;
//   - the HTTP API (api.go, portals.go, paging.go, httperr.go): JSON, limit
//     and cursor paging, and the one table mapping error kinds to status;
//   - the crawler's Classifier (classifier.go) and the extraction cache
//     over the archive (extraction.go);
//   - the CLI commands (cmd_*.go), their output (output.go, summary.go,
//     progress.go) and signal handling (signals.go); the read commands work
//     on a reader (reader.go): the archive itself, or a running daemon's
//     API (apireader.go) when the daemon holds the archive.
//
// It owns no storage format, crawl policy or extraction rule: those belong
// to the packages it wires.
//
// Caveats: bbolt locks the archive file. While `serve` runs, reports,
// show, history and export wait two seconds for the lock and then read
// through the daemon's API at the configured listen address (export --warc
// through GET /api/v1/export/warc); crawl cannot run beside the daemon and
// fails with an "in use" error. The web UI (ui*.go, templates in ui/) is
// server-rendered from the same api: GET / (agencies × years),
// /reports/{id} and the version histories with diffs.
package main
