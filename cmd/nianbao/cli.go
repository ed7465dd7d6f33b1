package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/mattn/go-isatty"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/service"
)

const usage = `nianbao — archive and extract 政府信息公开工作年度报告

usage: nianbao COMMAND [flags]

commands:
  serve         run the daemon: scheduled crawls, HTTP API, metrics
  crawl         crawl portals now, then exit
  config check  validate the configuration
  reports       look up archived reports
  portals       each portal's state, last run, reports by year, and what needs attention
  show          one report: extracted JSON, cleaned text or raw bytes
  history       every archived version of one URL
  extract       clean and extract local files
  export        the raw archive as WARC; extracted reports as JSON Lines / CSV
  healthcheck   probe a running daemon's /healthz (for containers)
  events        events: reports new, changed, withdrawn, restored, late, missing; portals broken
  compliance    every configured agency on time, late, missing or withdrawn for a year

Every command takes -c/--config FILE and --db PATH; the environment
variables NIANBAO_DB and NIANBAO_LISTEN sit between the two and the file.
Run "nianbao COMMAND -h" for a command's flags.
`

// cli carries what every command needs from the process: its streams, its
// environment and whether stderr is a terminal (for progress bars). Tests
// build one directly.
type cli struct {
	stdout, stderr io.Writer
	getenv         func(string) string
	terminal       bool // stderr is an interactive terminal
	now            func() time.Time
	// lockTimeout is how long commands wait for the archive's file lock.
	lockTimeout time.Duration
	// exit ends the process when a second signal asks to force it.
	exit func(int)
	// eventsPage is how many events `events` asks a daemon for per page;
	// zero for the API's maximum (tests make it small).
	eventsPage int
}

// errUsage marks a command line that cannot be run; the command's usage
// has already been printed.
var errUsage = errors.New("usage")

// defaultLockTimeout is how long a command waits for another process to
// release the archive before giving up (or reading through the daemon).
const defaultLockTimeout = 2 * time.Second

// command is one subcommand: it parses its own flags from args.
type command func(c *cli, ctx context.Context, args []string) error

var commands = map[string]command{
	"serve":       cmdServe,
	"crawl":       cmdCrawl,
	"config":      cmdConfig,
	"reports":     cmdReports,
	"portals":     cmdPortals,
	"show":        cmdShow,
	"history":     cmdHistory,
	"extract":     cmdExtract,
	"export":      cmdExport,
	"healthcheck": cmdHealthcheck,
	"events":      cmdEvents,
	"compliance":  cmdCompliance,
}

// run executes one command line and returns the exit status: 0 on success,
// 2 for a command line that cannot be run, 1 for any other failure.
func run(args []string, stdout, stderr io.Writer) int {
	c := &cli{
		stdout:      stdout,
		stderr:      stderr,
		getenv:      os.Getenv,
		now:         time.Now,
		exit:        os.Exit,
		lockTimeout: defaultLockTimeout,
	}
	if f, ok := stderr.(*os.File); ok {
		c.terminal = isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())
	}
	return c.run(context.Background(), args)
}

func (c *cli) run(ctx context.Context, args []string) int {
	// The logger, the signal handler and progress output share stderr.
	c.stderr = &lockedWriter{w: c.stderr}
	if len(args) == 0 || slices.Contains([]string{"help", "-h", "-help", "--help"}, args[0]) {
		fmt.Fprint(c.stdout, usage)
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(c.stderr, "nianbao: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	err := cmd(c, ctx, args[1:])
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	default:
		fmt.Fprintf(c.stderr, "nianbao %s: %s\n", args[0], errorText(args[0], err))
		if errors.Is(err, service.ErrInvalid) || errors.Is(err, service.ErrUnsupported) {
			return 2
		}
		return 1
	}
}

// invalidErr marks err as bad input (service.ErrInvalid: exit 2) without
// adding a word to its message.
type invalidErr struct{ err error }

func invalid(err error) error        { return invalidErr{err} }
func (e invalidErr) Error() string   { return e.err.Error() }
func (e invalidErr) Unwrap() []error { return []error{e.err, service.ErrInvalid} }

// errorText is err's message without a leading "NAME: " that would repeat
// the command's name (the config package's "config: …" under `nianbao
// config`).
func errorText(name string, err error) string {
	return strings.TrimPrefix(err.Error(), name+": ")
}

// newFlags returns a flag set for one command that prints its errors and
// usage to stderr and registers the common -c/--config and --db flags.
func (c *cli) newFlags(name, synopsis string, common *commonFlags) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	fs.Usage = func() {
		fmt.Fprintf(c.stderr, "usage: nianbao %s\n\nflags:\n", synopsis)
		fs.PrintDefaults()
	}
	if common != nil {
		fs.StringVar(&common.config, "c", "", "config `FILE` (YAML); default: the embedded portal list")
		fs.StringVar(&common.config, "config", "", "same as -c")
		fs.StringVar(&common.db, "db", "", "archive `PATH`; overrides NIANBAO_DB and storage.path")
	}
	return fs
}

// parseArgs parses flags that may come before, between or after positional
// arguments ("show ID --json"), returning the positionals in order. Parse
// errors are wrapped in errUsage (the flag package has printed them).
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, fmt.Errorf("%w: %v", errUsage, err)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if len(args) > 0 && len(rest) < len(args) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// parseFlags parses the flags of a command that takes no positional
// arguments.
func parseFlags(fs *flag.FlagSet, args []string) error {
	pos, err := parseArgs(fs, args)
	if err == nil && len(pos) > 0 {
		err = usageError(fs, "unexpected argument %q", pos[0])
	}
	return err
}

// usageError prints msg and the command's usage, and returns errUsage.
func usageError(fs *flag.FlagSet, format string, a ...any) error {
	fmt.Fprintf(fs.Output(), "nianbao %s: %s\n", fs.Name(), fmt.Sprintf(format, a...))
	fs.Usage()
	return errUsage
}

// stringList is a repeatable string flag (--portal A --portal B) that also
// accepts comma-separated values.
type stringList []string

func (l *stringList) String() string { return strings.Join(*l, ",") }

func (l *stringList) Set(s string) error {
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			*l = append(*l, v)
		}
	}
	return nil
}

// lockedWriter serialises writes to w from several goroutines.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
