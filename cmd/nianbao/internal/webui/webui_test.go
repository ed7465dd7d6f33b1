package webui

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/testarchive"
)

// TestUIBadInput: every mistake a user can type is a 4xx HTML page that
// says what was wrong.
func TestUIBadInput(t *testing.T) {
	sd := testarchive.SeedUI(t)
	h := newTestUI(t, sd)
	rid := sd.ReportID
	tests := []struct {
		name, method, path string
		status             int
		msg                string
	}{
		{"bad year", "GET", "/?year=abc", 400, "年度“abc”无效"},
		{"year out of range", "GET", "/?year=99999", 400, "年度“99999”无效"},
		{"bad limit", "GET", "/?limit=0", 400, "每页数量“0”无效"},
		{"bad cursor", "GET", "/?cursor=%25%25", 400, "翻页参数无效"},
		{"unknown report", "GET", "/reports/0123456789abcdef", 404, "没有编号为“0123456789abcdef”的报告"},
		{"malformed report id", "GET", "/reports/<script>", 404, "没有编号为“<script>”的报告"},
		{"unknown version", "GET", "/reports/" + rid + "?version=999", 404, "这份报告没有版本“999”"},
		{"malformed version", "GET", "/reports/" + rid + "?version=abc", 404, "这份报告没有版本“abc”"},
		{"failed version has no content", "GET", "/reports/" + rid + "?version=" + sd.Versions[3].ID, 404, "版本 " + sd.Versions[3].ID + " 没有内容"},
		{"report without content", "GET", "/reports/" + sd.Others["sihong2019"], 404, "这份报告还没有存档的内容"},
		{"history of unknown report", "GET", "/reports/nope/history", 404, "没有编号为“nope”的报告"},
		{"history without url", "GET", "/history", 400, "缺少 url 参数"},
		{"history of unknown url", "GET", "/history?url=" + url.QueryEscape("http://127.0.0.1:1/none"), 404, "没有网址 http://127.0.0.1:1/none 的任何版本"},
		{"history before an unchanged version", "GET", "/reports/" + rid + "/history?before=" + sd.Versions[1].ID, 400, "before 参数须是内容有变化的版本"},
		{"unknown page", "GET", "/nothing/here", 404, "没有页面 /nothing/here"},
		{"post to the matrix", "POST", "/", 405, "不接受 POST 请求"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, doc := getPage(t, h, tt.method, tt.path)
			if rec.Code != tt.status {
				t.Fatalf("%s %s = %d, want %d: %s", tt.method, tt.path, rec.Code, tt.status, rec.Body)
			}
			if got := text(doc.Find("p.message")); !strings.Contains(got, tt.msg) {
				t.Errorf("message = %q, want it to contain %q", got, tt.msg)
			}
			if !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") || rec.Header().Get("Content-Security-Policy") == "" {
				t.Errorf("headers = %v, want an HTML page with a CSP", rec.Header())
			}
			if strings.Contains(rec.Body.String(), "<script>") {
				t.Errorf("input echoed unescaped: %s", rec.Body)
			}
		})
	}
}

func TestUIStatic(t *testing.T) {
	h := newTestUI(t, testarchive.Seed(t))
	rec, _ := getPage(t, h, http.MethodGet, "/static/style.css")
	if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/css") {
		t.Errorf("GET /static/style.css = %d %q, want 200 text/css", rec.Code, rec.Header().Get("Content-Type"))
	}
}
