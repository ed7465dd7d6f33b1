package zhconv

import "slices"

// taiwanAddition is one of nianbao's entries for the Taiwan-phrase stage.
type taiwanAddition struct{ traditional, simplified string }

// taiwanAdditions returns nianbao's entries for the Taiwan-phrase stage of
// SimplifyTaiwan. They are laid over OpenCC's TWPhrasesRev (replacing an
// entry with the same key) and take part in its longest match, so a longer
// key here wins over a shorter one there. Keys are Taiwan-standard
// Traditional; values are Simplified (the character stage leaves them as is).
//
// The mirrors this stage is for converted mainland reports with OpenCC-style
// s2twp (report-format.md §9.6). Where that conversion maps two mainland
// words to one Taiwan word, TWPhrasesRev has to guess, and it guesses for
// general or IT text; these entries guess for government reports instead.
func taiwanAdditions() []taiwanAddition {
	return slices.Concat(archiveExceptions(), keptMainlandWords(), missingTaiwanTerms())
}

// archiveExceptions keep the archive sense of 檔案. s2twp turns both 文件
// and 档案 into 檔案; TWPhrasesRev maps every 檔案 back to 文件, right for
// 文件 and wrong where the next or previous word makes the archive sense
// certain.
func archiveExceptions() []taiwanAddition {
	return []taiwanAddition{
		{"檔案館", "档案馆"},
		{"檔案局", "档案局"},
		{"檔案室", "档案室"},
		{"檔案櫃", "档案柜"},
		{"人事檔案", "人事档案"},
	}
}

// keptMainlandWords are TWPhrasesRev keys that are also ordinary mainland
// words: s2twp leaves them as they are (they are not keys of TWPhrases), so
// in a mirror they stand either for themselves or for the IT term
// TWPhrasesRev turns them into. All of them occur in the real mainland
// government pages of the shared corpus in the mainland sense (执行《条例》,
// 查询, 互动交流, 考核指标, 680批次农产品, 工作列入议程 …), so they are kept.
// 通訊 is left to OpenCC: 通信管理局 is an agency name.
func keptMainlandWords() []taiwanAddition {
	return []taiwanAddition{
		{"互動", "互动"},   // not 交互
		{"查詢", "查询"},   // not 查找
		{"執行", "执行"},   // not 运行
		{"開啟", "开启"},   // not 打开
		{"指標", "指标"},   // not 指针
		{"啟用", "启用"},   // not 激活
		{"線上", "线上"},   // not 在线
		{"整合", "整合"},   // not 集成
		{"效能", "效能"},   // not 性能
		{"簡報", "简报"},   // not 演示文稿
		{"建立", "建立"},   // not 创建
		{"批次", "批次"},   // not 批量
		{"新增", "新增"},   // not 添加
		{"即時", "即时"},   // not 实时
		{"工作列", "工作列"}, // not 任务栏 (工作列入议程)
		{"複製", "复制"},   // not 拷贝 (检索、复制费用)
	}
}

// missingTaiwanTerms are Taiwan terms seen on report mirrors that the OpenCC
// dictionaries do not reverse.
func missingTaiwanTerms() []taiwanAddition {
	return []taiwanAddition{
		{"巨觀", "宏观"},
		{"附屬檔案", "附件"},
	}
}
