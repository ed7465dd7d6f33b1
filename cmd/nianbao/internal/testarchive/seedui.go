package testarchive

import (
	"bytes"
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/nianbao/nianbao/store"
)

// Edits of the fixture report. Version 5 has a blank cell （五）2 自然人
// and a 总计 that breaks B2 in row （四）1; version 6 also changes the
// text and the 行政许可 cell of table 二.
var (
	EditBlankCell = [2]string{`<td colspan="3">2.重复申请</td><td>0</td>`, `<td colspan="3">2.重复申请</td><td></td>`}
	EditBadTotal  = [2]string{`<td colspan="3">1.本机关不掌握相关政府信息</td><td>2</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td><td>3</td>`,
		`<td colspan="3">1.本机关不掌握相关政府信息</td><td>2</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td><td>4</td>`}
	EditText = [2]string{"全年主动公开政府信息2294条", "全年主动公开政府信息2296条"}
	EditCell = [2]string{`<td>行政许可</td><td colspan="3">1520</td>`, `<td>行政许可</td><td colspan="3">1600</td>`}
	// EditCarriedOut makes the 2020 report carry 2 applications into 2021,
	// where the 2021 report says 1 was carried in: X1 fails.
	EditCarriedOut = [2]string{`<td colspan="3">四、结转下年度继续办理</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td>`,
		`<td colspan="3">四、结转下年度继续办理</td><td>2</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>2</td>`}
)

// PrevURL is the 2020 report of the same agency.
const PrevURL = "http://127.0.0.1:1/zfxxgknb/202101/t20210128_1.html"

// MustReplace applies one edit (old, new) to body, failing tb when body
// lacks old.
func MustReplace(tb testing.TB, body []byte, edit [2]string) []byte {
	tb.Helper()
	if !bytes.Contains(body, []byte(edit[0])) {
		tb.Fatalf("fixture lacks %q", edit[0])
	}
	return bytes.Replace(body, []byte(edit[0]), []byte(edit[1]), 1)
}

// SeedUI builds Seed's archive — 宿迁市人民政府's 2021 report
// fetched as new, unchanged, edited (new), failed — and fetches the page
// twice more with the edits above (versions 5 and 6, both new), and the
// agency's 2020 report (version 7, Others["suqian2020"]) whose carry-over
// disagrees with 2021's. It adds index entries (no pages) of other
// agencies: 泗洪县人民政府 2019 and 2020, and 宿豫区人民政府 with two
// reports for 2021.
func SeedUI(tb testing.TB) Seeded {
	tb.Helper()
	ctx := context.Background()
	out := Seed(tb)
	x := Extractor(tb)
	s, err := store.Open(out.DB, store.Options{Now: func() time.Time { return T0 }, Normalize: x.Simplify})
	if err != nil {
		tb.Fatal(err)
	}
	defer s.Close()
	body := MustReplace(tb, MustReplace(tb, Fixture(tb), EditBlankCell), EditBadTotal)
	edited := MustReplace(tb, MustReplace(tb, body, EditText), EditCell)
	hdr := http.Header{"Content-Type": {"text/html; charset=utf-8"}}
	for i, b := range [][]byte{body, edited} {
		at := T0.Add(time.Duration(96+24*i) * time.Hour)
		v, err := s.Record(ctx, store.Fetch{Portal: "suqian", URL: SeedURL, FinalURL: SeedURL, FetchedAt: at, Status: 200, Header: hdr, Body: b})
		if err != nil || v.Outcome != store.OutcomeNew {
			tb.Fatalf("record edit %d: %v, %v; want a new version", i, v.Outcome, err)
		}
		out.Versions = append(out.Versions, v)
	}
	prev := MustReplace(tb, Fixture(tb), EditCarriedOut)
	prev = bytes.ReplaceAll(prev, []byte("2021年"), []byte("2020年"))
	v, err := s.Record(ctx, store.Fetch{Portal: "suqian", URL: PrevURL, FinalURL: PrevURL, FetchedAt: T0.Add(144 * time.Hour), Status: 200, Header: hdr, Body: prev})
	if err != nil {
		tb.Fatal(err)
	}
	out.Versions = append(out.Versions, v)
	for name, e := range map[string]store.ReportEntry{
		"suqian2020": {Agency: "宿迁市人民政府", Region: "江苏省宿迁市", Year: 2020, Title: "宿迁市人民政府2020年政府信息公开工作年度报告", URL: PrevURL, VersionID: v.ID},
		"sihong2019": {Agency: "泗洪县人民政府", Region: "江苏省宿迁市泗洪县", Year: 2019, Title: "泗洪县2019年政府信息公开工作年度报告", URL: "http://127.0.0.1:1/sihong/2019.html"},
		"sihong2020": {Agency: "泗洪县人民政府", Year: 2020, Title: "泗洪县2020年政府信息公开工作年度报告", URL: "http://127.0.0.1:1/sihong/2020.html"},
		"suyu2021a":  {Agency: "宿豫区人民政府", Year: 2021, Title: "宿豫区2021年政府信息公开工作年度报告", URL: "http://127.0.0.1:1/suyu/a.html", Published: "2022-01-20"},
		"suyu2021b":  {Agency: "宿豫区人民政府", Year: 2021, Title: "宿豫区2021年政府信息公开工作年度报告（更正）", URL: "http://127.0.0.1:1/suyu/b.html", Published: "2022-02-10"},
	} {
		r, err := s.IndexReport(ctx, e)
		if err != nil {
			tb.Fatal(err)
		}
		out.Others[name] = r.ID
	}
	return out
}
