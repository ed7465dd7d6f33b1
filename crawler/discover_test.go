package crawler_test

import (
	"context"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/crawler/portalsim"
	"github.com/nianbao/nianbao/store"
)

// TestFarmDiscoversEveryFamily crawls one farm holding every family the
// crawler reads — the list families (TRS, Hanweb, plain), the list APIs
// (JPaaS, xxgk, gkmlpt, Epoint, truecms), columns behind a frame, a meta
// refresh and a location.href shell, a Traditional mirror paged with
// 下一頁 only, reports titled with the pre-2019 工作报告, and reports
// published as a PDF and as a DOCX behind a 详见附件 page — each with
// decoys and several pages, the later pages holding reports; one Hanweb
// host's dataproxy.jsp reads only page and perpage. Every report
// must be indexed with its agency and year, no decoy requested, and no
// portal flagged — until one column is emptied and crawled again.
func TestFarmDiscoversEveryFamily(t *testing.T) {
	sites := []portalsim.Site{
		{Name: "trs", Family: portalsim.TRS, Reports: 7, PerPage: 4},
		{Name: "hanweb", Family: portalsim.Hanweb, Reports: 7, PerPage: 3},
		{Name: "hanweb-pages", Family: portalsim.Hanweb, Reports: 12, PerPage: 2, ProxyPageOnly: true},
		{Name: "plain", Family: portalsim.Plain, Reports: 7, PerPage: 4},
		{Name: "jpaas", Family: portalsim.JPaaS, Reports: 7, PerPage: 4},
		{Name: "xxgk", Family: portalsim.Xxgk, Reports: 7, PerPage: 4},
		{Name: "gkmlpt", Family: portalsim.Gkmlpt, Reports: 7, PerPage: 4},
		{Name: "epoint", Family: portalsim.Epoint, Reports: 7, PerPage: 4},
		{Name: "truecms", Family: portalsim.TrueCMS, Reports: 7, PerPage: 4},
		{Name: "framed", Family: portalsim.Plain, Reports: 5, PerPage: 3, Shell: portalsim.ShellFrame},
		{Name: "refresh", Family: portalsim.TRS, Reports: 5, PerPage: 3, Shell: portalsim.ShellRefresh},
		{Name: "script", Family: portalsim.Hanweb, Reports: 5, PerPage: 3, Shell: portalsim.ShellScript},
		{Name: "mirror", Family: portalsim.Plain, Reports: 9, PerPage: 3, Traditional: true, PageParam: "p"},
		{Name: "legacy", Family: portalsim.Plain, Reports: 12, PerPage: 5, OldWording: true},
		{Name: "documents", Family: portalsim.Plain, Reports: 5, PerPage: 3, Documents: true},
	}
	f := portalsim.NewTestFarm(t, sites...)
	s := openStore(t)
	c := newCrawler(s, 10)
	ctx := context.Background()
	for _, h := range f.Hosts() {
		t.Run(h.Site.Name, func(t *testing.T) {
			run := mustRun(t, c, portalOf(h, crawlSettings(0)))
			idx := indexed(t, s, h.Site.Name)
			for _, r := range h.Reports() {
				ir, ok := idx[r.URL]
				switch {
				case !ok:
					t.Errorf("report %s (%s, %d) not indexed", r.URL, r.Title, r.Year)
				case ir.Year != r.Year || ir.Agency != r.Agency:
					t.Errorf("report %s indexed as %s %d, want %s %d", r.URL, ir.Agency, ir.Year, r.Agency, r.Year)
				}
				if r.Document {
					v, _ := latest(t, s, r.URL)
					if want := r.Page; want != "" && v.Referrer != want {
						t.Errorf("document %s archived with referrer %q, want its shell page %s", r.URL, v.Referrer, want)
					}
				}
			}
			if len(idx) != len(h.Reports()) {
				t.Errorf("%d reports indexed, want %d", len(idx), len(h.Reports()))
			}
			for _, k := range []portalsim.LinkKind{portalsim.KindNotice, portalsim.KindSkipped, portalsim.KindDisallowed} {
				for _, u := range h.URLs(k) {
					if n := len(h.HitsTo(u)); n != 0 {
						t.Errorf("%s decoy %s requested %d times", k, u, n)
					}
				}
			}
			for _, hit := range h.Hits() {
				if strings.Contains(hit.Path, "/art_") && !slices.ContainsFunc(h.Links(), func(l portalsim.Link) bool { return strings.HasSuffix(l.URL, hit.Path) }) && !isAttachmentHit(h, hit.Path) {
					t.Errorf("requested %s, which the column does not list (another column's entry?)", hit.Path)
				}
			}
			if cov := run.Coverage; cov == nil || len(cov.Flags) != 0 || cov.ReportLinks < len(h.Reports()) {
				t.Errorf("coverage %+v, want every report link found and no flag", cov)
			}
			if fam := h.Site.Family.String(); slices.Contains([]string{"jpaas", "xxgk", "gkmlpt", "epoint", "truecms"}, fam) &&
				!slices.Contains(run.Coverage.Families, fam) {
				t.Errorf("families %v, want %s", run.Coverage.Families, fam)
			}
		})
	}
	// A column emptied between two runs is flagged on the second: no
	// report link, fewer reports than before.
	emptied := f.Host("gkmlpt")
	emptied.Empty()
	if run := mustRun(t, c, portalOf(emptied, crawlSettings(0))); !hasFlag(run, store.FlagNoReportLink) || !hasFlag(run, store.FlagReportsDropped) {
		t.Errorf("emptied gkmlpt column: flags %v, want no_report_link and reports_dropped", flagKinds(run))
	}
	// Every list-API answer went through the archive, a POST with its body.
	posts := 0
	err := s.EachVersion(ctx, func(v store.Version) error {
		if v.RequestMethod() == "POST" {
			posts++
			if len(v.RequestBody) == 0 || v.RequestContentType == "" {
				t.Errorf("POST capture %s without its body or Content-Type", v.URL)
			}
		}
		return nil
	})
	if err != nil || posts == 0 {
		t.Errorf("POST captures: %d, %v", posts, err)
	}
}

// isAttachmentHit reports whether path is one of h's report attachments.
func isAttachmentHit(h *portalsim.Host, path string) bool {
	for _, r := range h.Reports() {
		for _, u := range []string{r.Attachment, r.URL} {
			if p, err := url.Parse(u); err == nil && u != "" && p.Path == path {
				return true
			}
		}
	}
	return false
}

// TestFarmBadListAPIAnswer: a list API that answers an HTML error page
// with status 200 is archived as failed(bad_payload), counted in the run's
// failures, and the portal is flagged for having no report link.
func TestFarmBadListAPIAnswer(t *testing.T) {
	f := portalsim.NewTestFarm(t, portalsim.Site{Family: portalsim.JPaaS, Reports: 3})
	h := f.Hosts()[0]
	h.Inject(portalsim.JPaaSPath, portalsim.Fault{Kind: portalsim.ServerError, Status: 200})
	s := openStore(t)
	run := mustRun(t, newCrawler(s, 5), portalOf(h, crawlSettings(0)))
	if run.Failures["bad_payload"] != 1 || run.Reports != 0 {
		t.Errorf("failures %v, reports %d; want one bad_payload and no report", run.Failures, run.Reports)
	}
	bad := 0
	err := s.EachVersion(context.Background(), func(v store.Version) error {
		if strings.Contains(v.URL, portalsim.JPaaSPath) && v.Outcome == store.OutcomeFailed && v.Reason == "bad_payload" {
			bad++
		}
		return nil
	})
	if err != nil || bad != 1 {
		t.Errorf("archived bad_payload captures: %d, %v", bad, err)
	}
	if !hasFlag(run, store.FlagNoReportLink) {
		t.Errorf("flags %v, want no_report_link", flagKinds(run))
	}
}
