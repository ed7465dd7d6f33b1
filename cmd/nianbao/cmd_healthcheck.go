package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"time"
)

// cmdHealthcheck probes a running daemon's /healthz: exit 0 on 200, 1
// otherwise. It needs no shell tools, so a container HEALTHCHECK can call it.
func cmdHealthcheck(c *cli, ctx context.Context, args []string) error {
	var (
		cf      commonFlags
		url     string
		timeout time.Duration
	)
	fs := c.newFlags("healthcheck", "healthcheck [-c FILE] [--url URL] [--timeout D]", &cf)
	fs.StringVar(&url, "url", "", "health `URL`; default: /healthz on the configured listen address")
	fs.DurationVar(&timeout, "timeout", 5*time.Second, "give up after `D`")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if url == "" {
		cfg, err := c.loadConfig(cf)
		if err != nil {
			return err
		}
		url = "http://" + dialable(cfg.HTTP.Listen) + "/healthz"
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if err := probeHealth(ctx, url); err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, "ok")
	return nil
}

// probeHealth GETs a daemon's health url: nil on 200, errInvalid for a
// malformed url, otherwise an "unhealthy" error saying why.
func probeHealth(ctx context.Context, url string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return fmt.Errorf("%w: url %q: %v", errInvalid, url, err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("unhealthy: %w", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("unhealthy: %s answered %s", url, resp.Status)
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
