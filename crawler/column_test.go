package crawler

import (
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

func mustDoc(tb testing.TB, html string) *goquery.Document {
	tb.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(html))
	if err != nil {
		tb.Fatal(err)
	}
	return doc
}

func mustURL(tb testing.TB, s string) *url.URL {
	tb.Helper()
	u, err := url.Parse(s)
	if err != nil {
		tb.Fatal(err)
	}
	return u
}

func TestLinkYear(t *testing.T) {
	tests := []struct {
		text string
		want int
	}{
		{"2023年政府信息公开工作年度报告", 2023},
		{"二〇一九年政府信息公开工作年度报告", 2019},
		{"二○二二年度政府信息公开年报", 2022},
		{"二零一五年政府信息公开年报", 2015},
		{"２０２１年度报告", 2021},
		{"2007年报告", 0},
		{"第12345号 2024年报", 2024},
		{"年度报告", 0},
		{"2100年度报告", 0},
	}
	for _, tt := range tests {
		if got := linkYear(tt.text); got != tt.want {
			t.Errorf("linkYear(%q) = %d, want %d", tt.text, got, tt.want)
		}
	}
}

const columnHTML = `<html><head><base href="/zfxxgk/nb/"></head><body>
<ul class="list">
<li><a href="./202401/t20240115_1.html" title="掇刀区人民政府2023年政府信息公开工作年度报告">掇刀区人民政府2023年政府信息...</a></li>
<li><a href="202301/t20230120_2.html">二〇二二年政府信息公开工作年度报告</a></li>
<li><a href="202301/t20230120_2.html#top">二〇二二年政府信息公开工作年度报告（重复）</a></li>
<li><a href="/zfxxgk/zn/index.html">2023年政府信息公开指南</a></li>
<li><a href="/tjgb/2023.html">2023年统计公报</a></li>
<li><a href="http://other.gov.cn/nb/2021.html">2021年政府信息公开工作年度报告</a></li>
<li><a href="javascript:void(0)">2020年政府信息公开工作年度报告</a></li>
<li><a href="https://www.example.gov.cn/nb/2019.pdf">2019年政府信息公开年报</a></li>
</ul>
<div class="nav"><a href="/zfxxgk/nb/">政府信息公开年报</a></div>
</body></html>`

func TestReportLinks(t *testing.T) {
	page := mustURL(t, "https://www.example.gov.cn/zfxxgk/nb/index.html")
	hosts := newHostSet(nil, page)
	got, _ := reportLinks(mustDoc(t, columnHTML), page, hosts, nil, wording{})
	want := []Link{
		{URL: "https://www.example.gov.cn/zfxxgk/nb/202401/t20240115_1.html", Text: "掇刀区人民政府2023年政府信息公开工作年度报告", Year: 2023},
		{URL: "https://www.example.gov.cn/zfxxgk/nb/202301/t20230120_2.html", Text: "二〇二二年政府信息公开工作年度报告", Year: 2022},
		{URL: "https://www.example.gov.cn/nb/2019.pdf", Text: "2019年政府信息公开年报", Year: 2019},
	}
	if len(got) != len(want) {
		t.Fatalf("reportLinks = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("link %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestReportLinksOverride(t *testing.T) {
	page := mustURL(t, "https://www.example.gov.cn/zfxxgk/nb/index.html")
	hosts := newHostSet([]string{"www.example.gov.cn", "*.other.gov.cn"}, page)
	html := `<div class="nb"><a href="/a.html">甲</a><a href="http://x.other.gov.cn/b.html">乙 2021</a></div>
<a href="/c.html">2023年政府信息公开工作年度报告</a><a href="/ndbg/d.html">丁</a>`
	tests := []struct {
		rule string
		want []string
	}{
		{"div.nb", []string{"https://www.example.gov.cn/a.html", "http://x.other.gov.cn/b.html"}},
		{"re:/ndbg/", []string{"https://www.example.gov.cn/ndbg/d.html"}},
		{"/c\\.html$/", []string{"https://www.example.gov.cn/c.html"}},
	}
	for _, tt := range tests {
		rule, err := compileLinkRule(tt.rule)
		if err != nil {
			t.Fatalf("compileLinkRule(%q): %v", tt.rule, err)
		}
		got, _ := reportLinks(mustDoc(t, html), page, hosts, rule, wording{})
		var urls []string
		for _, l := range got {
			urls = append(urls, l.URL)
		}
		if strings.Join(urls, " ") != strings.Join(tt.want, " ") {
			t.Errorf("rule %q: links %v, want %v", tt.rule, urls, tt.want)
		}
	}
	if _, err := compileLinkRule("re:("); err == nil {
		t.Error("compileLinkRule(re:() = nil error, want one")
	}
}

func TestAttachmentLinks(t *testing.T) {
	page := mustURL(t, "http://127.0.0.1:8080/art/2024/1/15/art_1_2.html")
	html := `<a href="/files/2023年报.pdf">附件：2023年报.pdf</a><a href="t.DOCX">表</a><a href="x.html">x</a>
<a href="http://evil.example.com/a.pdf">外</a><a href="a.ofd">o</a><a href="b.zip?x=1">z</a><a href="c.wps">w</a>`
	got := attachmentLinks([]byte(html), page, newHostSet(nil, page))
	want := []string{
		"http://127.0.0.1:8080/files/2023%E5%B9%B4%E6%8A%A5.pdf",
		"http://127.0.0.1:8080/art/2024/1/15/t.DOCX",
		"http://127.0.0.1:8080/art/2024/1/15/a.ofd",
		"http://127.0.0.1:8080/art/2024/1/15/b.zip?x=1",
		"http://127.0.0.1:8080/art/2024/1/15/c.wps",
	}
	if len(got) != len(want) {
		t.Fatalf("attachmentLinks = %+v, want %v", got, want)
	}
	for i := range want {
		if got[i].URL != want[i] {
			t.Errorf("attachment %d = %s, want %s", i, got[i].URL, want[i])
		}
	}
	if got[0].Year != 2023 {
		t.Errorf("attachment year = %d, want 2023", got[0].Year)
	}
}
