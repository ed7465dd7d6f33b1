package config

import (
	"crypto/subtle"
	"fmt"
	"log/slog"
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

// Equal reports whether candidate is the Secret's value, in time that does
// not depend on how much of it matches (crypto/subtle). An unset Secret
// equals nothing, not even "".
func (s Secret) Equal(candidate string) bool {
	if s.p == nil {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(*s.p), []byte(candidate)) == 1
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
