package main

import (
	"flag"
	"io"
	"strings"
	"testing"
)

func TestCLIUsage(t *testing.T) {
	if code, out, _ := runCLI(t, nil); code != 0 || !strings.Contains(out, "usage: nianbao") {
		t.Errorf("no args: exit %d, %q", code, out)
	}
	if code, _, errs := runCLI(t, nil, "frobnicate"); code != 2 || !strings.Contains(errs, "unknown command") {
		t.Errorf("unknown command: exit %d, %q", code, errs)
	}
	if code, _, _ := runCLI(t, nil, "reports", "--no-such-flag"); code != 2 {
		t.Errorf("unknown flag: exit %d, want 2", code)
	}
}

func TestParseArgsInterspersed(t *testing.T) {
	fs := flag.NewFlagSet("show", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	j := fs.Bool("json", false, "")
	v := fs.String("version", "", "")
	pos, err := parseArgs(fs, []string{"ID", "--json", "--version", "V", "--", "-x"})
	if err != nil {
		t.Fatal(err)
	}
	if !*j || *v != "V" || strings.Join(pos, " ") != "ID -x" {
		t.Errorf("json=%v version=%q pos=%q; want true, V, [ID -x]", *j, *v, pos)
	}
}
