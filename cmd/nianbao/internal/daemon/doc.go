// Package daemon is the App behind `nianbao serve`: the archive (a
// service.Service), the scheduler running every portal on its cron
// schedule, the config watcher, the HTTP server for the API, the web UI,
// /healthz and /metrics, and the order in which they start and stop.
//
// Basics: New opens the archive and listens; Run starts the scheduler and
// serves until its context ends, then shuts down in order — the watcher
// stops, the scheduler stops taking runs and cancels and joins running
// crawls, the HTTP server shuts down within Options.ShutdownTimeout; Close
// releases the archive. Reload (SIGHUP) re-reads the config file and hands
// added, removed and changed portals to the scheduler. NewHandler is the
// HTTP surface alone, for tests that need no scheduler.
//
// While Run serves, the daemon records where it listens beside the archive
// (AddrFile: ARCHIVE.daemon, JSON with its URL, pid, host and start time)
// and removes the file when it shuts down; Find is how the read commands
// locate it, ignoring a file whose process is gone or whose address does
// not answer /healthz.
//
// Every request passes one gate (protect.go) before routing: security
// headers on every response (Content-Security-Policy, default-src 'none'
// unless the handler sets its own, and nosniff), request URIs up to 8 KiB
// (414), bodies up to 64 KiB (413), and, when http.token is set, the token
// as a Bearer credential or a Basic password on every route but /healthz
// (and /metrics, unless http.protect_metrics). The token is compared in
// constant time (config.Secret.Equal) and never logged. At start New logs
// at WARN when http.listen is not loopback and no token is set, and when
// the config file holding the token is readable by other users.
//
// Caveats: an App runs once. The archive path, the listen address, the
// token, protect_metrics and allow_private_networks only change on restart
// (a reload that changes the last three is logged at WARN). /healthz is 200 only while the scheduler runs and the
// archive answers.
package daemon
