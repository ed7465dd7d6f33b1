package main

import (
	"flag"
	"io"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/testarchive"
	"github.com/nianbao/nianbao/store"
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

// TestCLILockedArchive: with the archive held by another process and no
// daemon answering, a read command says the archive is in use.
func TestCLILockedArchive(t *testing.T) {
	sd := testarchive.Seed(t)
	s, err := store.Open(sd.DB, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	env := map[string]string{"NIANBAO_LISTEN": "127.0.0.1:1"}
	code, _, errs := runCLI(t, env, "reports", "--db", sd.DB)
	if code != 1 || !strings.Contains(errs, "in use") {
		t.Errorf("reports on a locked archive: exit %d, %q; want 1 and 'in use'", code, errs)
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
