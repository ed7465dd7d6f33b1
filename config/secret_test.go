package config

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
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
