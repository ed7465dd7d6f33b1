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
// Caveats: an App runs once. The archive path and the listen address only
// change on restart. /healthz is 200 only while the scheduler runs and the
// archive answers.
package daemon
