package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/testarchive"
)

const e2eToken = "e2e-token-0123456789abcdef"

// TestReadCommandsSendTheToken: while a daemon that wants a token holds
// the archive, the read commands and export --warc read through its API
// with the token from the config or NIANBAO_TOKEN; without it they fail
// saying what is missing. healthcheck needs none.
func TestReadCommandsSendTheToken(t *testing.T) {
	sd := testarchive.Seed(t)
	dir := t.TempDir()
	portal := "portals:\n  - name: p\n    agency: 宿迁市人民政府\n    column: http://127.0.0.1:1/\n    schedule: \"0 3 * * *\"\n"
	withToken := filepath.Join(dir, "token.yaml")
	without := filepath.Join(dir, "plain.yaml")
	if err := os.WriteFile(withToken, []byte("http:\n  token: "+e2eToken+"\n"+portal), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(without, []byte(portal), 0o600); err != nil {
		t.Fatal(err)
	}
	app, cancel, done := startApp(t, withToken, sd.DB)
	defer func() {
		cancel()
		<-done
		app.Close()
	}()
	addr := app.Addr().String()
	listen := map[string]string{"NIANBAO_LISTEN": addr}
	envToken := map[string]string{"NIANBAO_LISTEN": addr, "NIANBAO_TOKEN": e2eToken}
	wrongToken := map[string]string{"NIANBAO_LISTEN": addr, "NIANBAO_TOKEN": "wrong-token-0123456789abcdef"}
	tests := []struct {
		name string
		env  map[string]string
		cfg  string
		args []string
		code int
		want string // in stdout when code is 0, in stderr otherwise
	}{
		{"reports, token from the config", listen, withToken, []string{"reports", "--format", "json"}, 0, sd.ReportID},
		{"reports, token from the environment", envToken, without, []string{"reports", "--format", "json"}, 0, sd.ReportID},
		{"show, token from the config", listen, withToken, []string{"show", sd.ReportID, "--clean"}, 0, "一、总体情况"},
		{"history, token from the environment", envToken, without, []string{"history", sd.URL, "--format", "json"}, 0, `"outcome": "new"`},
		{"export --warc, token from the config", listen, withToken, []string{"export", "--warc", "-"}, 0, "\x1f\x8b"},
		{"reports without a token", listen, without, []string{"reports"}, 1, "wants its API token"},
		{"reports with a wrong token", wrongToken, without, []string{"reports"}, 1, "wants its API token"},
		{"export --warc without a token", listen, without, []string{"export", "--warc", "-"}, 1, "wants its API token"},
		{"healthcheck needs none", nil, without, []string{"healthcheck", "--url", "http://" + addr + "/healthz"}, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append(tt.args, "--db", sd.DB, "-c", tt.cfg)
			if tt.args[0] == "healthcheck" {
				args = tt.args
			}
			code, out, errs := runCLI(t, tt.env, args...)
			if code != tt.code {
				t.Fatalf("%v: exit %d, want %d; stderr %q", tt.args, code, tt.code, errs)
			}
			where := out
			if code != 0 {
				where = errs
			}
			if !strings.Contains(where, tt.want) {
				t.Errorf("%v: output %.300q lacks %q", tt.args, where, tt.want)
			}
			if strings.Contains(out+errs, e2eToken) {
				t.Errorf("%v: the output shows the token", tt.args)
			}
		})
	}
}

// TestConfigCheckWarnsAboutReadableSecrets: config check accepts a file
// holding the token, and warns (exit 0) when others can read it.
func TestConfigCheckWarnsAboutReadableSecrets(t *testing.T) {
	dir := t.TempDir()
	yaml := "http:\n  token: " + e2eToken + "\nportals:\n  - name: p\n    agency: 宿迁市人民政府\n    column: http://127.0.0.1:1/\n"
	for _, tt := range []struct {
		mode os.FileMode
		warn bool
	}{{0o644, true}, {0o600, false}} {
		file := filepath.Join(dir, "c.yaml")
		if err := os.WriteFile(file, []byte(yaml), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(file, tt.mode); err != nil {
			t.Fatal(err)
		}
		code, out, errs := runCLI(t, nil, "config", "check", "-c", file)
		if code != 0 || !strings.Contains(out, "listen:    127.0.0.1:8080 (API token required)") {
			t.Fatalf("mode %04o: exit %d, stdout %q, stderr %q", tt.mode, code, out, errs)
		}
		want := "warning: " + file + " holds a secret (http.token) and other users can read it (mode 0644); run chmod 600 " + file
		if got := strings.Contains(errs, want); got != tt.warn {
			t.Errorf("mode %04o: stderr %q, want the warning: %v", tt.mode, errs, tt.warn)
		}
		if strings.Contains(out+errs, e2eToken) {
			t.Errorf("config check shows the token")
		}
	}
}
