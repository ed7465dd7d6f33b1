package config

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSecretNeverShown(t *testing.T) {
	const value = "s3cr3t-t0ken"
	s := NewSecret(value)
	type holder struct {
		Token  Secret `json:"token"`
		hidden Secret
	}
	h := holder{Token: s, hidden: s}
	var logged bytes.Buffer
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("start", "token", s, "holder", h)
	slog.New(slog.NewTextHandler(&logged, nil)).Info("start", "token", s, slog.Any("any", s))
	js, err := json.Marshal(h)
	if err != nil {
		t.Fatal(err)
	}
	text, _ := s.MarshalText()
	shown := map[string]string{
		"%v":       fmt.Sprintf("%v", s),
		"%s":       fmt.Sprintf("%s", s),
		"%+v":      fmt.Sprintf("%+v", h),
		"%#v":      fmt.Sprintf("%#v", h),
		"%x":       fmt.Sprintf("%x", s),
		"%q":       fmt.Sprintf("%q", s),
		"%d":       fmt.Sprintf("%d", s),
		"error":    fmt.Errorf("config: bad token %v", s).Error(),
		"json":     string(js),
		"text":     string(text),
		"slog":     logged.String(),
		"String()": s.String(),
	}
	for how, out := range shown {
		if strings.Contains(out, value) || strings.Contains(out, fmt.Sprintf("%x", value)) {
			t.Errorf("%s shows the value: %s", how, out)
		}
	}
	for _, how := range []string{"%v", "%s", "%x", "String()", "text"} {
		if shown[how] != Redacted {
			t.Errorf("%s = %q, want %q", how, shown[how], Redacted)
		}
	}
	if want := `{"token":"[redacted]"}`; string(js) != want {
		t.Errorf("json = %s, want %s", js, want)
	}
	if !strings.Contains(logged.String(), `"token":"[redacted]"`) || !strings.Contains(logged.String(), "token=[redacted]") {
		t.Errorf("slog output lacks the redacted token:\n%s", logged.String())
	}
	if s.Reveal() != value {
		t.Errorf("Reveal = %q, want the value", s.Reveal())
	}
}

func TestSecretEqual(t *testing.T) {
	s := NewSecret("abc")
	for _, tc := range []struct {
		secret    Secret
		candidate string
		want      bool
	}{
		{s, "abc", true},
		{s, "abd", false},
		{s, "ab", false},
		{s, "abcd", false},
		{s, "", false},
		{Secret{}, "", false},
		{NewSecret(""), "", false},
	} {
		if got := tc.secret.Equal(tc.candidate); got != tc.want {
			t.Errorf("Secret(set=%v).Equal(%q) = %v, want %v", tc.secret.IsSet(), tc.candidate, got, tc.want)
		}
	}
}

func TestSecretUnsetShowsNothing(t *testing.T) {
	var s Secret
	js, _ := json.Marshal(s)
	if s.IsSet() || s.String() != "" || string(js) != `""` || fmt.Sprintf("%v", s) != "" {
		t.Errorf("unset secret: IsSet=%v String=%q json=%s", s.IsSet(), s.String(), js)
	}
}

const withToken = `http:
  listen: 0.0.0.0:8080
  token: 0123456789abcdef-token
  protect_metrics: true
crawl:
  allow_private_networks: true
portals:
  - name: duodao
    agency: 荆门市掇刀区人民政府
    column: http://www.duodao.gov.cn/zwgk/zfxxgknb/
`

func TestParseSecurityFields(t *testing.T) {
	cfg := MustParse(t, withToken)
	if got := cfg.HTTP.Token.Reveal(); got != "0123456789abcdef-token" {
		t.Errorf("http.token = %q, want the file's", got)
	}
	if !cfg.HTTP.ProtectMetrics || !cfg.AllowPrivateNetworks {
		t.Errorf("protect_metrics, allow_private_networks = %v, %v; want true, true", cfg.HTTP.ProtectMetrics, cfg.AllowPrivateNetworks)
	}
	if got := cfg.SecretFields(); fmt.Sprint(got) != "[http.token]" {
		t.Errorf("SecretFields = %v, want [http.token]", got)
	}
	if s := fmt.Sprintf("%+v", *cfg); strings.Contains(s, "0123456789abcdef") {
		t.Errorf("the config printed shows the token: %s", s)
	}
	plain := MustParse(t, minimal)
	if plain.HTTP.Token.IsSet() || plain.HTTP.ProtectMetrics || plain.AllowPrivateNetworks || plain.SecretFields() != nil {
		t.Errorf("defaults: token set %v, protect_metrics %v, allow_private_networks %v, secrets %v; want none",
			plain.HTTP.Token.IsSet(), plain.HTTP.ProtectMetrics, plain.AllowPrivateNetworks, plain.SecretFields())
	}
}

func TestTokenProblemsNeverQuoteTheToken(t *testing.T) {
	for _, token := range []string{"short", "has a space in the middle", "ünïcødé-ünïcødé-ü"} {
		src := strings.Replace(withToken, "0123456789abcdef-token", `"`+token+`"`, 1)
		for _, p := range problems(t, src) {
			if !strings.Contains(p, "test.yaml:3: http.token: ") || strings.Contains(p, token) {
				t.Errorf("problem for token %q: %s (want test.yaml:3: http.token, without the token)", token, p)
			}
		}
	}
}

func TestEnvToken(t *testing.T) {
	cfg := MustParse(t, withToken)
	cfg.ApplyEnv(func(k string) string {
		if k == EnvToken {
			return " from-the-environment-0123 \n"
		}
		return ""
	})
	if got := cfg.HTTP.Token.Reveal(); got != "from-the-environment-0123" {
		t.Errorf("token after NIANBAO_TOKEN = %q, want the environment's, trimmed", got)
	}
	cfg.ApplyEnv(func(string) string { return "" })
	if got := cfg.HTTP.Token.Reveal(); got != "from-the-environment-0123" {
		t.Errorf("an unset NIANBAO_TOKEN changed the token to %q", got)
	}
}

func TestSecretFileWarning(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		src  string
		mode os.FileMode
		warn bool
	}{
		{withToken, 0o644, true},
		{withToken, 0o640, true},
		{withToken, 0o604, true},
		{withToken, 0o600, false},
		{withToken, 0o400, false},
		{minimal, 0o644, false},
	} {
		path := filepath.Join(dir, fmt.Sprintf("c%o.yaml", tt.mode))
		if err := os.WriteFile(path, []byte(tt.src), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(path, tt.mode); err != nil {
			t.Fatal(err)
		}
		cfg, err := Load(path)
		if err != nil {
			t.Fatal(err)
		}
		warn, err := cfg.SecretFileWarning()
		if err != nil {
			t.Fatal(err)
		}
		if got := warn != ""; got != tt.warn {
			t.Errorf("mode %04o, secrets %v: warning %q, want one: %v", tt.mode, cfg.SecretFields(), warn, tt.warn)
		}
		if tt.warn && (!strings.Contains(warn, "chmod 600 "+path) || !strings.Contains(warn, "http.token") || strings.Contains(warn, "0123456789")) {
			t.Errorf("warning %q: want the file, the field and chmod 600, never the token", warn)
		}
	}
}

func TestWebhookSecretIsASecret(t *testing.T) {
	cfg := MustParse(t, minimal+`notify:
  - url: http://127.0.0.1:9/hook
    secret: webhook-key-0001
`)
	if got := cfg.Notify[0].Secret.Reveal(); got != "webhook-key-0001" {
		t.Fatalf("notify[0].secret = %q", got)
	}
	if got := cfg.SecretFields(); fmt.Sprint(got) != "[notify[0].secret]" {
		t.Errorf("SecretFields = %v, want [notify[0].secret]", got)
	}
	if s := fmt.Sprintf("%+v %#v", cfg.Notify, cfg.Notify); strings.Contains(s, "webhook-key-0001") {
		t.Errorf("notify printed shows the secret: %s", s)
	}
	for _, p := range problems(t, minimal+"notify:\n  - url: http://127.0.0.1:9/hook\n    secret: \"\"\n") {
		if !strings.Contains(p, "notify[0].secret: empty secret") {
			t.Errorf("empty webhook secret: %s", p)
		}
	}
}
