package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/daemon"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/service"
)

// healthcheckOptions are the flags of `nianbao healthcheck`.
type healthcheckOptions struct {
	commonFlags
	url     string        // --url: the health URL; "" → the daemon recorded beside the archive, else the configured listen address
	timeout time.Duration // --timeout
}

// cmdHealthcheck parses `nianbao healthcheck`'s flags and runs it.
func cmdHealthcheck(c *cli, ctx context.Context, args []string) error {
	var o healthcheckOptions
	fs := c.newFlags("healthcheck", "healthcheck [-c FILE] [--url URL] [--timeout D]", &o.commonFlags)
	fs.StringVar(&o.url, "url", "", "health `URL`; default: /healthz of the daemon recorded beside the archive, else on the configured listen address")
	fs.DurationVar(&o.timeout, "timeout", 5*time.Second, "give up after `D`")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	return runHealthcheck(c, ctx, o)
}

// runHealthcheck probes a running daemon's /healthz: exit 0 on 200, 1
// otherwise. It needs no shell tools, so a container HEALTHCHECK can call it.
func runHealthcheck(c *cli, ctx context.Context, o healthcheckOptions) error {
	url := o.url
	if url == "" {
		cfg, err := c.loadConfig(o.commonFlags)
		if err != nil {
			return err
		}
		url = "http://" + dialable(cfg.HTTP.Listen) + "/healthz"
		if base, _ := daemon.Find(ctx, cfg.Storage.Path); base != "" {
			url = base + "/healthz"
		}
	}
	ctx, cancel := context.WithTimeout(ctx, o.timeout)
	defer cancel()
	if err := probeHealth(ctx, url); err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, "ok")
	return nil
}

// probeHealth GETs a daemon's health url: nil on 200, service.ErrInvalid for a
// malformed url, otherwise an "unhealthy" error saying why.
func probeHealth(ctx context.Context, url string) error {
	if _, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil); err != nil {
		return fmt.Errorf("%w: url %q: %v", service.ErrInvalid, url, err)
	}
	if err := daemon.Probe(ctx, url); err != nil {
		return fmt.Errorf("unhealthy: %w", err)
	}
	return nil
}

// dialable turns a listen address into one a client can connect to: a
// wildcard or empty host becomes the loopback address.
func dialable(listen string) string {
	host, port, err := net.SplitHostPort(listen)
	if err != nil {
		return listen
	}
	switch host {
	case "", "0.0.0.0":
		host = "127.0.0.1"
	case "::":
		host = "::1"
	}
	return net.JoinHostPort(host, port)
}
