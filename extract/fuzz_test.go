package extract

import (
	"testing"
	"unicode/utf8"
)

// FuzzCleanText feeds arbitrary bytes to the cleaner as HTML: it must not
// panic and must return valid UTF-8.
func FuzzCleanText(f *testing.F) {
	x := MustExtractor(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		text, err := x.CleanText(Input{Body: body, ContentType: "text/html"})
		if err != nil {
			return
		}
		if !utf8.ValidString(text) {
			t.Errorf("CleanText returned invalid UTF-8")
		}
	})
}

// FuzzTables feeds arbitrary copied text to the table readers: tables are
// null exactly when their status says so, and every table 三 row has seven
// cells.
func FuzzTables(f *testing.F) {
	f.Fuzz(func(t *testing.T, text string) {
		doc := parseText(text)
		ts := readTables(doc)
		tables, st, _ := assembleTables(ts, TemplateT2021, nil)
		for name, pair := range map[string]struct {
			present bool
			status  string
		}{
			"active":   {tables.Active != nil, st.Active},
			"requests": {tables.Requests != nil, st.Requests},
			"reviews":  {tables.Reviews != nil, st.Reviews},
		} {
			ok := pair.status == StatusOK || pair.status == StatusPartial
			if pair.present != ok {
				t.Errorf("%s present = %v with status %q", name, pair.present, pair.status)
			}
		}
		if tables.Requests != nil {
			for k, row := range tables.Requests.Rows {
				if len(row) != len(requestColumnKeys) {
					t.Errorf("requests row %s has %d cells", k, len(row))
				}
			}
		}
		runChecks(tables, st)
	})
}
