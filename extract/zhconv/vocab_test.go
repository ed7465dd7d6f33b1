package zhconv

import "testing"

// The vocabulary of Taiwan-style mirrors of mainland annual reports
// (report-format.md §9.6), as SimplifyTaiwan must restore it.
func TestSimplifyTaiwanReportVocabulary(t *testing.T) {
	c := MustNew(t)
	tests := []struct {
		name, in, want string
	}{
		{"檔案 is a document", "皖政辦秘〔2014〕180號檔案", "皖政办秘〔2014〕180号文件"},
		{"規範性檔案 is a normative document", "清理規範性檔案12件", "清理规范性文件12件"},
		{"入口網站 is a portal", "通過政府入口網站主動公開", "通过政府门户网站主动公开"},
		{"最佳化 is optimise", "最佳化依申請公開服務", "优化依申请公开服务"},
		{"程式 is a procedure", "嚴格按照程式辦理", "严格按照程序办理"},
		{"網路 is a network", "政務網路平臺", "政务网络平台"},
		{"資訊 is information", "政府資訊公開工作年度報告", "政府信息公开工作年度报告"},
		{"列印 is print", "列印本頁", "打印本页"},
		{"巨觀 is macro (nianbao addition)", "巨觀環境", "宏观环境"},
		{"附屬檔案 is an attachment (nianbao addition)", "附屬檔案：統計表", "附件：统计表"},
		{"檔案館 stays an archive", "可在市檔案館、圖書館查閱", "可在市档案馆、图书馆查阅"},
		{"檔案局 stays an archive bureau", "市檔案局", "市档案局"},
		{"檔案室 stays an archive room", "設立檔案室", "设立档案室"},
		{"檔案櫃 stays an archive cabinet", "購置檔案櫃", "购置档案柜"},
		{"人事檔案 stays a personnel file", "申請查閱本人人事檔案", "申请查阅本人人事档案"},
		{"archive and document in one sentence", "向市檔案館移交檔案目錄", "向市档案馆移交文件目录"},
		{"執行 stays execute, not run", "認真執行《條例》", "认真执行《条例》"},
		{"複製 stays copy (a fee item), not the IT 拷贝", "檢索、複製費用", "检索、复制费用"},
		{"指標 stays indicator, not pointer", "年度考核指標", "年度考核指标"},
		{"互動 stays interaction", "互動交流欄目", "互动交流栏目"},
		{"查詢 stays enquiry", "提供查詢服務", "提供查询服务"},
		{"工作列入 is not a taskbar", "將政務公開工作列入議程", "将政务公开工作列入议程"},
		{"批次 stays batches", "抽檢680批次農產品", "抽检680批次农产品"},
		{"plain t2s still applies", "二、主動公開政府資訊情況", "二、主动公开政府信息情况"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.SimplifyTaiwan(tt.in); got != tt.want {
				t.Errorf("SimplifyTaiwan(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// Simplify never applies Taiwan vocabulary, so Simplified text survives it.
func TestSimplifyKeepsSimplifiedText(t *testing.T) {
	c := MustNew(t)
	for _, s := range []string{
		"什么文件",
		"档案馆",
		"本年度发布规范性文件12件，通过政府门户网站、政务微博、政务微信等渠道主动公开政府信息。",
		"优化依申请公开办理程序，加强网络信息安全，打印本页",
		"宏观经济运行总体平稳，附件：政府信息公开情况统计表",
		"乾隆年间，于是他著书立说，后来才知道",
	} {
		if got := c.Simplify(s); got != s {
			t.Errorf("Simplify(%q) = %q, want it unchanged", s, got)
		}
	}
}

// The reason SimplifyTaiwan is reserved for Traditional documents: on
// Simplified text its Taiwan stage corrupts words. If OpenCC ever drops
// these entries this test says so, and the caveat in the doc can go.
func TestSimplifyTaiwanCorruptsSimplifiedText(t *testing.T) {
	c := MustNew(t)
	if got, want := c.SimplifyTaiwan("什么文件"), "什幺文档"; got != want {
		t.Errorf("SimplifyTaiwan(%q) = %q, want the known corruption %q", "什么文件", got, want)
	}
}

func TestSimplifyDocument(t *testing.T) {
	c := MustNew(t)
	tests := []struct {
		name, in, want string
		decision       Decision
	}{
		{"Simplified text is left alone", "什么文件需要公开", "什么文件需要公开", Decision{}},
		{"Traditional text with Taiwan vocabulary gets mainland vocabulary",
			"什麼檔案需要公開", "什么文件需要公开", Decision{Traditional: true, Taiwan: true}},
		{"Traditional text with mainland vocabulary gets characters only",
			"規範性文件的考核指標，政府信息公開", "规范性文件的考核指标，政府信息公开", Decision{Traditional: true}},
		{"stray Traditional characters in Simplified text are fixed",
			"本机关发布规范性文件12件，政府信息公開", "本机关发布规范性文件12件，政府信息公开", Decision{}},
		{"empty", "", "", Decision{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, d := c.SimplifyDocument(tt.in)
			if got != tt.want || d != tt.decision {
				t.Errorf("SimplifyDocument(%q) = %q, %+v, want %q, %+v", tt.in, got, d, tt.want, tt.decision)
			}
		})
	}
}

func TestDetectVocabulary(t *testing.T) {
	c := MustNew(t)
	tests := []struct {
		in   string
		want Vocabulary
	}{
		{"政府資訊公開，入口網站，最佳化，巨觀", Vocabulary{Taiwan: 4}},
		{"政府信息公開，門戶網站，優化，宏觀", Vocabulary{Mainland: 4}},
		{"市檔案館", Vocabulary{}},                                     // an exception, and not its 檔案 either
		{"文件、程序", Vocabulary{}},                                    // both Taiwan and mainland words
		{"數據", Vocabulary{Mainland: 1}},                            // Taiwan writes 資料
		{traditionalParagraph, Vocabulary{Taiwan: 8, Mainland: 1}}, // 資訊×5 最佳化 巨觀 附屬檔案; 數據
	}
	for _, tt := range tests {
		if got := c.DetectVocabulary(tt.in); got != tt.want {
			t.Errorf("DetectVocabulary(%.20q…) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

// A whole mirror paragraph comes back as the mainland original.
func TestSimplifyTaiwanParagraph(t *testing.T) {
	c := MustNew(t)
	want := simplifiedParagraph + "优化依申请公开服务，宏观环境，附件。"
	if got := c.SimplifyTaiwan(traditionalParagraph); got != want {
		t.Errorf("SimplifyTaiwan(mirror paragraph)\n got  %q\n want %q", got, want)
	}
}
