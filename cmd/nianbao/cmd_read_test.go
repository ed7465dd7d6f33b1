package main

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/daemon"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/testarchive"
	"github.com/nianbao/nianbao/store"
)

// readConfig writes a config whose listen address is NOT where the test's
// daemon listens (startApp overrides it with 127.0.0.1:0), as when a
// daemon was started with --listen or NIANBAO_LISTEN.
func readConfig(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "nianbao.yaml")
	cfg := "http: {listen: 127.0.0.1:1}\nportals:\n  - {name: gone, agency: 某局, column: \"http://127.0.0.1:1/nb/\", schedule: \"0 0 1 1 *\"}\n"
	if err := os.WriteFile(path, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// The read commands find a daemon started on another address than the
// config's through the file it records beside the archive, and read the
// archive directly once it stopped and removed the file.
func TestReadCommandsFindTheArchivesDaemon(t *testing.T) {
	sd := testarchive.Seed(t)
	cfgPath := readConfig(t)
	app, cancel, done := startApp(t, cfgPath, sd.DB)
	base := "http://" + app.Addr().String()
	waitFor(t, "the address file", 10*time.Second, func() bool {
		_, err := os.Stat(daemon.AddrFile(sd.DB))
		return err == nil
	})
	var rec daemon.Recorded
	if err := json.Unmarshal(testarchive.MustRead(t, daemon.AddrFile(sd.DB)), &rec); err != nil || rec.URL != base || rec.PID != os.Getpid() {
		t.Errorf("address file = %+v, %v; want url %s and this pid", rec, err, base)
	}
	for _, args := range [][]string{
		{"reports"},
		{"portals"},
		{"show", sd.ReportID},
		{"history", sd.URL},
		{"export", "--jsonl", "-"},
		{"export", "--warc", "-"},
		{"healthcheck"},
	} {
		code, out, errs := runCLI(t, nil, append(args, "--db", sd.DB, "-c", cfgPath)...)
		if code != 0 || out == "" {
			t.Errorf("%v while the daemon runs: exit %d, stderr %q", args, code, errs)
		}
		if args[0] != "healthcheck" && !strings.Contains(errs, "reading through "+base) {
			t.Errorf("%v: stderr %q, want it to say it reads through %s", args, errs, base)
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run = %v", err)
	}
	if err := app.Close(); err != nil {
		t.Errorf("Close = %v", err)
	}
	if _, err := os.Stat(daemon.AddrFile(sd.DB)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("after a clean shutdown the address file is still there (%v)", err)
	}
	code, out, errs := runCLI(t, nil, "reports", "--db", sd.DB, "-c", cfgPath)
	if code != 0 || !strings.Contains(out, sd.ReportID) || strings.Contains(errs, "reading through") {
		t.Errorf("reports after shutdown: exit %d, stdout %q, stderr %q; want the archive read directly", code, out, errs)
	}
}

// An address file left by a killed daemon is ignored: its process is gone
// or nothing answers at its address.
func TestStaleAddressFileIsIgnored(t *testing.T) {
	sd := testarchive.Seed(t)
	host, _ := os.Hostname()
	for name, rec := range map[string]daemon.Recorded{
		"process gone":      {URL: "http://127.0.0.1:1", PID: 1 << 30, Host: host},
		"nothing answering": {URL: "http://127.0.0.1:1", PID: os.Getpid(), Host: host},
	} {
		t.Run(name, func(t *testing.T) {
			data, _ := json.Marshal(rec)
			if err := os.WriteFile(daemon.AddrFile(sd.DB), data, 0o600); err != nil {
				t.Fatal(err)
			}
			code, out, errs := runCLI(t, nil, "reports", "--db", sd.DB)
			if code != 0 || !strings.Contains(out, sd.ReportID) || errs != "" {
				t.Errorf("reports beside a stale address file: exit %d, stdout %q, stderr %q", code, out, errs)
			}
		})
	}
}

// Locked by a process that is no daemon (a crawl): the error says so and
// what to do.
func TestLockedArchiveSaysWhatToDo(t *testing.T) {
	sd := testarchive.Seed(t)
	s, err := store.Open(sd.DB, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	code, _, errs := runCLI(t, map[string]string{"NIANBAO_LISTEN": "127.0.0.1:1"}, "reports", "--db", sd.DB)
	for _, want := range []string{
		"nianbao reports: archive " + sd.DB + " is in use by another process, and no daemon answers for it (no daemon recorded in " + daemon.AddrFile(sd.DB),
		"nothing answers at http://127.0.0.1:1/healthz",
		"If `nianbao crawl` is running on it, wait for it to end and try again; if a daemon serves it at another address, set NIANBAO_LISTEN to that address\n",
	} {
		if code != 1 || !strings.Contains(errs, want) {
			t.Errorf("reports on a locked archive: exit %d, stderr\n%s\nwant exit 1 and\n%s", code, errs, want)
		}
	}
}

// No silent empty archive: a --db that does not exist is an error for
// every read command, and nothing is created.
func TestReadCommandsDoNotCreateAnArchive(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "typo", "archive.db")
	for _, args := range [][]string{
		{"reports"}, {"show", "0123456789abcdef"}, {"history", "http://x.test/"},
		{"export", "--jsonl", filepath.Join(dir, "out.jsonl")}, {"export", "--warc", filepath.Join(dir, "out.warc.gz")},
	} {
		code, out, errs := runCLI(t, nil, append(args, "--db", db)...)
		if code != 1 || out != "" || !strings.HasPrefix(errs, "nianbao "+args[0]+": no archive at "+db+" (crawl and serve create one") {
			t.Errorf("%v on a missing archive: exit %d, stdout %q, stderr %q; want exit 1, no archive at %s", args, code, out, errs, db)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Errorf("the read commands created %v", entries)
	}
}

// A read-only archive file (a copy, a read-only volume) is read.
func TestReadCommandsReadAReadOnlyArchive(t *testing.T) {
	sd := testarchive.Seed(t)
	if err := os.Chmod(sd.DB, 0o400); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Dir(sd.DB)
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o700); os.Chmod(sd.DB, 0o600) })
	for _, args := range [][]string{{"reports"}, {"show", sd.ReportID}, {"show", sd.ReportID, "--clean"}, {"history", sd.URL}} {
		code, out, errs := runCLI(t, nil, append(args, "--db", sd.DB)...)
		if code != 0 || out == "" {
			t.Errorf("%v on a read-only archive: exit %d, stderr %q", args, code, errs)
		}
	}
}
