package config

import "time"

// WatchOption configures a Watcher.
type WatchOption func(*Watcher)

// WithDebounce sets how long to wait after the last file event before
// reloading (DefaultDebounce otherwise).
func WithDebounce(d time.Duration) WatchOption {
	return func(w *Watcher) { w.debounce = d }
}

// WithCurrent gives the config in force when Run starts, so that reloads
// are compared with it. Without it, the config Run reads at its start is
// new, and is handed to onChange like any other.
func WithCurrent(cfg *Config) WatchOption {
	return func(w *Watcher) { w.current = cfg }
}

// WithOverrides re-applies the environment (read through getenv, may be
// nil) and then o to every config the Watcher loads, so that a reload keeps
// the precedence flags > environment > file.
func WithOverrides(getenv func(string) string, o Overrides) WatchOption {
	return func(w *Watcher) {
		w.adjust = func(c *Config) { c.Override(getenv, o) }
	}
}

// WithResult calls fn after every reload attempt, successful or not, from
// Run's goroutine (for metrics, status pages and tests).
func WithResult(fn func(Result)) WatchOption {
	return func(w *Watcher) { w.result = fn }
}
