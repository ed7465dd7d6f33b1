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

func TestCLIConfigErrorsReadOnce(t *testing.T) {
	dir := t.TempDir()
	one := filepath.Join(dir, "one.yaml")
	five := filepath.Join(dir, "five.yaml")
	os.WriteFile(one, []byte("portals:\n  - name: suqian\n    agency: 宿迁市人民政府\n    column: http://127.0.0.1:1/zfxxgknb/\n    delay: 5s\n"), 0o644)
	os.WriteFile(five, []byte("delay: 1s\nparallelism: 2\nportals:\n  - name: a\n    agency: A\n    column: http://127.0.0.1:1/a/\n    delay: 5s\n    timeout: 1m\n    robots: false\n"), 0o644)
	tests := []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"one problem", []string{"config", "check", "-c", one}, 1, []string{
			one + ":5: portals[0].delay: a crawl setting; write it under crawl: (crawl: {delay: 5s})\n",
			"nianbao config: 1 problem in " + one + "\n"}},
		{"five problems", []string{"config", "check", "-c", five}, 1, []string{"nianbao config: 5 problems in " + five + "\n"}},
		{"a missing file, named once", []string{"config", "check", "-c", filepath.Join(dir, "nosuch.yaml")}, 1, []string{
			"nianbao config: read " + filepath.Join(dir, "nosuch.yaml") + ": no such file or directory\n"}},
		{"another command keeps the package's word", []string{"reports", "-c", filepath.Join(dir, "nosuch.yaml")}, 1, []string{
			"nianbao reports: config: read " + filepath.Join(dir, "nosuch.yaml") + ": no such file or directory\n"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := runCLI(t, nil, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d", code, tt.code)
			}
			for _, w := range tt.want {
				if !strings.Contains(errs, w) {
					t.Errorf("stderr:\n%s\nwant it to contain\n%s", errs, w)
				}
			}
			if strings.Contains(errs, "config: config:") || strings.Contains(errs, "problem(s)") {
				t.Errorf("stderr %q doubles a prefix or hedges the count", errs)
			}
		})
	}
}
