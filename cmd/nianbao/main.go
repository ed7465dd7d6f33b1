// Command nianbao collects, archives and extracts Chinese government
// information-disclosure annual reports (政府信息公开工作年度报告).
//
// main only parses the command line, wires signals and maps errors to exit
// codes; the work is done by the packages it wires together.
package main

import (
	"fmt"
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

const usage = `nianbao — archive and extract 政府信息公开工作年度报告

usage: nianbao COMMAND [flags]

commands:
  serve         run the daemon: scheduled crawls, HTTP API, metrics
  crawl         crawl portals now, then exit
  config check  validate the configuration
  reports       look up archived reports
  show          one report: extracted JSON, cleaned text or raw bytes
  history       every archived version of one URL
  extract       clean and extract local files
  export        WARC / JSON Lines / CSV exports
  healthcheck   probe a running daemon's /healthz (for containers)
`

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "nianbao: unknown command %q\n\n%s", args[0], usage)
	return 2
}
