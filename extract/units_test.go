package extract

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

func TestParseCell(t *testing.T) {
	tests := []struct {
		in    string
		want  float64
		unit  string
		blank bool
		ok    bool
	}{
		{"", 0, "", true, false},
		{"\u00a0 \u3000", 0, "", true, false},
		{"0", 0, "", false, true},
		{"１２３", 123, "", false, true},
		{"1,036", 1036, "", false, true},
		{"11,398,889", 11398889, "", false, true},
		{"+4", 4, "", false, true},
		{"-1271", -1271, "", false, true},
		{"－18", -18, "", false, true},
		{"−15", -15, "", false, true},
		{"251000元", 251000, "元", false, true},
		{"96171.6万元", 96171.6, "万元", false, true},
		{"73802895.90元", 73802895.9, "元", false, true},
		{"—", 0, "", false, true},
		{"/", 0, "", false, true},
		{"无", 0, "", false, true},
		{"2 0", 20, "", false, true},
		{"1,23", 0, "", false, false},
		{"自然人", 0, "", false, false},
		{"1.", 0, "", false, false},
		{"12件", 12, "件", false, true},
	}
	for _, tt := range tests {
		got := parseCell(tt.in)
		if got.ok != tt.ok || got.blank != tt.blank || (tt.ok && (got.v != tt.want || got.unit != tt.unit)) {
			t.Errorf("parseCell(%q) = %+v, want v=%v unit=%q blank=%v ok=%v", tt.in, got, tt.want, tt.unit, tt.blank, tt.ok)
		}
	}
}

func TestDecode(t *testing.T) {
	const text = "政府信息公开工作年度报告：本年新收申请数量"
	gbk, _ := simplifiedchinese.GBK.NewEncoder().String(text)
	big5, _ := traditionalchinese.Big5.NewEncoder().String("政府資訊公開工作年度報告：本年新收申請數量")
	utf16, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(text)
	tests := []struct {
		name, body, contentType, want, enc string
	}{
		{"utf-8 undeclared", text, "", text, "utf-8"},
		{"gbk from Content-Type", gbk, "text/html; charset=GBK", text, "gb18030"},
		{"gb2312 from meta", `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">` + gbk, "", text, "gb18030"},
		{"gbk text undeclared", gbk, "text/plain", text, "gb18030"},
		{"big5 text undeclared", big5, "", "政府資訊公開工作年度報告：本年新收申請數量", "big5"},
		{"utf-16 with BOM", utf16, "", text, "utf-16le"},
		{"utf-8 under a stale gb2312 label", `<meta charset="gb2312">` + text, "text/html; charset=gb2312", text, "utf-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := decode([]byte(tt.body), tt.contentType, "")
			if !strings.Contains(d.text, tt.want) || d.encoding != tt.enc {
				t.Errorf("decode = %q (%s), want it to contain %q (%s)", d.text, d.encoding, tt.want, tt.enc)
			}
		})
	}
}

func TestBuildGridSpans(t *testing.T) {
	const table = `<table>
<tr><td rowspan="2" colspan="2">A</td><td>B</td></tr>
<tr><td>C</td></tr>
<tr><td>D</td><td colspan="2">E<br>F</td></tr>
</table>`
	doc, err := html.Parse(strings.NewReader(table))
	if err != nil {
		t.Fatal(err)
	}
	var tbl *html.Node
	var find func(*html.Node)
	find = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "table" {
			tbl = n
		}
		for c := n.FirstChild; c != nil && tbl == nil; c = c.NextSibling {
			find(c)
		}
	}
	find(doc)
	id := 0
	g := buildGrid(tbl, &id)
	want := [][]string{{"A", "A", "B"}, {"A", "A", "C"}, {"D", "EF", "EF"}}
	for r, row := range want {
		for c, w := range row {
			if got := g.rows[r][c].text; got != w {
				t.Errorf("cell (%d,%d) = %q, want %q", r, c, got, w)
			}
		}
	}
	if g.rows[0][0].id != g.rows[1][1].id || g.rows[2][1].id != g.rows[2][2].id {
		t.Errorf("span copies must share their id")
	}
	if got := distinct(g.rows[2]); len(got) != 2 {
		t.Errorf("distinct(row 3) = %v, want 2 cells", got)
	}
}

func TestHeadingNo(t *testing.T) {
	tests := []struct {
		line string
		prev int
		want int
	}{
		{"一、总体情况", 0, 1},
		{"五、政府信息公开工作存在的主要问题及改进情况", 4, 5},
		{"一、本年新收政府信息公开申请数量", 0, 0},
		{"三、本年度办理结果", 2, 0},
		{"二、主动公开政府信息情况", 2, 0},
		{"十、附表", 9, 10},
		{"一是加强领导，健全机制。", 0, 0},
	}
	for _, tt := range tests {
		if got := headingNo(tt.line, tt.prev); got != tt.want {
			t.Errorf("headingNo(%q, %d) = %d, want %d", tt.line, tt.prev, got, tt.want)
		}
	}
}

func TestParseMetaLine(t *testing.T) {
	f, ok := parseMetaLine("来源：平潭县人民政府 发布时间：2024-03-08 15:34 浏览次数：")
	if !ok || f["来源"] != "平潭县人民政府" || f["发布时间"] != "2024-03-08 15:34" || f["浏览次数"] != "" {
		t.Errorf("parseMetaLine = %v, %v", f, ok)
	}
	if _, ok := parseMetaLine("本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。"); ok {
		t.Errorf("prose taken for metadata")
	}
	if got := parseDate("2018年1月1日"); got != "2018-01-01" {
		t.Errorf("parseDate = %q", got)
	}
	if got := parseDate("20240308"); got != "2024-03-08" {
		t.Errorf("parseDate compact = %q", got)
	}
}

func TestCarryOverFailsOnMismatch(t *testing.T) {
	one, two := 1.0, 2.0
	rows := func(k string, v *float64) *Report {
		vals := make([]*float64, 7)
		for i := range vals {
			vals[i] = v
		}
		return &Report{Tables: Tables{Requests: &Requests{Rows: map[string][]*float64{k: vals}}}}
	}
	prev, cur := rows("carried_out", &one), rows("carried_in", &two)
	prev.Year, cur.Year = 2022, 2023
	if c := CarryOver(prev, cur); c.Status != CheckFail || !strings.Contains(c.Detail, "自然人 2 ≠ 1") {
		t.Errorf("CarryOver = %+v, want fail naming 自然人", c)
	}
	cur = rows("carried_in", nil)
	cur.Year = 2023
	if c := CarryOver(prev, cur); c.Status != CheckUncertain {
		t.Errorf("CarryOver with blanks = %+v, want uncertain", c)
	}
}

func TestSimplify(t *testing.T) {
	x := MustExtractor(t)
	if got, want := x.Simplify("宿遷市 人民政府"), x.Simplify("宿迁市人民政府"); got != want || got != "宿迁市人民政府" {
		t.Errorf("Simplify = %q and %q, want both 宿迁市人民政府", got, want)
	}
}

func TestMirrorWarnings(t *testing.T) {
	x := MustExtractor(t)
	in := readInput(t, "testdata/traditional_mirror.html")
	in.URL = "https://newton.com.tw/wiki/2012年某某市政府信息公開工作年度報告"
	r, err := x.Extract(in)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(r.Warnings, "\n"), "newton.com.tw: a mirror") {
		t.Errorf("warnings = %v, want a mirror warning", r.Warnings)
	}
	spam := "<p>2020年某区政(zhèng)府(fǔ)信息公(gōng)开(kāi)工作年度报告</p>"
	r, err = x.Extract(Input{Body: []byte(spam)})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(r.Warnings, "\n"), "pinyin injected") {
		t.Errorf("warnings = %v, want a pinyin warning", r.Warnings)
	}
}

// PDF-style copied text wraps long labels and splits header words; the
// wrapped label is joined to the line before it.
func TestCellLinesWrappedLabel(t *testing.T) {
	var b strings.Builder
	b.WriteString("三、收到和处理政府信息公开申请情况\n申请人情况\n自然人\n商 业 企\n业\n")
	write := func(label string, v string) {
		b.WriteString(label + "\n")
		for i := 0; i < 7; i++ {
			b.WriteString(v + "\n")
		}
	}
	write("一、本年新收政府信息公开申请数量", "1")
	b.WriteString("（二）部分公开（区分处理的，只计这一情\n")
	write("形，不计其他情形）", "2")
	doc := parseText(b.String())
	ts := readTables(doc)
	if got := ts.requests.rows["partly_granted"]; len(got) != 7 || val(got[0]) != 2.0 {
		t.Errorf("partly_granted = %v, want seven 2s", got)
	}
	if got := ts.requests.rows["new"]; len(got) != 7 || val(got[6]) != 1.0 {
		t.Errorf("new = %v", got)
	}
}

func TestTitleIdentity(t *testing.T) {
	tests := []struct {
		title, agency string
		year          int
	}{
		{"沭阳县发展和改革局2023年政府信息公开年度报告", "沭阳县发展和改革局", 2023},
		{"2020年掇刀区政府信息公开工作年度报告", "掇刀区", 2020},
		{"某某市人民政府关于2019年政府信息公开工作年度报告", "某某市人民政府", 2019},
		{"某某区政府信息公开工作2023年度报告", "某某区", 2023},
		{"关于做好2023年度政府信息公开工作年度报告编制发布工作的通知", "", 2023},
	}
	for _, tt := range tests {
		doc := &document{titles: []string{tt.title}, meta: map[string]string{}}
		id := readIdentity(doc, nil, Input{})
		if id.agency != tt.agency || id.year != tt.year {
			t.Errorf("readIdentity(%q) = %q, %d; want %q, %d", tt.title, id.agency, id.year, tt.agency, tt.year)
		}
	}
}

// Metadata in a container named like furniture is still read.
func TestMetadataInFurniture(t *testing.T) {
	x := MustExtractor(t)
	page := `<html><body><div class="detail-header"><h1>某某县2022年政府信息公开工作年度报告</h1><p>发布日期：2023-01-31 来源：县政府办</p></div>
<div class="TRS_Editor"><p>一、总体情况</p><p>2022年，全县主动公开政府信息100条。</p></div><div class="footer">版权所有</div></body></html>`
	r, err := x.Extract(Input{Body: []byte(page)})
	if err != nil {
		t.Fatal(err)
	}
	if r.Published != "2023-01-31" || r.Metadata["来源"] != "县政府办" || r.Title != "某某县2022年政府信息公开工作年度报告" {
		t.Errorf("published %q, metadata %v, title %q", r.Published, r.Metadata, r.Title)
	}
}

func TestUnsupportedAndEmpty(t *testing.T) {
	x := MustExtractor(t)
	if _, err := x.Extract(Input{}); !errors.Is(err, ErrEmpty) {
		t.Errorf("Extract(empty) error = %v, want ErrEmpty", err)
	}
	for name, body := range map[string]string{"pdf": "%PDF-1.7\n%\xe2\xe3\xcf\xd3", "docx": "PK\x03\x04\x14\x00"} {
		r, err := x.Extract(Input{Body: []byte(body)})
		if err != nil || r.IsReport || r.TableStatus.Requests != StatusAbsent {
			t.Errorf("Extract(%s) = %+v, %v; want a non-report and no error", name, r, err)
		}
		if _, err := x.CleanText(Input{Body: []byte(body)}); !errors.Is(err, ErrUnsupported) {
			t.Errorf("CleanText(%s) error = %v, want ErrUnsupported", name, err)
		}
	}
}

// One Extractor serves concurrent callers (run with -race).
func TestConcurrentExtract(t *testing.T) {
	x := MustExtractor(t)
	files := fixtures(t)
	done := make(chan error, len(files))
	for _, f := range files {
		in := readInput(t, f)
		go func() {
			_, err := x.Extract(in)
			done <- err
		}()
	}
	for range files {
		if err := <-done; err != nil {
			t.Errorf("Extract error = %v", err)
		}
	}
}

func TestTextCheck(t *testing.T) {
	v68, v70 := 68.0, 70.0
	tests := []struct {
		name   string
		stated float64
		table  []*float64
		want   string
	}{
		{"equals 一", 68, []*float64{&v68, &v70}, CheckPass},
		{"equals 一+二", 70, []*float64{&v68, &v70}, CheckPass},
		{"disagrees", 75, []*float64{&v68, &v70}, CheckFail},
		{"blank cell", 75, []*float64{nil}, CheckUncertain},
	}
	for _, tt := range tests {
		if got := textCheck("x", tt.stated, "q", tt.table...); got.Status != tt.want {
			t.Errorf("%s: textCheck = %+v, want %s", tt.name, got, tt.want)
		}
	}
}

// Table 四 split by a page break: header in one table, numbers in the next.
func TestReviewsSplitAcrossTables(t *testing.T) {
	x := MustExtractor(t)
	page := `<div id="zoom"><p>四、政府信息公开行政复议、行政诉讼情况</p>
<table><tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>
<tr><td rowspan="2">结果维持</td><td rowspan="2">结果纠正</td><td rowspan="2">其他结果</td><td rowspan="2">尚未审结</td><td rowspan="2">总计</td><td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>
<tr><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td></tr></table>
<p>&nbsp;</p>
<table><tr><td>2</td><td>1</td><td>0</td><td>0</td><td>3</td><td>1</td><td>0</td><td>0</td><td>0</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr></table></div>`
	r, err := x.Extract(Input{Body: []byte(page)})
	if err != nil {
		t.Fatal(err)
	}
	if r.TableStatus.Reviews != StatusOK || val(r.Tables.Reviews.Review.Total) != 3.0 || val(r.Tables.Reviews.LitigationDirect.Upheld) != 1.0 {
		t.Errorf("reviews = %+v (%s)", r.Tables.Reviews, r.TableStatus.Reviews)
	}
}

// A row with an extra cell cannot be placed: null with a warning, never
// shifted numbers.
func TestRequestsShiftedRowIsNull(t *testing.T) {
	doc := parseText("一、本年新收政府信息公开申请数量 | 9 | 5 | 1 | 0 | 0 | 0 | 0 | 6\n（七）总计 | 5 | 1 | 0 | 0 | 0 | 0 | 6\n")
	ts := readTables(doc)
	if got := ts.requests.rows["total"]; len(got) != 7 || val(got[6]) != 6.0 {
		t.Errorf("total = %v", got)
	}
	for _, v := range ts.requests.rows["new"] {
		if v != nil {
			t.Errorf("new = %v, want all null", ts.requests.rows["new"])
			break
		}
	}
	if len(ts.warnings) == 0 {
		t.Errorf("no warning for the shifted row")
	}
}

func TestAssembleWarningsInReportOrder(t *testing.T) {
	want := []string{
		"table active is an image; its numbers are not extracted",
		"table requests is an image; its numbers are not extracted",
		"table reviews is an image; its numbers are not extracted",
	}
	for range 20 {
		ts := &tableSet{reviewsStatus: StatusAbsent}
		_, _, got := assembleTables(ts, TemplateT2021, map[int]bool{2: true, 3: true, 4: true})
		if !slices.Equal(got, want) {
			t.Fatalf("assembleTables warnings = %q, want %q", got, want)
		}
	}
}
