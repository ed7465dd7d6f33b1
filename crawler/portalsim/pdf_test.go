package portalsim

import (
	"bytes"
	"net/http"
	"os"
	"testing"
)

// TestSitePDF: with Site.PDF set, the report a Documents site publishes as
// a PDF is served as those bytes; the other attachments stay generated.
func TestSitePDF(t *testing.T) {
	fixture, err := os.ReadFile("../../extract/testdata/documents/report.pdf")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		pdf  []byte
		want func(body []byte) bool
	}{
		{"fixture", fixture, func(b []byte) bool { return bytes.Equal(b, fixture) }},
		{"generated", nil, func(b []byte) bool { return bytes.HasPrefix(b, []byte("%PDF-1.4")) && len(b) < 4096 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			farm, err := New([]Site{{Family: Plain, Reports: 3, Documents: true, PDF: tc.pdf}}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer farm.Close()
			var docs, attachments int
			for _, r := range farm.Hosts()[0].Reports() {
				switch {
				case r.Document && r.Page == "":
					docs++
					f := mustGet(t, r.URL)
					if f.status != http.StatusOK || f.header.Get("Content-Type") != "application/pdf" || !tc.want(f.body) {
						t.Errorf("GET %s = %d %s, %d bytes; want 200 application/pdf, the %s PDF", r.URL, f.status, f.header.Get("Content-Type"), len(f.body), tc.name)
					}
				case r.Attachment != "":
					attachments++
					if f := mustGet(t, r.Attachment); f.status != http.StatusOK || bytes.Equal(f.body, fixture) {
						t.Errorf("GET %s = %d, %d bytes; want 200, a generated attachment", r.Attachment, f.status, len(f.body))
					}
				}
			}
			if docs != 1 || attachments != 1 {
				t.Errorf("%d PDF reports and %d attachments, want 1 and 1", docs, attachments)
			}
		})
	}
}
