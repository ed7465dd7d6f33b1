package portalsim

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestConditionalGet(t *testing.T) {
	f := NewTestFarm(t, Site{Family: TRS, Reports: 3}, Site{Family: Hanweb, Reports: 3}, Site{Family: Plain, Reports: 3, NoValidators: true})
	for _, h := range f.Hosts() {
		t.Run(h.Site.Name, func(t *testing.T) {
			for _, u := range []string{h.ColumnURL(), h.ReportURLs()[0], h.AttachmentURLs()[0], h.URL("/robots.txt")} {
				first := mustGet(t, u)
				etag, lm := first.header.Get("ETag"), first.header.Get("Last-Modified")
				if h.Site.NoValidators {
					if etag != "" || lm != "" {
						t.Errorf("%s: validators %q %q sent by a host without them", u, etag, lm)
					}
					if got := mustGet(t, u, "If-Modified-Since", "Sun, 01 Jan 2090 00:00:00 GMT").status; got != http.StatusOK {
						t.Errorf("%s: conditional GET on a host without validators = %d, want 200", u, got)
					}
					continue
				}
				if etag == "" || lm == "" {
					t.Fatalf("%s: ETag %q Last-Modified %q, want both", u, etag, lm)
				}
				for _, tc := range []struct {
					name   string
					header []string
					want   int
				}{
					{"matching ETag gives 304", []string{"If-None-Match", etag}, http.StatusNotModified},
					{"matching date gives 304", []string{"If-Modified-Since", lm}, http.StatusNotModified},
					{"stale ETag gives 200 even with a matching date", []string{"If-None-Match", `"0-0"`, "If-Modified-Since", lm}, http.StatusOK},
					{"older date gives 200", []string{"If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT"}, http.StatusOK},
				} {
					got := mustGet(t, u, tc.header...)
					if got.status != tc.want {
						t.Errorf("%s: %s: status %d, want %d", u, tc.name, got.status, tc.want)
					}
					if tc.want == http.StatusNotModified && len(got.body) != 0 {
						t.Errorf("%s: 304 with a %d-byte body", u, len(got.body))
					}
				}
			}
		})
	}
}

func TestEditDeleteRestore(t *testing.T) {
	f := NewTestFarm(t, Site{Family: TRS, Reports: 3}, Site{Family: Hanweb, Reports: 3}, Site{Family: Plain, Reports: 3})
	for _, h := range f.Hosts() {
		t.Run(h.Site.Name, func(t *testing.T) {
			u := h.ReportURLs()[1]
			before := mustGet(t, u)
			if rev := h.Edit(u); rev != 1 {
				t.Errorf("Edit = revision %d, want 1", rev)
			}
			after := mustGet(t, u)
			if bytes.Equal(before.body, after.body) {
				t.Error("edited page has the same bytes")
			}
			if before.header.Get("ETag") == after.header.Get("ETag") || before.header.Get("Last-Modified") == after.header.Get("Last-Modified") {
				t.Error("edited page has the same validators")
			}
			if got := mustGet(t, u, "If-None-Match", before.header.Get("ETag")).status; got != http.StatusOK {
				t.Errorf("old ETag after edit = %d, want 200", got)
			}
			if !strings.Contains(string(mustDoc(t, after).Text()), "更正") {
				t.Error("edited report does not mention its correction")
			}
			a := h.AttachmentURLs()[0]
			before = mustGet(t, a)
			h.Edit(a)
			if bytes.Equal(before.body, mustGet(t, a).body) {
				t.Error("edited attachment has the same bytes")
			}
			for _, status := range []int{0, http.StatusGone} {
				h.Delete(u, status)
				want := status
				if want == 0 {
					want = http.StatusNotFound
				}
				if got := mustGet(t, u).status; got != want {
					t.Errorf("deleted(%d) page = %d, want %d", status, got, want)
				}
			}
			h.Restore(u)
			if got := mustGet(t, u); got.status != http.StatusOK || !bytes.Equal(got.body, after.body) {
				t.Errorf("restored page = %d, same bytes %v; want 200 and the edited bytes", got.status, bytes.Equal(got.body, after.body))
			}
		})
	}
}

func TestPaginationPathsAndTrap(t *testing.T) {
	f := NewTestFarm(t, Site{Family: TRS, Reports: 12}, Site{Family: Hanweb, Reports: 12}, Site{Family: Plain, Reports: 12})
	trs, hw, pl := f.Hosts()[0], f.Hosts()[1], f.Hosts()[2]
	for _, tc := range []struct {
		name string
		url  string
		want int
	}{
		{"TRS index.html", trs.URL("/zwgk/zfxxgk/zfxxgknb/index.html"), 200},
		{"TRS directory", trs.URL("/zwgk/zfxxgk/zfxxgknb/"), 200},
		{"TRS index_1.html", trs.URL("/zwgk/zfxxgk/zfxxgknb/index_1.html"), 200},
		{"TRS index_2.html is past the end", trs.URL("/zwgk/zfxxgk/zfxxgknb/index_2.html"), 404},
		{"TRS index_0.html does not exist", trs.URL("/zwgk/zfxxgk/zfxxgknb/index_0.html"), 404},
		{"Hanweb column", hw.ColumnURL(), 200},
		{"Hanweb static index_1.html is 404", hw.URL("/col/col1007/index_1.html"), 404},
		{"Plain page 2", pl.ColumnURL() + "?page=2", 200},
		{"Plain page 3 is past the end", pl.ColumnURL() + "?page=3", 404},
		{"Plain page 0 is invalid", pl.ColumnURL() + "?page=0", 404},
	} {
		if got := mustGet(t, tc.url).status; got != tc.want {
			t.Errorf("%s: GET %s = %d, want %d", tc.name, tc.url, got, tc.want)
		}
	}
	proxy := hw.URL(DataProxyPath + "?startrecord=11&endrecord=30&perpage=10")
	if got := strings.Count(string(mustPost(t, proxy, "columnid=1007").body), "<record>"); got != 7 {
		t.Errorf("dataproxy records 11..30 of 17 = %d records, want 7", got)
	}
	if got := strings.Count(string(mustPost(t, proxy, "columnid=99").body), "<record>"); got != 0 {
		t.Errorf("dataproxy for another column = %d records, want 0", got)
	}

	for _, h := range f.Hosts() {
		h.SetTrap(true)
	}
	if got := mustGet(t, trs.URL("/zwgk/zfxxgk/zfxxgknb/index_500.html")); got.status != 200 || !strings.Contains(string(got.body), "createPageHTML(502, 500,") {
		t.Errorf("trapped TRS index_500.html = %d, want 200 announcing 502 pages", got.status)
	}
	if got := mustGet(t, pl.ColumnURL()+"?page=77"); !strings.Contains(string(got.body), `href="?page=78">下一页`) {
		t.Error("trapped plain page 77 has no 下一页 to page 78")
	}
	far := hw.URL(DataProxyPath + "?startrecord=5001&endrecord=5010&perpage=10")
	if got := mustPost(t, far, "columnid=1007"); strings.Count(string(got.body), "<record>") != 10 || !strings.Contains(string(got.body), "<totalrecord>1000000</totalrecord>") {
		t.Errorf("trapped dataproxy = %s", got.body)
	}
	trs.SetTrap(false)
	if got := mustGet(t, trs.URL("/zwgk/zfxxgk/zfxxgknb/index_500.html")).status; got != 404 {
		t.Errorf("untrapped TRS index_500.html = %d, want 404", got)
	}
}

func TestHitsCount(t *testing.T) {
	f := NewTestFarm(t, Site{Family: Plain, Reports: 4}, Site{Family: Hanweb, Reports: 4})
	h, hw := f.Hosts()[0], f.Hosts()[1]
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Go(func() {
			mustGet(t, h.ReportURLs()[i%4], "User-Agent", fmt.Sprintf("nianbao-test/%d", i), "If-None-Match", `"x"`)
		})
	}
	wg.Wait()
	mustGet(t, h.URL("/nothing-here"))
	mustPost(t, hw.URL(DataProxyPath+"?startrecord=1&endrecord=5&perpage=5"), "columnid=1007")

	hits := h.Hits()
	if len(hits) != 21 {
		t.Fatalf("%d hits, want 21", len(hits))
	}
	for i, hit := range hits {
		if i > 0 && hit.Time.Before(hits[i-1].Time) {
			t.Errorf("hit %d earlier than hit %d", i, i-1)
		}
		if hit.Host != h.Site.Name || hit.Method != http.MethodGet {
			t.Errorf("hit %d: host %q method %q", i, hit.Host, hit.Method)
		}
		if hit.Done.Before(hit.Time) {
			t.Errorf("hit %d: done %v before it arrived %v", i, hit.Done, hit.Time)
		}
	}
	for _, hit := range hits[:20] {
		if !strings.HasPrefix(hit.UserAgent(), "nianbao-test/") || hit.IfNoneMatch() != `"x"` || !hit.Conditional() || hit.Status != 200 {
			t.Errorf("hit %s: UA %q INM %q status %d", hit.URI(), hit.UserAgent(), hit.IfNoneMatch(), hit.Status)
		}
	}
	if last := hits[20]; last.Path != "/nothing-here" || last.Status != 404 {
		t.Errorf("last hit = %s %d, want /nothing-here 404", last.Path, last.Status)
	}
	if got := len(h.HitsTo(h.ReportURLs()[0])); got != 5 {
		t.Errorf("HitsTo(first report) = %d, want 5", got)
	}
	post := hw.Hits()[0]
	if post.Method != http.MethodPost || post.Body != "columnid=1007" || post.URI() != DataProxyPath+"?startrecord=1&endrecord=5&perpage=5" {
		t.Errorf("POST hit = %s %s body %q", post.Method, post.URI(), post.Body)
	}
	if got := len(f.Hits()); got != 22 {
		t.Errorf("farm hits = %d, want 22", got)
	}
	f.ResetHits()
	if got := len(f.Hits()); got != 0 {
		t.Errorf("after ResetHits: %d hits", got)
	}
}

func TestPublish(t *testing.T) {
	f := NewTestFarm(t, Site{Family: TRS, Reports: 4}, Site{Family: Hanweb, Reports: 4}, Site{Family: Plain, Reports: 4})
	for _, h := range f.Hosts() {
		t.Run(h.Site.Name, func(t *testing.T) {
			before := mustGet(t, h.ColumnURL())
			r := h.Publish(2025, time.Date(2026, 1, 20, 10, 0, 0, 0, time.UTC))
			if r.Year != 2025 || !strings.Contains(r.Title, "2025年") || r.Agency != h.Site.Agency {
				t.Errorf("Publish = %+v", r)
			}
			if got := h.Reports()[0]; got != r {
				t.Errorf("first report %+v, want the published %+v", got, r)
			}
			after := mustGet(t, h.ColumnURL())
			if after.header.Get("ETag") == before.header.Get("ETag") || after.header.Get("Last-Modified") == before.header.Get("Last-Modified") {
				t.Error("column validators unchanged after Publish")
			}
			links, _ := walkColumn(t, h, 100)
			if links[r.URL] != r.Title {
				t.Errorf("walking the column: %s titled %q, want %q", r.URL, links[r.URL], r.Title)
			}
			for _, u := range []string{r.URL, r.Attachment} {
				if got := mustGet(t, u).status; got != http.StatusOK {
					t.Errorf("GET %s = %d", u, got)
				}
			}
		})
	}
}

func TestTouchChangesFurnitureOnly(t *testing.T) {
	f := NewTestFarm(t, Site{Family: TRS, Reports: 2}, Site{Family: Plain, Reports: 2})
	for _, h := range f.Hosts() {
		t.Run(h.Site.Name, func(t *testing.T) {
			u := h.ReportURLs()[0]
			before := mustGet(t, u)
			if n := h.Touch(u); n != 1 {
				t.Errorf("Touch = %d, want 1", n)
			}
			after := mustGet(t, u)
			if bytes.Equal(before.body, after.body) || before.header.Get("ETag") == after.header.Get("ETag") ||
				before.header.Get("Last-Modified") == after.header.Get("Last-Modified") {
				t.Error("touched page has the same bytes or validators")
			}
			doc := mustDoc(t, after)
			if !strings.Contains(doc.Find(".views").Text(), "浏览次数") {
				t.Errorf("touched page has no view counter: %q", doc.Find(".views").Text())
			}
			doc.Find(".views").Remove()
			if b, a := mustDoc(t, before).Text(), doc.Text(); a != b {
				t.Error("touched page differs from the original beyond the view counter")
			}
		})
	}
}
