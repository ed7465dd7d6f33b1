package zhconv

// taiwanAdditions are nianbao's entries for the Taiwan-phrase stage of
// SimplifyTaiwan. They are laid over OpenCC's TWPhrasesRev (replacing an
// entry with the same key) and take part in its longest match, so a longer
// key here wins over a shorter one there. Keys are Taiwan-standard
// Traditional; values are Simplified (the character stage leaves them as is).
//
// Why these exist: mirror sites converted mainland reports to Taiwan
// vocabulary, turning both 文件 and 档案 into 檔案 (report-format.md §9.6).
// TWPhrasesRev maps every 檔案 back to 文件, which is right for 文件 and
// wrong for the archive sense; the exceptions keep the archive sense where
// the surrounding word makes it unambiguous. 巨觀 and 附屬檔案 are Taiwan
// terms seen on those mirrors that the OpenCC dictionaries do not reverse.
var taiwanAdditions = []struct{ traditional, simplified string }{
	// Exceptions: the archive sense of 檔案 stays 档案.
	{"檔案館", "档案馆"},
	{"檔案局", "档案局"},
	{"檔案室", "档案室"},
	{"檔案櫃", "档案柜"},
	{"人事檔案", "人事档案"},

	// Additions: Taiwan terms missing from TWPhrasesRev.
	{"巨觀", "宏观"},
	{"附屬檔案", "附件"},
}
