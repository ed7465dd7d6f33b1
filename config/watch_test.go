package config

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"
)

const (
	goodV1 = `portals:
  - {name: a, agency: A, column: "https://a.gov.cn/nb/"}
  - {name: b, agency: B, column: "https://b.gov.cn/nb/"}
`
	goodV2 = `portals:
  - {name: a, agency: A, column: "https://a.gov.cn/nb/", schedule: "@daily"}
  - {name: c, agency: C, column: "https://c.gov.cn/nb/"}
`
	badEdit = `portals:
  - {name: a, agency: A, column: "https://a.gov.cn/nb/", shedule: "@daily"}
`
)

// watchFixture runs a Watcher on a config file in a temporary directory and
// records what it reports.
type watchFixture struct {
	path    string
	w       *Watcher
	results chan Result
	changes chan *Config
	stop    func()
}

func startWatcher(t *testing.T, debounce time.Duration, prepare func(*Config), opts ...WatchOption) *watchFixture {
	t.Helper()
	f := &watchFixture{
		path:    filepath.Join(t.TempDir(), "nianbao.yaml"),
		results: make(chan Result, 16),
		changes: make(chan *Config, 16),
	}
	writeFile(t, f.path, goodV1)
	initial, err := Load(f.path)
	if err != nil {
		t.Fatal(err)
	}
	if prepare != nil {
		prepare(initial)
	}
	logger := slog.New(slog.NewTextHandler(testWriter{t}, nil))
	opts = append([]WatchOption{WithDebounce(debounce), WithCurrent(initial), WithResult(func(r Result) { f.results <- r })}, opts...)
	f.w = NewWatcher(f.path, logger, opts...)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		f.w.Run(ctx, func(c *Config) { f.changes <- c })
	}()
	f.stop = func() { cancel(); <-done }
	t.Cleanup(f.stop)
	if r := f.result(t); r.Cause != "start" || r.Err != nil || !r.Changes.Empty() {
		t.Fatalf("first result %+v, want the start-up read finding nothing new", r)
	}
	return f
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// result waits for the next reload attempt.
func (f *watchFixture) result(t *testing.T) Result {
	t.Helper()
	select {
	case r := <-f.results:
		return r
	case <-time.After(10 * time.Second):
		t.Fatal("no reload within 10s")
		return Result{}
	}
}

func names(c *Config) []string {
	var out []string
	for _, p := range c.Portals {
		out = append(out, p.Name)
	}
	return out
}

// until waits for a successful reload that changed something. A write in
// place may be seen half done (an empty file, say) when the debounce is
// short: such failed reloads on the way are expected.
func (f *watchFixture) until(t *testing.T) Result {
	t.Helper()
	for {
		if r := f.result(t); r.Err == nil && !r.Changes.Empty() {
			return r
		}
	}
}

func TestWatcherReloadsOnFileChangeAndKeepsTheOldConfigOnABadEdit(t *testing.T) {
	running := goleak.IgnoreCurrent()                   // the goroutines from before the test
	t.Cleanup(func() { goleak.VerifyNone(t, running) }) // runs after the watcher stopped
	f := startWatcher(t, 20*time.Millisecond, nil)
	before := f.w.Current()

	writeFile(t, f.path, badEdit)
	r := f.result(t)
	if r.Err == nil || r.Cause != "file change" {
		t.Fatalf("bad edit: result %+v, want a file-change failure", r)
	}
	if f.w.Current() != before || r.Config != before {
		t.Errorf("after a bad edit the watcher holds %v, want the previous config %v", names(f.w.Current()), names(before))
	}
	if len(f.changes) != 0 {
		t.Errorf("onChange called for a bad edit")
	}

	writeFile(t, f.path, goodV2)
	r = f.until(t)
	got := <-f.changes
	if !slices.Equal(names(got), []string{"a", "c"}) || f.w.Current() != got {
		t.Errorf("after a good edit: onChange got %v, Current %v; want [a c] for both", names(got), names(f.w.Current()))
	}
	want := Changes{Added: []string{"c"}, Removed: []string{"b"}, Changed: []string{"a"}}
	if !sameChanges(r.Changes, want) {
		t.Errorf("Changes = %+v, want %+v", r.Changes, want)
	}
}

func TestWatcherFollowsAFileReplacedByRename(t *testing.T) {
	f := startWatcher(t, 20*time.Millisecond, nil)
	tmp := filepath.Join(filepath.Dir(f.path), ".nianbao.yaml.swp")
	writeFile(t, tmp, goodV2)
	if err := os.Rename(tmp, f.path); err != nil {
		t.Fatal(err)
	}
	f.until(t)
	if got := names(f.w.Current()); !slices.Equal(got, []string{"a", "c"}) {
		t.Errorf("after an atomic replace: %v, want [a c]", got)
	}
	// The watch is on the directory: the new file is watched as well.
	writeFile(t, f.path, goodV1)
	f.until(t)
	if got := names(f.w.Current()); !slices.Equal(got, []string{"a", "b"}) {
		t.Errorf("after a second save: %v, want [a b]", got)
	}
}

func TestWatcherReloadRequest(t *testing.T) {
	// A debounce far beyond the test's length: only Reload can reload.
	f := startWatcher(t, time.Hour, nil)
	before := f.w.Current()

	writeFile(t, f.path, badEdit)
	f.w.Reload()
	if r := f.result(t); r.Err == nil || r.Cause != "reload request" || f.w.Current() != before {
		t.Fatalf("Reload of a bad file: %+v, current %v; want a failure keeping %v", r, names(f.w.Current()), names(before))
	}

	writeFile(t, f.path, goodV2)
	f.w.Reload()
	if r := f.result(t); r.Err != nil || !slices.Equal(names(r.Config), []string{"a", "c"}) {
		t.Fatalf("Reload of a good file: %+v", r)
	}
	if got := <-f.changes; !slices.Equal(names(got), []string{"a", "c"}) {
		t.Errorf("onChange got %v, want [a c]", names(got))
	}

	f.w.Reload() // the same file again: nothing changes, nothing is delivered
	if r := f.result(t); r.Err != nil || !r.Changes.Empty() {
		t.Errorf("Reload of an unchanged file: %+v, want no changes", r)
	}
	if len(f.changes) != 0 {
		t.Error("onChange called although nothing changed")
	}
}

func TestWatcherReappliesOverrides(t *testing.T) {
	env := map[string]string{EnvListen: "127.0.0.1:2222"}
	getenv := func(k string) string { return env[k] }
	flags := Overrides{DB: "/flag.db"}
	prepare := func(c *Config) { c.ApplyEnv(getenv); c.Apply(flags) }
	f := startWatcher(t, time.Hour, prepare, WithOverrides(getenv, flags))

	writeFile(t, f.path, "storage: {path: /file.db}\n"+goodV2)
	f.w.Reload()
	r := f.result(t)
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	got := f.w.Current()
	if got.Storage.Path != "/flag.db" || got.HTTP.Listen != "127.0.0.1:2222" {
		t.Errorf("after reload: storage %q, listen %q; want the flag's /flag.db and the environment's 127.0.0.1:2222",
			got.Storage.Path, got.HTTP.Listen)
	}
	if len(r.Changes.Restart) != 0 || !slices.Equal(r.Changes.Added, []string{"c"}) {
		t.Errorf("Changes = %+v, want c added and nothing needing a restart", r.Changes)
	}
}

func TestWatcherKeepsRestartOnlySettingsRunning(t *testing.T) {
	f := startWatcher(t, time.Hour, nil)
	writeFile(t, f.path, "http: {listen: '127.0.0.1:9999'}\n"+goodV1)
	f.w.Reload()
	if r := f.result(t); r.Err != nil || !r.Changes.Empty() {
		t.Fatalf("reload with a new listen address only: %+v, want no change to act on", r)
	}
	if got := f.w.Current().HTTP.Listen; got != DefaultListen {
		t.Errorf("listen = %q, want the running %q until a restart", got, DefaultListen)
	}
	if len(f.changes) != 0 {
		t.Error("onChange called for a change that needs a restart")
	}
}

func TestWatcherWithoutCurrentDeliversTheFileAtStart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.yaml")
	writeFile(t, path, goodV1)
	changes := make(chan *Config, 1)
	w := NewWatcher(path, slog.New(slog.NewTextHandler(testWriter{t}, nil)), WithDebounce(time.Hour))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); w.Run(ctx, func(c *Config) { changes <- c }) }()
	got := <-changes
	cancel()
	<-done
	if !slices.Equal(names(got), []string{"a", "b"}) || w.Current() != got {
		t.Errorf("delivered %v, Current %v; want the file's [a b] for both", names(got), names(w.Current()))
	}
}

// testWriter sends log lines to t.Log, shown for failing tests.
type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

func TestWatcherFollowsTheTargetOfASymlink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(t.TempDir(), "real.yaml")
	writeFile(t, target, goodV1)
	link := filepath.Join(dir, "nianbao.yaml")
	if err := os.Symlink(target, link); err != nil {
		t.Skip("no symlinks here:", err)
	}
	results := make(chan Result, 16)
	w := NewWatcher(link, slog.New(slog.NewTextHandler(testWriter{t}, nil)), WithDebounce(20*time.Millisecond),
		WithResult(func(r Result) { results <- r }))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); w.Run(ctx, nil) }()
	defer func() { cancel(); <-done }()
	f := &watchFixture{w: w, results: results}
	f.until(t) // the start-up read: every portal is new
	writeFile(t, target, goodV2)
	f.until(t)
	if got := names(w.Current()); !slices.Equal(got, []string{"a", "c"}) {
		t.Errorf("after editing the link's target: %v, want [a c]", got)
	}
}
