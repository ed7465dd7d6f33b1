package extract

import "fmt"

// t2021Fields and t2019Fields are table 二 headers found only in one
// template; the table 三 rows （六）1–3 (T2021) and the single （六） row
// (T2019) vote too.
var (
	t2021Fields = []string{"issued", "repealed", "in_force", "amount_wan_yuan"}
	t2019Fields = []string{"new_made", "new_published", "total_published", "prev_items", "change", "items", "amount"}
)

// detectTemplate decides the template from table headers and labels. The
// year only breaks ties and marks pre-2019 reports without template tables.
func detectTemplate(ts *tableSet, doc *document, year int, isReport bool, statsTable bool) (string, []string) {
	v2021, v2019 := 0, 0
	for _, f := range t2021Fields {
		if ts.active.fields[f] {
			v2021++
		}
	}
	for _, f := range t2019Fields {
		if ts.active.fields[f] {
			v2019++
		}
	}
	if _, ok := ts.requests.rows["other"]; ok {
		v2019++
	}
	for _, k := range []string{"other_no_correction", "other_no_fee", "other_misc"} {
		if _, ok := ts.requests.rows[k]; ok {
			v2021++
		}
	}
	switch {
	case v2021 > v2019:
		return TemplateT2021, nil
	case v2019 > v2021:
		return TemplateT2019, nil
	case v2021 > 0:
		t := TemplateT2019
		if year >= 2021 {
			t = TemplateT2021
		}
		return t, []string{fmt.Sprintf("template: labels of both templates found; %s chosen by the year", t)}
	}
	hasTables := ts.requests.grids > 0 || ts.reviews != nil
	if !hasTables && isReport && year >= 2019 {
		if t := templateFromText(bodyText(doc, 1<<20)); t != "" {
			return t, []string{"template: " + t + " read from the labels in the text; its tables could not be read"}
		}
	}
	switch {
	case !hasTables && (statsTable || (isReport && year > 0 && year <= 2018)):
		return TemplatePre2019, nil
	case hasTables && year >= 2021:
		return TemplateT2021, []string{"template: no distinguishing label; T2021 assumed from the year"}
	case hasTables && year >= 2019:
		return TemplateT2019, []string{"template: no distinguishing label; T2019 assumed from the year"}
	}
	return TemplateUnknown, nil
}

// Column labels that only one template has, as they stand in text whose
// tables were flattened beyond reading (plainKey form).
var (
	t2021TextLabels = []string{"本年制发件数", "现行有效件数", "本年废止件数", "逾期不补正"}
	t2019TextLabels = []string{"本年新制作数量", "对外公开总数量", "上一年项目数量", "采购总金额"}
)

// templateFromText names the template whose labels the text carries, or
// "" when it carries neither's or both.
func templateFromText(text string) string {
	k := plainKey(text)
	a, b := containsAny(k, t2021TextLabels...), containsAny(k, t2019TextLabels...)
	switch {
	case a && !b:
		return TemplateT2021
	case b && !a:
		return TemplateT2019
	}
	return ""
}
