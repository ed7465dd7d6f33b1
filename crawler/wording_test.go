package crawler

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"gotest.tools/v3/assert"
	"gotest.tools/v3/golden"

	"github.com/PuerkitoBio/goquery"

	"github.com/nianbao/nianbao/extract/zhconv"
)

// testWording is the wording the daemon uses: zhconv's Simplify, built
// once for the package's tests.
var testWording = sync.OnceValues(func() (wording, error) {
	c, err := zhconv.New()
	if err != nil {
		return wording{}, err
	}
	return wording{simplify: c.Simplify}, nil
})

func mustWording(tb testing.TB) wording {
	tb.Helper()
	w, err := testWording()
	if err != nil {
		tb.Fatal(err)
	}
	return w
}

// TestReportWording: hand-written titles in both scripts — every wording of
// a report with every way of writing its year, and the decoys.
func TestReportWording(t *testing.T) {
	w := mustWording(t)
	tests := []struct {
		text string
		year int // 0: not a report link
	}{
		{"掇刀区人民政府2023年政府信息公开工作年度报告", 2023},
		{"2019年 政府信息公开 年报", 2019},
		{"二〇二〇年度政府信息公开工作年度报告", 2020},
		{"二○一八年政府信息公开年度报告", 2018},
		{"２０２１年度政府信息公开工作年度报告", 2021},
		{"云岭市人民政府办公室2016年政府信息公开工作报告", 2016}, // the wording before the 2019 template
		{"2012年度政府信息公开工作报告", 2012},
		{"2015年政务公开工作报告", 2015},
		{"市财政局2022年政府信息公开工作年度报告（更正版）", 2022},
		{"2023年度报告", 2023},
		{"青川市人民政府辦公室2021年政府信息公開工作年度報告", 2021}, // Traditional
		{"二〇一九年度政府資訊公開年報", 2019},
		{"2017年政府信息公開工作報告", 2017},
		{"臺北2022年度政務公開工作年度報告", 2022},
		{"2023 年 政府 信息 公开 工作 年度 报告", 2023},
		{"政府信息公开年度报告", 0}, // no year: the column's own title
		{"2023年政府信息公开指南", 0},
		{"2023年政府信息公開指南", 0},
		{"政府信息公开制度（2021年修订）年报", 0},
		{"2023年政府信息公开目录", 0},
		{"2022年国民经济和社会发展统计公报", 0},
		{"2022年統計公報", 0},
		{"2021年统计年报", 0},
		{"2023年政府网站工作年度报表", 0},
		{"2023年法治政府建设年度报告", 0},
		{"2023年法治政府建設年度報告", 0},
		{"2024年政府工作报告", 0},
		{"2024年政府工作報告", 0},
		{"2023年度工作报告", 0}, // 工作报告 without the disclosure context
		{"关于做好2023年政府信息公开工作年度报告编制发布工作的通知", 0},
		{"關於做好2023年度政府信息公開工作年度報告編製工作的通知", 0},
		{"一图读懂2022年政府信息公开工作年度报告（图解）", 0},
		{"《2022年政府信息公开工作年度报告》解读", 0},
		{"2023年度企业年度报告公示", 0},
		{"2022年社会组织年报", 0},
		{"2023年工作总结", 0},
		{"2007年政府信息公开工作年度报告", 0},
		{"", 0},
	}
	for _, tt := range tests {
		y, ok := w.reportYear(tt.text)
		if ok != (tt.year != 0) || y != tt.year {
			t.Errorf("reportYear(%q) = %d, %v; want %d", tt.text, y, ok, tt.year)
		}
	}
}

// TestReportWordingSplitOverElements: an anchor whose title is spread over
// child elements (a year in a <span>, the rest in <em>) is one text.
func TestReportWordingSplitOverElements(t *testing.T) {
	page := mustURL(t, "http://www.example.gov.cn/xxgk/nb/")
	html := `<ul><li><a href="a.html"><span class="y">2020</span><em>年政府信息</em>公開<b>工作年度報告</b></a></li>
<li><a href="b.html"><span>二〇</span><span>一七</span>年政府信息公开<i>工作报告</i></a></li>
<li><a href="c.html"><span>2023</span>年政府信息公开<i>指南</i></a></li></ul>`
	links, _ := reportLinks(mustDoc(t, html), page, newHostSet(nil, page), nil, mustWording(t))
	if len(links) != 2 || links[0].Year != 2020 || links[1].Year != 2017 {
		t.Errorf("links %+v, want a.html (2020) and b.html (2017)", links)
	}
}

// TestPageLabelsBothScripts: pagination labels in either script.
func TestPageLabelsBothScripts(t *testing.T) {
	w := mustWording(t)
	for _, tt := range []struct {
		label      string
		next, last bool
	}{
		{"下一页", true, false}, {"下一頁", true, false}, {"下页", true, false}, {"下頁", true, false},
		{"尾页", false, true}, {"尾頁", false, true}, {"末页", false, true}, {"末頁", false, true},
		{"最後一頁", false, true}, {"上一頁", false, false}, {"首頁", false, false},
		{"2023年政府信息公开工作年度报告下一页面的说明文字很长很长很长很长很长很长很长很长", false, false},
	} {
		next, last := w.pageLabel(tt.label, "")
		if next != tt.next || last != tt.last {
			t.Errorf("pageLabel(%q) = %v, %v; want %v, %v", tt.label, next, last, tt.next, tt.last)
		}
	}
}

// TestReportWordingRealListPages runs the recogniser over every <a> of the
// real list pages in ../shared/corpus/real and compares each verdict (year
// or "-", then the text or title) with testdata/real_anchors/NAME.golden
// (rewritten with -update). What it accepts must carry a plausible year
// and no decoy word. It skips when the corpus is absent.
func TestReportWordingRealListPages(t *testing.T) {
	w := mustWording(t)
	want := map[string]int{ // list page → report links at least expected
		"pingtan__zfxxgknb_list_index.html":          5,
		"nodehtmlparser__ordos_egb_xxgknb_list.html": 1,
	}
	for name, atLeast := range want {
		t.Run(name, func(t *testing.T) {
			body := corpusFile(t, name)
			doc, err := goquery.NewDocumentFromReader(strings.NewReader(string(decodeHTML(body, "text/html", ""))))
			if err != nil {
				t.Fatal(err)
			}
			var verdicts strings.Builder
			found := 0
			doc.Find("a").Each(func(_ int, a *goquery.Selection) {
				label := collapse(a.Text())
				if title := collapse(a.AttrOr("title", "")); len(title) > len(label) {
					label = title
				}
				y, ok := w.reportYear(label)
				if !ok {
					y, ok = w.reportYear(collapse(a.Text()))
				}
				verdict := "-"
				if ok {
					found++
					verdict = strconv.Itoa(y)
					if y < 2008 || y > 2030 {
						t.Errorf("%q: year %d", label, y)
					}
					if containsAny(w.normalize(label), decoyWords) {
						t.Errorf("%q accepted with a decoy word", label)
					}
				}
				fmt.Fprintf(&verdicts, "%s\t%s\n", verdict, label)
			})
			if found < atLeast {
				t.Errorf("%s: %d report links, want at least %d", name, found, atLeast)
			}
			assert.Check(t, golden.String(verdicts.String(), filepath.Join("real_anchors", strings.TrimSuffix(name, ".html")+".golden")))
		})
	}
}
