package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// toSimplified is a tiny Traditional→Simplified normaliser for tests; the
// real one lives in extract and is passed in by cmd/nianbao.
func toSimplified(s string) string { return testSimplifier.Replace(s) }

var testSimplifier = strings.NewReplacer("遷", "迁", "縣", "县", "區", "区", "務", "务", "們", "们", "門", "门")

func mustIndex(tb testing.TB, s *Store, e ReportEntry) Report {
	tb.Helper()
	r, err := s.IndexReport(context.Background(), e)
	if err != nil {
		tb.Fatalf("IndexReport(%+v) = %v", e, err)
	}
	return r
}

func reportURLs(rs []Report) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.URL)
	}
	slices.Sort(out)
	return out
}

func TestReportsAgencyAcrossScripts(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	entries := []ReportEntry{
		{Agency: "宿迁市人民政府", Year: 2022, URL: "http://sq.test/2022"},
		{Agency: "宿迁市人民政府", Year: 2023, URL: "http://sq.test/2023"},
		{Agency: "宿遷市宿城區政務服務管理辦公室", Year: 2023, URL: "http://tw.test/sc2023"},
		{Agency: "沭阳县发展和改革局", Year: 2023, URL: "http://sy.test/fgj2023"},
		{Agency: "荆门市掇刀区人民政府", Year: 2020, URL: "http://dd.test/2020"},
	}
	for _, e := range entries {
		mustIndex(t, s, e)
	}
	tests := []struct {
		name string
		q    ReportQuery
		want []string
	}{
		{"traditional query finds simplified and traditional", ReportQuery{Agency: "宿遷", Normalize: toSimplified},
			[]string{"http://sq.test/2022", "http://sq.test/2023", "http://tw.test/sc2023"}},
		{"simplified query finds traditional", ReportQuery{Agency: "宿城区", Normalize: toSimplified},
			[]string{"http://tw.test/sc2023"}},
		{"agency and year", ReportQuery{Agency: "宿迁", Year: 2023, Normalize: toSimplified},
			[]string{"http://sq.test/2023", "http://tw.test/sc2023"}},
		{"substring in the middle", ReportQuery{Agency: "人民政府", Normalize: toSimplified},
			[]string{"http://dd.test/2020", "http://sq.test/2022", "http://sq.test/2023"}},
		{"year only", ReportQuery{Year: 2023},
			[]string{"http://sq.test/2023", "http://sy.test/fgj2023", "http://tw.test/sc2023"}},
		{"without a normaliser scripts differ", ReportQuery{Agency: "宿遷"},
			[]string{"http://tw.test/sc2023"}},
		{"no match", ReportQuery{Agency: "北京", Normalize: toSimplified}, nil},
		{"year with no reports", ReportQuery{Agency: "宿迁", Year: 2019, Normalize: toSimplified}, nil},
		{"everything", ReportQuery{}, []string{"http://dd.test/2020", "http://sq.test/2022", "http://sq.test/2023",
			"http://sy.test/fgj2023", "http://tw.test/sc2023"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, next, err := s.Reports(ctx, tt.q)
			if err != nil || next != "" {
				t.Fatalf("Reports = next %q, %v", next, err)
			}
			if g := reportURLs(got); !slices.Equal(g, tt.want) {
				t.Errorf("Reports = %q, want %q", g, tt.want)
			}
		})
	}
}

func TestReportsPaging(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	var want []string
	for _, u := range []string{"http://a.test/1", "http://a.test/2", "http://a.test/3", "http://a.test/4", "http://a.test/5"} {
		mustIndex(t, s, ReportEntry{Agency: "某县人民政府", Year: 2021, URL: u})
		want = append(want, u)
	}
	mustIndex(t, s, ReportEntry{Agency: "另一个局", Year: 2021, URL: "http://b.test/other"})
	var got []string
	q := ReportQuery{Agency: "某县", Limit: 2}
	for pages := 0; ; pages++ {
		rs, next, err := s.Reports(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if len(rs) > 2 || pages > 3 {
			t.Fatalf("page %d has %d reports (limit 2)", pages, len(rs))
		}
		got = append(got, reportURLs(rs)...)
		if next == "" {
			if pages != 2 {
				t.Errorf("%d pages, want 3 (2+2+1)", pages+1)
			}
			break
		}
		q.Cursor = next
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("paged through %q, want %q", got, want)
	}
	if _, _, err := s.Reports(ctx, ReportQuery{Cursor: "!!"}); !errors.Is(err, ErrInvalid) {
		t.Errorf("Reports(bad cursor) = %v, want ErrInvalid", err)
	}
}

func TestIndexReport(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	const u = "http://a.test/nb2023.html"
	v1 := MustRecord(t, s, ok200(u, 0, "first"))
	MustRecord(t, s, ok200(u, 1, "first"))
	v3 := MustRecord(t, s, ok200(u, 2, "edited"))
	r := mustIndex(t, s, ReportEntry{Agency: "甲局", Year: 2022, URL: u, Title: "年报", VersionID: v1.ID})
	if len(r.ID) != 16 || r.Versions != 2 || !r.FirstSeen.Equal(at(0)) || !r.LastSeen.Equal(at(2)) {
		t.Errorf("IndexReport = %+v, want 16-hex id, 2 content versions, seen %v..%v", r, at(0), at(2))
	}
	// The extractor was corrected: same URL, another year. The report keeps
	// its id and moves in the index.
	r2 := mustIndex(t, s, ReportEntry{Agency: "甲局", Year: 2023, URL: u, Title: "2023年年报", VersionID: v3.ID})
	if r2.ID != r.ID || r2.Year != 2023 || !r2.FirstSeen.Equal(at(0)) {
		t.Errorf("re-index = %+v, want id %s, year 2023, first seen kept", r2, r.ID)
	}
	if rs, _, _ := s.Reports(ctx, ReportQuery{Year: 2022}); len(rs) != 0 {
		t.Errorf("Reports(2022) after move = %d reports, want 0", len(rs))
	}
	got, err := s.Report(ctx, r.ID)
	if err != nil || got.Title != "2023年年报" || got.Versions != 2 {
		t.Errorf("Report(%s) = %+v, %v", r.ID, got, err)
	}
	vs, err := s.ReportVersions(ctx, r.ID)
	if err != nil || len(vs) != 2 || vs[0].ID != v1.ID || vs[1].ID != v3.ID {
		t.Errorf("ReportVersions = %+v, %v, want [%s %s]", vs, err, v1.ID, v3.ID)
	}
	bad := []ReportEntry{
		{Agency: "x", Year: 2023},
		{Agency: "a\x00b", Year: 2023, URL: u},
		{Agency: "x", Year: -1, URL: u},
		{Agency: "x", Year: 2023, URL: u, VersionID: "v1"},
	}
	for _, e := range bad {
		if _, err := s.IndexReport(ctx, e); !errors.Is(err, ErrInvalid) {
			t.Errorf("IndexReport(%+v) = %v, want ErrInvalid", e, err)
		}
	}
	if _, err := s.IndexReport(ctx, ReportEntry{URL: u, VersionID: "999"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("IndexReport(unknown version) = %v, want ErrNotFound", err)
	}
	if _, err := s.Report(ctx, "0123456789abcdef"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Report(unknown) = %v, want ErrNotFound", err)
	}
	if _, err := s.Report(ctx, "ABC"); !errors.Is(err, ErrInvalid) {
		t.Errorf("Report(malformed) = %v, want ErrInvalid", err)
	}
}

func TestExtractionCache(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	v := MustRecord(t, s, ok200("http://a.test/r", 0, "report"))
	data := []byte(`{"schema":"nianbao.report/v1","year":2023}`)
	if err := s.PutExtraction(ctx, v.ID, "extract/7", data); err != nil {
		t.Fatal(err)
	}
	got, err := s.Extraction(ctx, v.ID, "extract/7")
	if err != nil || string(got) != string(data) {
		t.Errorf("Extraction(same extractor) = %q, %v, want the cached bytes", got, err)
	}
	if _, err := s.Extraction(ctx, v.ID, "extract/8"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Extraction(upgraded extractor) = %v, want ErrNotFound (stale)", err)
	}
	if _, err := s.Extraction(ctx, v.ID, "extract/"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Extraction(prefix of the extractor version) = %v, want ErrNotFound", err)
	}
	if err := s.PutExtraction(ctx, "77", "extract/7", data); !errors.Is(err, ErrNotFound) {
		t.Errorf("PutExtraction(unknown version) = %v, want ErrNotFound", err)
	}
	if err := s.PutExtraction(ctx, v.ID, "", data); !errors.Is(err, ErrInvalid) {
		t.Errorf("PutExtraction(no extractor) = %v, want ErrInvalid", err)
	}
}

func TestReportsPagingAcrossAgencies(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	var want []string
	for i, agency := range []string{"甲局", "乙局", "丙局"} {
		for year := 2020; year < 2023; year++ {
			u := fmt.Sprintf("http://p.test/%d/%d", i, year)
			mustIndex(t, s, ReportEntry{Agency: agency, Year: year, URL: u})
			if year == 2021 {
				want = append(want, u)
			}
		}
	}
	for _, q := range []ReportQuery{{Limit: 1}, {Limit: 2, Year: 2021}} {
		var got []string
		for pages := 0; ; pages++ {
			rs, next, err := s.Reports(ctx, q)
			if err != nil || pages > 10 {
				t.Fatalf("Reports(%+v) = %v after %d pages", q, err, pages)
			}
			got = append(got, reportURLs(rs)...)
			if next == "" {
				break
			}
			q.Cursor = next
		}
		if q.Year == 0 && len(got) != 9 {
			t.Errorf("paged through %d reports one by one, want 9: %q", len(got), got)
		}
		if q.Year == 2021 {
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("paged through year 2021 = %q, want %q", got, want)
			}
		}
	}
}

// CursorAfter a report of a page continues the listing right after it,
// with or without a year filter.
func TestCursorAfter(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	for i, agency := range []string{"甲局", "乙局", "丙局"} {
		for year := 2020; year < 2023; year++ {
			mustIndex(t, s, ReportEntry{Agency: agency, Year: year, URL: fmt.Sprintf("http://p.test/%d/%d", i, year)})
		}
	}
	for _, q := range []ReportQuery{{}, {Year: 2021}} {
		all, _, err := s.Reports(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range all {
			cursor, err := CursorAfter(r)
			if err != nil {
				t.Fatal(err)
			}
			q := q
			q.Cursor = cursor
			rest, _, err := s.Reports(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := reportURLs(rest), reportURLs(all[i+1:]); !slices.Equal(got, want) {
				t.Errorf("year %d, after %s: %q, want %q", q.Year, r.URL, got, want)
			}
		}
	}
	if _, err := CursorAfter(Report{ID: "nothex", Agency: "甲局"}); !errors.Is(err, ErrInvalid) {
		t.Errorf("CursorAfter(bad id) = %v, want ErrInvalid", err)
	}
}

// With Options.Normalize the store caches normalised agency names, also for
// agencies indexed before a reopen; a query needs no Normalize of its own.
func TestReportsStoreNormaliser(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.db")
	ctx := context.Background()
	s, err := Open(path, Options{NoSync: true, Normalize: toSimplified})
	if err != nil {
		t.Fatal(err)
	}
	mustIndex(t, s, ReportEntry{Agency: "宿遷市人民政府", Year: 2023, URL: "http://a.test/1"})
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(path, Options{NoSync: true, Normalize: toSimplified})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	mustIndex(t, s, ReportEntry{Agency: "宿迁市交通运输局", Year: 2023, URL: "http://a.test/2"})
	rs, _, err := s.Reports(ctx, ReportQuery{Agency: "宿遷市", Year: 2023})
	if got := reportURLs(rs); err != nil || !slices.Equal(got, []string{"http://a.test/1", "http://a.test/2"}) {
		t.Errorf("Reports(宿遷市) = %q, %v, want both reports", got, err)
	}
}
