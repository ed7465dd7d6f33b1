package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCLIConfigCheck(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.yaml")
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(good, []byte("portals:\n  - name: suqian\n    agency: 宿迁市人民政府\n    column: http://127.0.0.1:1/zfxxgknb/\n"), 0o644)
	os.WriteFile(bad, []byte("crawl:\n  parallelism: 2\nportals:\n  - name: suqian\n    agency: 宿迁市人民政府\n    column: http://127.0.0.1:1/zfxxgknb/\n    schedule: \"every now and then\"\n"), 0o644)

	code, out, errs := runCLI(t, nil, "config", "check", "-c", good)
	if code != 0 || !strings.Contains(out, "ok") || !strings.Contains(out, "1 portals") {
		t.Errorf("good config: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	code, _, errs = runCLI(t, nil, "config", "check", "--config", bad)
	if code != 1 || !strings.Contains(errs, bad+":7: ") || !strings.Contains(errs, "schedule") {
		t.Errorf("bad config: exit %d, stderr %q; want 1 and %s:7: …schedule…", code, errs, bad)
	}
	code, out, _ = runCLI(t, map[string]string{"NIANBAO_DB": "/env/archive.db"}, "config", "check")
	if code != 0 || !strings.Contains(out, "/env/archive.db") {
		t.Errorf("embedded config with NIANBAO_DB: exit %d, stdout %q", code, out)
	}
	_, out, _ = runCLI(t, map[string]string{"NIANBAO_DB": "/env/archive.db"}, "config", "check", "--db", "/flag/archive.db")
	if !strings.Contains(out, "/flag/archive.db") {
		t.Errorf("--db does not beat NIANBAO_DB: %q", out)
	}
	if code, _, _ := runCLI(t, nil, "config"); code != 2 {
		t.Errorf("config without subcommand: exit %d, want 2", code)
	}
}
