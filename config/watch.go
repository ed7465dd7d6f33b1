package config

import (
	"context"
	"log/slog"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// DefaultDebounce is how long a Watcher waits after the last change to the
// file before reading it: editors save in several steps (write a temporary
// file, rename it over the old one, change its mode).
const DefaultDebounce = 250 * time.Millisecond

// Watcher reloads a config file when it changes on disk and when asked to
// (SIGHUP), and hands every new valid config to a callback. A file that
// does not load or validate is logged and ignored: the previous config stays
// in force.
type Watcher struct {
	path     string
	log      *slog.Logger
	debounce time.Duration
	adjust   func(*Config)
	result   func(Result)
	reload   chan struct{}
	watched  []string // the file's path, and its symlink target; set by Run

	mu      sync.Mutex
	current *Config
}

// Causes of a reload, as in Result.Cause.
const (
	causeStart   = "start"
	causeFile    = "file change"
	causeRequest = "reload request"
)

// Result is the outcome of one reload attempt, as given to WithResult.
type Result struct {
	Cause   string  // "start", "file change" or "reload request"
	Config  *Config // the config in force afterwards (the previous one when Err is set)
	Changes Changes // what changed; empty when Err is set or nothing did
	Err     error   // why the file was not taken
}

// NewWatcher returns a Watcher for the config at path ("" means the embedded
// default, which never changes on disk but may still be reloaded). It logs
// to logger; nil discards the logs. Nothing happens until Run.
func NewWatcher(path string, logger *slog.Logger, opts ...WatchOption) *Watcher {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	w := &Watcher{path: path, log: logger, debounce: DefaultDebounce, reload: make(chan struct{}, 1)}
	for _, opt := range opts {
		opt(w)
	}
	return w
}

// Reload asks Run to re-read the config now, as on SIGHUP. It never blocks;
// requests made while one is pending are merged. Safe for concurrent use.
func (w *Watcher) Reload() {
	select {
	case w.reload <- struct{}{}:
	default:
	}
}

// Current returns the config in force (nil if none was ever loaded). Safe
// for concurrent use; the returned Config must not be modified.
func (w *Watcher) Current() *Config {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.current
}

// Run watches the file until ctx is done, then returns after releasing the
// file watch. It reads the file once at its start (catching a change made
// since the current config was loaded), then on every change and Reload
// request. Each new valid config that changes anything is passed to
// onChange (may be nil), from Run's goroutine, one at a time; settings that
// need a restart (storage.path, http.listen) are logged and kept at their
// running values. If the file cannot be watched, Run logs why and still
// serves Reload requests.
func (w *Watcher) Run(ctx context.Context, onChange func(*Config)) {
	events, errs, stop := w.watch()
	defer stop()
	// Read the file once the watch is in place, so that a change made
	// before it (since WithCurrent's config was loaded) is not missed.
	w.apply(causeStart, onChange)
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-w.reload:
			w.apply(causeRequest, onChange)
		case ev, ok := <-events:
			if !ok {
				events = nil
			} else if w.concerns(ev) {
				timer.Reset(w.debounce)
			}
		case err, ok := <-errs:
			if !ok {
				errs = nil
			} else {
				w.log.Warn("config: file watch error", "file", w.path, "error", err)
			}
		case <-timer.C:
			w.apply(causeFile, onChange)
		}
	}
}

// watch starts watching the directory of the file (so that a file replaced
// by a rename is still seen). The channels are nil when nothing is watched.
func (w *Watcher) watch() (<-chan fsnotify.Event, <-chan error, func()) {
	nothing := func() {}
	if w.path == "" {
		return nil, nil, nothing
	}
	w.watched = w.names()
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		w.log.Warn("config: cannot watch the file; only reload requests (SIGHUP) will reload it", "file", w.path, "error", err)
		return nil, nil, nothing
	}
	for _, name := range w.watched {
		if err := fw.Add(filepath.Dir(name)); err != nil {
			fw.Close()
			w.log.Warn("config: cannot watch the file; only reload requests (SIGHUP) will reload it", "file", w.path, "error", err)
			return nil, nil, nothing
		}
	}
	return fw.Events, fw.Errors, func() { fw.Close() }
}

// names returns the paths whose changes concern the config: the path given
// and, when it is a symbolic link, the file it points to (whose directory
// is watched too).
func (w *Watcher) names() []string {
	names := []string{filepath.Clean(w.path)}
	if target, err := filepath.EvalSymlinks(w.path); err == nil && filepath.Clean(target) != names[0] {
		names = append(names, filepath.Clean(target))
	}
	return names
}

// concerns reports whether a directory event may have changed the file.
func (w *Watcher) concerns(ev fsnotify.Event) bool {
	if !ev.Has(fsnotify.Write) && !ev.Has(fsnotify.Create) && !ev.Has(fsnotify.Rename) && !ev.Has(fsnotify.Remove) {
		return false
	}
	return slices.Contains(w.watched, filepath.Clean(ev.Name))
}

// load reads the file and applies the overrides.
func (w *Watcher) load() (*Config, error) {
	cfg, err := Load(w.path)
	if err != nil {
		return nil, err
	}
	if w.adjust != nil {
		w.adjust(cfg)
	}
	return cfg, nil
}

func (w *Watcher) set(cfg *Config) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.current = cfg
}

// apply reloads the file and, when it is valid and changes something, makes
// it current and hands it to onChange.
func (w *Watcher) apply(cause string, onChange func(*Config)) {
	old := w.Current()
	res := Result{Cause: cause, Config: old}
	defer func() {
		if w.result != nil {
			w.result(res)
		}
	}()
	cfg, err := w.load()
	if err != nil {
		res.Err = err
		w.log.Error("config: reload failed; keeping the previous config", "file", w.path, "cause", cause, "error", err)
		return
	}
	ch := Diff(old, cfg)
	if len(ch.Restart) > 0 && old != nil {
		w.log.Warn("config: these settings take effect only after a restart", "file", w.path, "settings", ch.Restart)
		cfg.Storage, cfg.HTTP = old.Storage, old.HTTP
		ch.Restart = nil
	}
	if old != nil && ch.Empty() {
		level := slog.LevelInfo
		if cause == causeStart {
			level = slog.LevelDebug
		}
		w.log.Log(context.Background(), level, "config: reloaded; nothing changed", "file", w.path, "cause", cause)
		return
	}
	w.set(cfg)
	res.Config, res.Changes = cfg, ch
	w.log.Info("config: reloaded", "file", w.path, "cause", cause, "portals", len(cfg.Portals),
		"added", ch.Added, "removed", ch.Removed, "changed", ch.Changed)
	if onChange != nil {
		onChange(cfg)
	}
}
