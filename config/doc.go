// Package config owns nianbao's YAML configuration: the archive path, the
// HTTP listen address, crawl defaults and the list of portals whose
// 年报 columns are crawled.
//
// It parses a file (or the embedded default list, used when no file is
// given), merges the top-level crawl defaults into every portal, and
// validates everything at once: each problem is reported with the file,
// the line and the field it concerns, so a user can fix a config in one
// pass. Adding a portal is adding a block to the file; no code changes.
//
// The package does not crawl, schedule or store anything, and it imports no
// other nianbao package. Reloading on SIGHUP or on a file change is offered
// as a Watcher; acting on a new config is the caller's business.
package config
