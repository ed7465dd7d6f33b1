package extract

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// TestInputCharset: Input.Charset (a portal's charset:) is forced before
// every declaration; without it, a page whose <meta> wrongly says big5 is
// read as Big5.
func TestInputCharset(t *testing.T) {
	x := MustExtractor(t)
	const text = "政府信息公开工作年度报告：本年新收申请数量"
	body, err := simplifiedchinese.GBK.NewEncoder().String(`<html><head><meta charset="big5"></head><body><p>` + text + `</p></body></html>`)
	if err != nil {
		t.Fatal(err)
	}
	forced, err := x.CleanText(Input{Body: []byte(body), ContentType: "text/html", Charset: "gbk"})
	if err != nil || !strings.Contains(forced, text) {
		t.Errorf("CleanText with Charset gbk = %q, %v; want it to contain %q", forced, err, text)
	}
	if plain, _ := x.CleanText(Input{Body: []byte(body), ContentType: "text/html"}); strings.Contains(plain, text) {
		t.Errorf("CleanText without Charset read the big5-labelled page as GBK: the meta rung did not run")
	}
}
