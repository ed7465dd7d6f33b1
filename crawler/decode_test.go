package crawler

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

func gbk(tb testing.TB, s string) []byte {
	tb.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func TestDecodeHTML(t *testing.T) {
	const text = "2023年政府信息公开工作年度报告：主动公开政府信息情况，收到和处理政府信息公开申请情况"
	page := func(meta string) string {
		return "<html><head>" + meta + "<title>年报</title></head><body><p>" + text + "</p></body></html>"
	}
	big5, _ := traditionalchinese.Big5.NewEncoder().Bytes([]byte("<html><body>二〇一二年政府資訊公開工作年度報告，主動公開政府資訊情況，收到和處理政府資訊公開申請情況，行政復議</body></html>"))
	tests := []struct {
		name        string
		body        []byte
		contentType string
		forced      string
		want        string
	}{
		{"UTF-8 labelled utf-8", []byte(page("")), "text/html; charset=utf-8", "", text},
		{"GBK labelled gb2312", gbk(t, page("")), "text/html; charset=gb2312", "", text},
		{"GBK from meta charset", gbk(t, page(`<meta charset="gbk">`)), "text/html", "", text},
		{"GBK from meta http-equiv", gbk(t, page(`<meta http-equiv="Content-Type" content="text/html; charset=GB2312">`)), "", "", text},
		{"GBK labelled utf-8 (lying header)", gbk(t, page("")), "text/html; charset=utf-8", "", text},
		{"GBK with a lying utf-8 meta", gbk(t, page(`<meta charset="utf-8">`)), "text/html", "", text},
		{"UTF-8 with BOM labelled gbk", append([]byte("\xEF\xBB\xBF"), page("")...), "text/html; charset=gbk", "", text},
		{"UTF-8 without BOM labelled gbk", []byte(page(`<meta charset="gbk">`)), "text/html; charset=gbk", "", text},
		{"GBK without any label", gbk(t, page("")), "", "", text},
		{"forced charset", gbk(t, page(`<meta charset="utf-8">`)), "text/html; charset=utf-8", "gbk", text},
		{"GB18030-only character", func() []byte {
			b, _ := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(page("") + "䶮"))
			return b
		}(), "text/html; charset=gbk", "", "䶮"},
		{"Big5 without label", big5, "", "", "政府資訊公開"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(decodeHTML(tt.body, tt.contentType, tt.forced))
			if !strings.Contains(got, tt.want) {
				t.Errorf("decodeHTML = %.200q, want it to contain %q", got, tt.want)
			}
			if strings.ContainsRune(got, '\uFFFD') {
				t.Errorf("decodeHTML produced replacement characters: %.200q", got)
			}
		})
	}
}

func TestDecodeKeepsInput(t *testing.T) {
	raw := gbk(t, "<p>年度报告</p>")
	keep := append([]byte(nil), raw...)
	decodeHTML(raw, "text/html; charset=gbk", "")
	if string(raw) != string(keep) {
		t.Error("decodeHTML modified its input")
	}
}
