// Command nianbao collects, archives and extracts Chinese government
// information-disclosure annual reports (政府信息公开工作年度报告).
//
// This package holds the command line only: flags, commands and wiring.
// cli.go dispatches to one file per command, cmd_NAME.go, which declares
// the command's options struct (its flags), cmdNAME (parse and check
// them) and runNAME (do the work). The rest lives in packages of its own
// under internal/: service (the report service over the archive, the
// crawler's Classifier), api and webui (the HTTP surfaces), daemon (the
// App behind `serve`), httpx (what api and webui share), watch (events,
// deadlines, feeds and webhooks derived from the archive).
//
// Basics: every command takes -c/--config FILE and --db PATH; the
// environment variables NIANBAO_DB and NIANBAO_LISTEN sit between the two
// and the file. Exit status 0 is success, 2 a command line that cannot be
// run (or bad input), 1 any other failure.
//
// Caveats: bbolt locks the archive file. While `serve` runs, reports,
// show, history and export wait two seconds for the lock and then read
// through the daemon's API at the configured listen address (export --warc
// through GET /api/v1/export/warc); crawl cannot run beside the daemon and
// fails with an "in use" error.
package main
