package api_test

import (
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
		{"portals with last run", "/api/v1/portals", 200, []string{`"name": "suqian"`, `"last_run": null`}},
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
