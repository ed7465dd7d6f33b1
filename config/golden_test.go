package config

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"gotest.tools/v3/assert"
	"gotest.tools/v3/golden"
)

// TestBadConfigs checks the messages a user sees for broken configs against
// testdata/bad/*.golden. Every case but several-problems has exactly one
// problem; several-problems shows that all are collected, in line order.
func TestBadConfigs(t *testing.T) {
	files, err := filepath.Glob("testdata/bad/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 15 {
		t.Fatalf("found %d bad configs, want at least 15", len(files))
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".yaml")
		t.Run(name, func(t *testing.T) {
			cfg, err := Load(file)
			if err == nil {
				t.Fatalf("Load(%s) = %d portals, nil error; want problems", file, len(cfg.Portals))
			}
			var verr *ValidationError
			if !errors.As(err, &verr) || !errors.Is(err, ErrInvalid) {
				t.Fatalf("Load(%s) error %T %v, want a *ValidationError matching ErrInvalid", file, err, err)
			}
			if name != "several-problems" && len(verr.Problems) != 1 {
				t.Errorf("%d problems, want exactly 1:\n%v", len(verr.Problems), err)
			}
			if name == "several-problems" && len(verr.Problems) < 8 {
				t.Errorf("%d problems, want every one of at least 8:\n%v", len(verr.Problems), err)
			}
			for i, p := range verr.Problems {
				if p.File != file {
					t.Errorf("problem %d names file %q, want %q", i, p.File, file)
				}
				if i > 0 && p.Line < verr.Problems[i-1].Line {
					t.Errorf("problem %d (line %d) comes after line %d: not in line order", i, p.Line, verr.Problems[i-1].Line)
				}
			}
			assert.Check(t, golden.String(err.Error()+"\n", strings.TrimPrefix(strings.TrimSuffix(file, ".yaml")+".golden", "testdata/")))
		})
	}
}
