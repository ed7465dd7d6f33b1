package api_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/api"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/testarchive"
	"github.com/nianbao/nianbao/config"
	"github.com/nianbao/nianbao/store"
)

// newTestAPI serves the seeded archive through the API's routes, with
// one configured portal.
func newTestAPI(t testing.TB, sd testarchive.Seeded) http.Handler {
	t.Helper()
	portals := []config.Portal{{Name: "suqian", Agency: "宿迁市人民政府", Column: "http://127.0.0.1:1/zfxxgknb/", Schedule: "0 3 * * *"}}
	return api.NewHandler(testarchive.Service(t, sd.DB), api.Options{
		Portals: func() []config.Portal { return portals },
		Logger:  testarchive.Discard(),
	})
}

func TestAPI(t *testing.T) {
	sd := testarchive.Seed(t)
	h := newTestAPI(t, sd)
	first, edited := sd.Versions[0].ID, sd.Versions[2].ID
	q := url.QueryEscape
	tests := []struct {
		name   string
		path   string
		status int
		want   []string // substrings of the body
	}{
		{"reports lists the seeded report", "/api/v1/reports", 200, []string{`"id": "` + sd.ReportID, `"agency": "宿迁市人民政府"`, `"year": 2021`, `"versions": 2`}},
		{"traditional agency finds simplified", "/api/v1/reports?agency=" + q("宿遷"), 200, []string{sd.ReportID}},
		{"agency substring", "/api/v1/reports?agency=" + q("宿迁市"), 200, []string{sd.ReportID}},
		{"other year is empty", "/api/v1/reports?year=2019", 200, []string{`"items": []`}},
		{"bad year is 400", "/api/v1/reports?year=abc", 400, []string{`"error": "invalid: year \"abc\"`}},
		{"year out of range is 400", "/api/v1/reports?year=99999", 400, []string{`"error"`}},
		{"bad limit is 400", "/api/v1/reports?limit=0", 400, []string{`limit \"0\"`}},
		{"huge limit is 400", "/api/v1/reports?limit=100000", 400, []string{`limit`}},
		{"bad cursor is 400", "/api/v1/reports?cursor=%ff%00", 400, []string{`"error"`}},
		{"report is the extracted object", "/api/v1/reports/" + sd.ReportID, 200, []string{`"schema": "nianbao.report/v1"`, `"version": "` + edited, `"is_report": true`}},
		{"older version by ?version=", "/api/v1/reports/" + sd.ReportID + "?version=" + first, 200, []string{`"version": "` + first}},
		{"unknown version is 404", "/api/v1/reports/" + sd.ReportID + "?version=nope", 404, []string{`"error"`}},
		{"unknown report is 404", "/api/v1/reports/nope", 404, []string{`"error"`}},
		{"report text", "/api/v1/reports/" + sd.ReportID + "/text", 200, []string{"一、总体情况", "2295条"}},
		{"older report text", "/api/v1/reports/" + sd.ReportID + "/text?version=" + first, 200, []string{"2294条"}},
		{"unknown report text is 404", "/api/v1/reports/nope/text", 404, []string{`"error"`}},
		{"pages lists versions oldest first", "/api/v1/pages?url=" + q(sd.URL), 200, []string{`"outcome": "new"`, `"outcome": "unchanged"`, `"outcome": "failed"`, `"reason": "timeout"`}},
		{"pages pages", "/api/v1/pages?limit=1&url=" + q(sd.URL), 200, []string{`"next": "1"`}},
		{"missing url is 400", "/api/v1/pages", 400, []string{`missing url parameter`}},
		{"unknown url is 404", "/api/v1/pages?url=" + q("http://127.0.0.1:1/none"), 404, []string{`no archived versions`}},
		{"pages bad cursor is 400", "/api/v1/pages?cursor=x&url=" + q(sd.URL), 400, []string{`cursor`}},
		{"unknown version raw is 404", "/api/v1/versions/nope/raw", 404, []string{`"error"`}},
		{"failed version has no raw body", "/api/v1/versions/" + sd.Versions[3].ID + "/raw", 404, []string{`no body`}},
		{"portals with last run", "/api/v1/portals", 200, []string{`"name": "suqian"`, `"state": "never_run"`, `"last_run": null`}},
		{"portals bad limit", "/api/v1/portals?limit=-1", 400, []string{`limit`}},
		{"unknown api route is 404 json", "/api/v1/nothing", 404, []string{`"error": "not found: no route /api/v1/nothing"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, tt.path, nil))
			body := rec.Body.String()
			if rec.Code != tt.status {
				t.Fatalf("GET %s = %d, want %d; body %s", tt.path, rec.Code, tt.status, body)
			}
			testarchive.Contains(t, "body", body, tt.want...)
			if rec.Code == 200 && strings.Contains(tt.path, "/text") {
				return
			}
			if !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
				t.Errorf("Content-Type = %q, want JSON", rec.Header().Get("Content-Type"))
			}
			if !json.Valid(rec.Body.Bytes()) {
				t.Errorf("body is not JSON: %s", body)
			}
		})
	}
}

func TestAPIRawIsSandboxed(t *testing.T) {
	sd := testarchive.Seed(t)
	h := newTestAPI(t, sd)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/versions/"+sd.Versions[0].ID+"/raw", nil))
	if rec.Code != 200 {
		t.Fatalf("status = %d, want 200: %s", rec.Code, rec.Body)
	}
	for k, want := range map[string]string{
		"Content-Type":            "text/html; charset=utf-8",
		"Content-Security-Policy": "sandbox",
		"X-Content-Type-Options":  "nosniff",
	} {
		if got := rec.Header().Get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	body, _ := io.ReadAll(rec.Body)
	if want := testarchive.Fixture(t); string(body) != string(want) {
		t.Errorf("raw body differs from the fetched bytes (%d vs %d bytes)", len(body), len(want))
	}
}

func TestAPIWrongMethod(t *testing.T) {
	h := newTestAPI(t, testarchive.Seed(t))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/api/v1/reports", strings.NewReader("{}")))
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST /api/v1/reports = %d, want 405", rec.Code)
	}
	if !json.Valid(rec.Body.Bytes()) {
		t.Errorf("body is not JSON: %s", rec.Body)
	}
}

func TestAPIReportsPaging(t *testing.T) {
	h := newTestAPI(t, testarchive.Seed(t))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/reports?limit=1", nil))
	var p api.Page[api.ReportSummary]
	if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
		t.Fatal(err)
	}
	if len(p.Items) != 1 || p.Next != "" {
		t.Errorf("limit=1 over one report: %d items, next %q; want 1 item and no next", len(p.Items), p.Next)
	}
}

// TestAPIPortalFlags: a portal whose last run is flagged says so in
// GET /api/v1/portals: state flagged, the flags with their plain-words
// reasons, and the run's coverage.
func TestAPIPortalFlags(t *testing.T) {
	sd := testarchive.Seed(t)
	s, err := store.Open(sd.DB, store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	run, err := s.StartRun(ctx, "suqian")
	if err != nil {
		t.Fatal(err)
	}
	run.Coverage = &store.Coverage{ListPages: 2, LinksConsidered: 80, Flags: []store.Flag{
		{Kind: store.FlagNoReportLink, Detail: "no report link on 2 list page(s) (80 links considered)"}}}
	if err := s.FinishRun(ctx, run); err != nil {
		t.Fatal(err)
	}
	s.Close()
	rec := httptest.NewRecorder()
	newTestAPI(t, sd).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/portals", nil))
	if rec.Code != 200 {
		t.Fatalf("GET /api/v1/portals = %d: %s", rec.Code, rec.Body)
	}
	testarchive.Contains(t, "body", rec.Body.String(), `"state": "flagged"`, `"kind": "no_report_link"`,
		`"detail": "no report link on 2 list page(s) (80 links considered)"`, `"coverage": {`, `"links_considered": 80`)
}

// The report carries the cross-year checks the web UI shows: X1, X2 and
// X3 against the same agency's report for the year before.
func TestAPIReportCrossYear(t *testing.T) {
	sd := testarchive.SeedUI(t)
	h := newTestAPI(t, sd)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/reports/"+sd.ReportID+"?version="+sd.Versions[0].ID, nil))
	if rec.Code != 200 {
		t.Fatalf("GET report = %d: %s", rec.Code, rec.Body)
	}
	var rep struct {
		Checks []struct{ Rule, Status, Detail string }
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	rules := map[string][]string{}
	for _, c := range rep.Checks {
		rules[c.Rule] = append(rules[c.Rule], c.Status+": "+c.Detail)
	}
	if got := rules["X1"]; len(got) != 1 || !strings.Contains(got[0], "fail: 自然人 1 ≠ 2") {
		t.Errorf("X1 = %q, want one failing check 自然人 1 ≠ 2", got)
	}
	if got := strings.Join(rules["X2"], " | "); !strings.Contains(got, "fail: 2021: 42 in force; 2020: 42 in force + 5 issued − 1 repealed = 46") {
		t.Errorf("X2 = %q, want the failing 行政规范性文件 row with both years", got)
	}
	if got := rules["X3"]; len(got) != 5 {
		t.Errorf("X3 = %q, want 5 checks", got)
	}
}
