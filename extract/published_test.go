package extract

import (
	"fmt"
	"strings"
	"testing"
)

// TestPublishedDate: every label portals use for the publication date,
// with either colon, in every date format, gives the date; so do the
// <meta> names CMSs write.
func TestPublishedDate(t *testing.T) {
	x := MustExtractor(t)
	labels := []string{"发布时间", "发布日期", "日期", "时间", "成文日期", "印发日期"}
	formats := []string{"2021-01-27", "2021-01-27 15:14", "2021年1月27日", "2021/01/27", "2021.01.27"}
	for _, label := range labels {
		for _, colon := range []string{"：", ":"} {
			for _, f := range formats {
				line := label + colon + f
				t.Run(line, func(t *testing.T) {
					body := "某某县人民政府2020年政府信息公开工作年度报告\n" + line + "\n一、总体情况\n2020年，本县主动公开政府信息120条。\n"
					r, err := x.Extract(Input{Body: []byte(body)})
					if err != nil {
						t.Fatal(err)
					}
					if r.Published != "2021-01-27" {
						t.Errorf("published = %q, want 2021-01-27 (metadata %v)", r.Published, r.Metadata)
					}
				})
			}
		}
	}
	for _, name := range []string{"PubDate", "firstpublishedtime", "publishdate"} {
		t.Run("meta "+name, func(t *testing.T) {
			page := fmt.Sprintf(`<html><head><meta name="%s" content="2021-01-27 15:14:03"><title>某某县人民政府2020年政府信息公开工作年度报告</title></head>
<body><div><h1>某某县人民政府2020年政府信息公开工作年度报告</h1><p>一、总体情况</p><p>2020年，本县主动公开政府信息120条。</p></div></body></html>`, name)
			r, err := x.Extract(Input{Body: []byte(page), ContentType: "text/html"})
			if err != nil {
				t.Fatal(err)
			}
			if r.Published != "2021-01-27" {
				t.Errorf("published = %q, want 2021-01-27", r.Published)
			}
		})
	}
}

// TestMetaLineNeverPairsLabels: a field left empty does not take the next
// label as its value, and a short label alone is a field only with a date.
func TestMetaLineNeverPairsLabels(t *testing.T) {
	tests := []struct {
		line string
		ok   bool
		want map[string]string
	}{
		{"来源：某某县人民政府 浏览次数：字号：大 中 小", true, map[string]string{"来源": "某某县人民政府", "浏览次数": ""}},
		{"浏览次数：123 字号：大 中 小", true, map[string]string{"浏览次数": "123"}},
		{"日期:2021-01-27 15:14", true, map[string]string{"发布时间": "2021-01-27 15:14"}},
		{"时间：全年共计十二个月", false, nil},
		{"名称：某某县人民政府2020年政府信息公开工作年度报告", false, nil},
	}
	for _, tt := range tests {
		got, ok := parseMetaLine(tt.line)
		if ok != tt.ok {
			t.Errorf("parseMetaLine(%q) ok = %v, want %v", tt.line, ok, tt.ok)
			continue
		}
		for k, v := range tt.want {
			if got[k] != v {
				t.Errorf("parseMetaLine(%q)[%s] = %q, want %q", tt.line, k, got[k], v)
			}
		}
	}
}

// TestCleanTextMergedCellOnce: a header cell merged over rows and columns
// is printed once, in the first row and column it covers.
func TestCleanTextMergedCellOnce(t *testing.T) {
	x := MustExtractor(t)
	page := `<html><body><div><h1>某某县2020年政府信息公开工作年度报告</h1>
<p>四、政府信息公开行政复议、行政诉讼情况</p>
<table><tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>
<tr><td rowspan="2">结果维持</td><td rowspan="2">结果纠正</td><td rowspan="2">其他结果</td><td rowspan="2">尚未审结</td><td rowspan="2">总计</td><td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>
<tr><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td></tr>
<tr><td>1</td><td>1</td><td>0</td><td>0</td><td>2</td><td>3</td><td>0</td><td>1</td><td>1</td><td>5</td><td>1</td><td>0</td><td>0</td><td>0</td><td>1</td></tr></table></div></body></html>`
	text, err := x.CleanText(Input{Body: []byte(page)})
	if err != nil {
		t.Fatal(err)
	}
	want := "行政复议 | 行政诉讼\n" +
		"结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉\n" +
		"结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计\n" +
		"1 | 1 | 0 | 0 | 2 | 3 | 0 | 1 | 1 | 5 | 1 | 0 | 0 | 0 | 1\n"
	if !strings.Contains(text, want) {
		t.Errorf("CleanText table =\n%s\nwant it to contain\n%s", text, want)
	}
}
