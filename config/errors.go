package config

import (
	"errors"
	"fmt"
	"strings"
)

var (
	// ErrInvalid is matched (errors.Is) by every *ValidationError.
	ErrInvalid = errors.New("config: invalid")
	// ErrUnknownPortal is returned by Config.Select for a name no portal has.
	ErrUnknownPortal = errors.New("config: unknown portal")
)

// Problem is one thing wrong with a config file.
type Problem struct {
	File    string // as given to Parse, or EmbeddedFile
	Line    int    // 1-based; 0 when the problem has no place in the file
	Field   string // path of the field, e.g. portals[3].schedule; empty for syntax errors
	Message string
}

// String renders the problem as "FILE:LINE: FIELD: MESSAGE", leaving out
// the field when there is none and the line when it is 0.
func (p Problem) String() string {
	if p.Line == 0 {
		return strings.Join(nonEmpty(p.File, p.Field, p.Message), ": ")
	}
	if p.Field == "" {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Message)
	}
	return fmt.Sprintf("%s:%d: %s: %s", p.File, p.Line, p.Field, p.Message)
}

// ValidationError lists every problem found in one config file, ordered by
// line. Parse returns it (as error) whenever a file is not usable.
type ValidationError struct {
	File     string
	Problems []Problem
}

// Headline counts the problems and names the file: "1 problem in
// my.yaml", "5 problems in my.yaml".
func (e *ValidationError) Headline() string {
	n := len(e.Problems)
	plural := "s"
	if n == 1 {
		plural = ""
	}
	return fmt.Sprintf("%d problem%s in %s", n, plural, e.File)
}

// Error is "config: " and the Headline, then the problems, one per line.
func (e *ValidationError) Error() string {
	var b strings.Builder
	b.WriteString("config: " + e.Headline())
	for _, p := range e.Problems {
		b.WriteString("\n")
		b.WriteString(p.String())
	}
	return b.String()
}

// Is reports whether target is ErrInvalid.
func (e *ValidationError) Is(target error) bool { return target == ErrInvalid }

// nonEmpty returns its non-empty arguments.
func nonEmpty(parts ...string) []string {
	out := parts[:0]
	for _, s := range parts {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
