package config

import (
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Redacted is what a Secret shows wherever it is printed, logged or
// marshalled.
const Redacted = "[redacted]"

// Secret holds a value that must never be shown: an API token, a webhook
// secret. Every way of printing it — fmt's verbs (String, GoString,
// Format), encoding/json and encoding (MarshalJSON, MarshalText) and
// log/slog (LogValue) — yields Redacted, or "" for an unset Secret. Reveal
// returns the value for the one place that must send it; Equal compares in
// constant time.
//
// The value sits behind a pointer, so that even a printer that cannot call
// methods (fmt on an unexported struct field) shows an address, not the
// value. The zero Secret is unset. A Secret is immutable and safe for
// concurrent use.
type Secret struct {
	p *string
}

// NewSecret returns a Secret holding v; an empty v gives an unset Secret.
func NewSecret(v string) Secret {
	if v == "" {
		return Secret{}
	}
	return Secret{p: &v}
}

// IsSet reports whether the Secret holds a value.
func (s Secret) IsSet() bool { return s.p != nil }

// Reveal returns the value ("" when unset). Call it only to send the value
// where it belongs (an Authorization header, an HMAC key), never to print.
func (s Secret) Reveal() string {
	if s.p == nil {
		return ""
	}
	return *s.p
}

// Equal reports whether candidate is the Secret's value, in time that
// depends neither on how much of it matches nor on its length: the SHA-256
// digests of both are compared with crypto/subtle. An unset Secret equals
// nothing, not even "".
func (s Secret) Equal(candidate string) bool {
	if s.p == nil {
		return false
	}
	want, got := sha256.Sum256([]byte(*s.p)), sha256.Sum256([]byte(candidate))
	return subtle.ConstantTimeCompare(want[:], got[:]) == 1
}

// shown is what every printer gets.
func (s Secret) shown() string {
	if s.p == nil {
		return ""
	}
	return Redacted
}

// String returns Redacted, or "" when unset.
func (s Secret) String() string { return s.shown() }

// GoString returns Redacted for %#v, or "" when unset.
func (s Secret) GoString() string { return s.shown() }

// Format prints Redacted (or "") for every verb, so %x or %q cannot reveal
// the value either.
func (s Secret) Format(f fmt.State, verb rune) {
	if verb == 'q' {
		fmt.Fprintf(f, "%q", s.shown())
		return
	}
	_, _ = f.Write([]byte(s.shown()))
}

// MarshalJSON encodes the Secret as the JSON string Redacted, or "" when
// unset.
func (s Secret) MarshalJSON() ([]byte, error) {
	return fmt.Appendf(nil, "%q", s.shown()), nil
}

// MarshalText returns Redacted, or nothing when unset (YAML, XML, CSV
// writers that use encoding.TextMarshaler).
func (s Secret) MarshalText() ([]byte, error) { return []byte(s.shown()), nil }

// LogValue makes log/slog print Redacted, or "" when unset.
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.shown()) }

// minTokenLen is the shortest API token accepted: 16 characters leave no
// room for guessing over HTTP.
const minTokenLen = 16

// CheckToken says what is wrong with an API token, if anything: it must be
// at least 16 characters of printable ASCII without spaces (it travels in
// an Authorization header). The error never contains the token.
func CheckToken(s string) error {
	if len(s) < minTokenLen {
		return fmt.Errorf("a token needs at least %d characters (%d given); e.g. openssl rand -hex 32", minTokenLen, len(s))
	}
	for _, r := range s {
		if r <= ' ' || r >= 0x7f {
			return errors.New("a token is printable ASCII without spaces (it is sent in an Authorization header)")
		}
	}
	return nil
}

// secret decodes a secret that check accepts (check's error must not
// quote the value) and notes field as one the file holds a secret in. It
// returns an unset Secret for null and after a problem.
func (d *decoder) secret(n *yaml.Node, field string, check func(string) error) Secret {
	s, ok := d.str(n, field)
	if !ok {
		return Secret{}
	}
	if err := check(s); err != nil {
		d.problem(n, field, "%v", err)
		return Secret{}
	}
	d.secretFields = append(d.secretFields, field)
	return NewSecret(s)
}

// SecretFields lists the fields of c's file that hold a secret (e.g.
// http.token), in file order; nil when it holds none. Secrets given in
// the environment are not listed.
func (c *Config) SecretFields() []string { return slices.Clone(c.secretFields) }

// SecretFileWarning returns a warning when c's file holds a secret and
// users other than its owner may read it (group or other read bits); ""
// when the file holds none, is the embedded default, or is private. The
// error is os.Stat's.
func (c *Config) SecretFileWarning() (string, error) {
	if len(c.secretFields) == 0 || c.File == EmbeddedFile {
		return "", nil
	}
	fi, err := os.Stat(c.File)
	if err != nil {
		return "", fmt.Errorf("config: stat %s: %w", c.File, err)
	}
	if fi.Mode().Perm()&0o044 == 0 {
		return "", nil
	}
	return fmt.Sprintf("%s holds a secret (%s) and other users can read it (mode %04o); run chmod 600 %s, or give the secret in the environment",
		c.File, strings.Join(c.secretFields, ", "), fi.Mode().Perm(), c.File), nil
}
