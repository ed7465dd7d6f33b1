package config

import (
	"errors"
	"fmt"
	"regexp"
	"regexp/syntax"
	"strings"

	"github.com/andybalholm/cascadia"
)

// LinkPattern is a compiled report_link: exactly one of Regexp and Selector
// is set.
type LinkPattern struct {
	Source string // as written in the config

	// Regexp, when set, is matched against the absolute URL of each link
	// on the column page; a link whose URL matches is a report link.
	Regexp *regexp.Regexp

	// Selector, when set, selects elements of the column page: a selected
	// <a href> is a report link, and so is every <a href> inside another
	// selected element. CSS is its source text, for goquery's Find.
	Selector cascadia.SelectorGroup
	CSS      string
}

// ParseLinkPattern compiles a report_link value. A value written as
// "re:PATTERN" or "/PATTERN/" is a Go regular expression (RE2 syntax);
// anything else is a CSS selector (as goquery and cascadia read it), e.g.
// "ul.list li > a" or "a[href*=zfxxgknb]".
func ParseLinkPattern(s string) (LinkPattern, error) {
	src := strings.TrimSpace(s)
	if src == "" {
		return LinkPattern{}, fmt.Errorf("empty pattern")
	}
	if expr, ok := regexpSource(src); ok {
		if expr == "" {
			return LinkPattern{}, fmt.Errorf("empty regexp")
		}
		re, err := regexp.Compile(expr)
		if err != nil {
			var se *syntax.Error
			if errors.As(err, &se) {
				return LinkPattern{}, fmt.Errorf("regexp %q does not compile (%s)", expr, se.Code)
			}
			return LinkPattern{}, fmt.Errorf("regexp %q does not compile: %w", expr, err)
		}
		return LinkPattern{Source: s, Regexp: re}, nil
	}
	sel, err := cascadia.ParseGroup(src)
	if err != nil {
		return LinkPattern{}, fmt.Errorf("CSS selector %q does not compile: %w (a regexp is written re:PATTERN or /PATTERN/)", src, err)
	}
	return LinkPattern{Source: s, Selector: sel, CSS: src}, nil
}

// regexpSource returns the regular expression inside a "re:…" or "/…/"
// value.
func regexpSource(s string) (string, bool) {
	if expr, ok := strings.CutPrefix(s, "re:"); ok {
		return expr, true
	}
	if len(s) >= 2 && strings.HasPrefix(s, "/") && strings.HasSuffix(s, "/") {
		return s[1 : len(s)-1], true
	}
	return "", false
}
