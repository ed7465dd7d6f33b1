package zhconv

// Marker values in the vocabulary group.
const (
	markNeutral  = "-"
	markTaiwan   = "tw"
	markMainland = "cn"
)

// buildVocabulary derives the word lists of DetectVocabulary from the
// Taiwan-phrase dictionary (with nianbao's additions): its keys are Taiwan
// words (資訊, 網路, 最佳化), its values mainland words in Traditional
// characters (信息, 網絡, 優化). A word that is both (文件, 程序) is neutral,
// and so is the key of an entry that changes nothing beyond t2s (the 檔案館
// exceptions, 數據→數據). Neutral words take part in the longest match, so
// 檔案館 is not counted as 檔案. c.t2s must be built.
func (c *Converter) buildVocabulary(taiwan *dict) (*group, error) {
	const tw, cn, neutral = 1, 2, 4
	kinds := map[string]int{}
	for k, v := range taiwan.entries {
		if c.Simplify(k) == c.Simplify(v) {
			kinds[k] |= neutral
			continue
		}
		kinds[k] |= tw
		kinds[v] |= cn
	}
	markers := newDict()
	for word, kind := range kinds {
		mark := markNeutral
		switch kind &^ neutral {
		case tw:
			mark = markTaiwan
		case cn:
			mark = markMainland
		}
		if err := markers.set(word, mark); err != nil {
			return nil, err
		}
	}
	return newGroup(markers)
}

// Vocabulary counts the words of a Traditional text that belong to Taiwan
// usage (資訊, 網路, 最佳化, 入口網站 …) and to mainland usage written in
// Traditional characters (信息, 網絡, 優化, 門戶網站 …), by longest match.
type Vocabulary struct {
	Taiwan   int
	Mainland int
}

// IsTaiwan applies the document rule: Taiwan vocabulary is reversed only
// when Taiwan words outnumber mainland ones. A mirror made with OpenCC's
// s2twp has almost no mainland words left; one made with plain s2t keeps
// them all (a 政府信息公开 report uses 信息 dozens of times), and reversing
// Taiwan vocabulary there would corrupt it (规范性文件→规范性文档,
// 指标→指针).
func (v Vocabulary) IsTaiwan() bool {
	return v.Taiwan > v.Mainland
}

// DetectVocabulary counts Taiwan and mainland words in s. It is meant for
// text IsTraditional accepts; on Simplified text both counts are small.
func (c *Converter) DetectVocabulary(s string) Vocabulary {
	var v Vocabulary
	s = c.compat.convertString(s)
	for i := 0; i < len(s); {
		n, mark, ok := c.vocabulary.match(s[i:])
		switch {
		case !ok:
		case mark == markTaiwan:
			v.Taiwan++
		case mark == markMainland:
			v.Mainland++
		}
		i += n
	}
	return v
}
