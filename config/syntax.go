package config

import (
	"errors"

	goccy "github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/parser"
)

// locateSyntaxError finds where data stops being YAML. The tree itself is
// built with go.yaml.in/yaml/v3 (three times faster on large files), but
// that library reports the line where the enclosing block starts, not where
// the mistake is; goccy/go-yaml points at the offending token. It returns
// false when goccy finds nothing wrong (the two disagree on a few corner
// cases), and the caller falls back to the first library's message.
func locateSyntaxError(data []byte) (line int, msg string, ok bool) {
	defer func() {
		if recover() != nil { // third-party parser on untrusted input
			line, msg, ok = 0, "", false
		}
	}()
	_, err := parser.ParseBytes(data, 0)
	var se *goccy.SyntaxError
	if !errors.As(err, &se) || se.Token == nil || se.Token.Position == nil {
		return 0, "", false
	}
	return se.Token.Position.Line, se.Message, true
}
