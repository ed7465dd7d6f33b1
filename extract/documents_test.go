package extract

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// documentFixtures are testdata/documents/*: made by gen.py there (PDFs
// printed from report.html by headless Chromium, the DOCX written as
// OOXML).
var documentFixtures = []string{"report.pdf", "split.pdf", "borderless.pdf", "scan.pdf", "report.docx", "report.xlsx", "report.ofd"}

// TestDocumentGolden compares the extracted JSON and the rebuilt text of
// each document fixture with its golden files; -update rewrites them.
func TestDocumentGolden(t *testing.T) {
	x := docExtractor(t)
	for _, name := range documentFixtures {
		t.Run(name, func(t *testing.T) {
			checkGolden(t, x, filepath.Join("testdata", "documents", name), filepath.Join("documents", name))
		})
	}
}

// The PDFs printed from report.html and the DOCX built with the same
// tables read exactly as the HTML does: every cell of tables 二, 三 and
// 四, the checks and the identity.
func TestDocumentsMatchHTML(t *testing.T) {
	x := docExtractor(t)
	html, err := x.Extract(readInput(t, filepath.Join("testdata", "documents", "report.html")))
	if err != nil {
		t.Fatal(err)
	}
	if !html.IsReport || html.Tables.Requests == nil || html.Tables.Reviews == nil || html.Tables.Active == nil {
		t.Fatalf("report.html: %+v", html)
	}
	for _, name := range []string{"report.pdf", "split.pdf", "borderless.pdf", "report.docx", "report.xlsx"} {
		t.Run(name, func(t *testing.T) {
			body, err := os.ReadFile(filepath.Join("testdata", "documents", name))
			if err != nil {
				t.Fatal(err)
			}
			// Served with a misleading Content-Type: the content decides.
			r, err := x.Extract(Input{Body: body, ContentType: "text/html; charset=utf-8"})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(r.Tables, html.Tables) {
				a, _ := json.Marshal(r.Tables)
				b, _ := json.Marshal(html.Tables)
				t.Errorf("tables differ from report.html:\n got  %s\n want %s", a, b)
			}
			if r.TableStatus != html.TableStatus || r.Title != html.Title || r.Year != html.Year || r.Agency != html.Agency {
				t.Errorf("status %+v title %q year %d agency %q; HTML: %+v %q %d %q",
					r.TableStatus, r.Title, r.Year, r.Agency, html.TableStatus, html.Title, html.Year, html.Agency)
			}
			if !reflect.DeepEqual(r.Checks, html.Checks) {
				t.Errorf("checks differ from report.html:\n got  %+v\n want %+v", r.Checks, html.Checks)
			}
		})
	}
}

func TestScannedPDF(t *testing.T) {
	x := docExtractor(t)
	r, err := x.Extract(readInput(t, filepath.Join("testdata", "documents", "scan.pdf")))
	if err != nil {
		t.Fatal(err)
	}
	if r.TableStatus != (TableStatus{StatusImage, StatusImage, StatusImage}) || r.Tables.Requests != nil {
		t.Errorf("table_status %+v tables %+v; want image, null", r.TableStatus, r.Tables)
	}
	if !containsString(r.Warnings, scanWarning) {
		t.Errorf("warnings %q lack %q", r.Warnings, scanWarning)
	}
}

func TestUnreadDocuments(t *testing.T) {
	x := docExtractor(t)
	for name, tc := range map[string]struct {
		body, reason string
	}{
		"legacy OLE (.doc/.wps/.et)": {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + strings.Repeat("\x00", 600), "legacy binary Office format"},
		"damaged PDF":                {"%PDF-1.7\n1 0 obj garbage", "PDF not read"},
		"PNG":                        {"\x89PNG\r\n\x1a\n", "no OCR"},
	} {
		r, err := x.Extract(Input{Body: []byte(tc.body)})
		if err != nil || r.IsReport || !strings.Contains(r.IsReportReason, tc.reason) || !strings.Contains(strings.Join(r.Warnings, " "), tc.reason) {
			t.Errorf("Extract(%s) = %+v, %v; want a non-report saying %q", name, r, err, tc.reason)
		}
		if _, err := x.CleanText(Input{Body: []byte(tc.body)}); !errors.Is(err, ErrUnsupported) || !strings.Contains(err.Error(), tc.reason) {
			t.Errorf("CleanText(%s) error = %v, want ErrUnsupported saying %q", name, err, tc.reason)
		}
	}
	// An HTML error page served under a .pdf URL is read as HTML.
	r, err := x.Extract(Input{Body: []byte("<html><body><h1>404 Not Found</h1></body></html>"), ContentType: "application/pdf", URL: "http://x.gov.cn/a.pdf"})
	if err != nil || r.IsReport || strings.Contains(r.IsReportReason, "not read") {
		t.Errorf("HTML under .pdf: %+v, %v", r, err)
	}
}

func containsString(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// report.ofd carries table 四 of report.html: its cells read the same.
func TestOFDMatchesHTML(t *testing.T) {
	x := docExtractor(t)
	html, err := x.Extract(readInput(t, filepath.Join("testdata", "documents", "report.html")))
	if err != nil {
		t.Fatal(err)
	}
	r, err := x.Extract(readInput(t, filepath.Join("testdata", "documents", "report.ofd")))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(r.Tables.Reviews, html.Tables.Reviews) || r.TableStatus.Reviews != StatusOK || r.Title != html.Title {
		t.Errorf("OFD reviews %+v (%s), title %q; HTML %+v, %q", r.Tables.Reviews, r.TableStatus.Reviews, r.Title, html.Tables.Reviews, html.Title)
	}
}
