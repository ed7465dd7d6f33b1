package config

import (
	"runtime/debug"
	"time"
)

// Built-in defaults, used for whatever a file leaves out.
const (
	DefaultStoragePath = "./nianbao-data/archive.db"
	DefaultListen      = "127.0.0.1:8080"
	DefaultUITimezone  = "Asia/Shanghai" // China Standard Time, the portals' own
	DefaultPagination  = "auto"
	projectURL         = "https://github.com/nianbao/nianbao"
)

// DefaultCrawl returns the built-in crawl settings: one request per second
// per host, two at a time, 30 s timeout, 20 MiB bodies, 3 retries, robots.txt
// obeyed, at most 2000 pages per run, attachments fetched, and the
// user agent UserAgent(version of this build).
func DefaultCrawl() Crawl {
	return Crawl{
		UserAgent:   UserAgent(Version()),
		Delay:       time.Second,
		Parallelism: 2,
		Timeout:     30 * time.Second,
		MaxBody:     20 << 20,
		Retries:     3,
		Robots:      true,
		MaxPages:    2000,
		Attachments: true,
	}
}

// UserAgent is the default User-Agent for a given nianbao version:
// "nianbao/VERSION (+https://github.com/nianbao/nianbao)".
func UserAgent(version string) string {
	return "nianbao/" + version + " (+" + projectURL + ")"
}

// Version is the main module's version stamped by the Go toolchain, or
// "dev" for a build without one: the one version string of nianbao (the
// default User-Agent, the WARC software field).
func Version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok || info.Main.Version == "" || info.Main.Version == "(devel)" {
		return "dev"
	}
	return info.Main.Version
}
