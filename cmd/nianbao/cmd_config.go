package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/nianbao/nianbao/config"
)

// cmdConfig dispatches "config SUBCOMMAND"; only "check" exists.
func cmdConfig(c *cli, ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "check" {
		fmt.Fprintln(c.stderr, "usage: nianbao config check [-c FILE] [--db PATH]")
		return errUsage
	}
	return cmdConfigCheck(c, ctx, args[1:])
}

// configCheckOptions are the flags of `nianbao config check`.
type configCheckOptions struct {
	commonFlags
}

// cmdConfigCheck parses `nianbao config check`'s flags and runs it.
func cmdConfigCheck(c *cli, _ context.Context, args []string) error {
	var o configCheckOptions
	fs := c.newFlags("config check", "config check [-c FILE] [--db PATH]", &o.commonFlags)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	return runConfigCheck(c, o)
}

// runConfigCheck validates the config: every problem on its own line as
// FILE:LINE: FIELD: MESSAGE, exit 1 when there is any; a valid config is
// summarised (archive, listen address, each portal with its next run),
// with a warning on stderr when the file holds a secret that other users
// can read.
func runConfigCheck(c *cli, o configCheckOptions) error {
	cfg, err := c.loadConfig(o.commonFlags)
	var verr *config.ValidationError
	if errors.As(err, &verr) {
		for _, p := range verr.Problems {
			fmt.Fprintln(c.stderr, p.String())
		}
		return errors.New(verr.Headline())
	}
	if err != nil {
		return err
	}
	warn, err := cfg.SecretFileWarning()
	if err != nil {
		return err
	}
	if warn != "" {
		fmt.Fprintln(c.stderr, "warning: "+warn)
	}
	return cfg.Summary(c.now()).WriteText(c.stdout)
}
