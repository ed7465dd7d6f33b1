package portalsim

import (
	"strings"
	"time"
)

// Site describes one simulated host. The zero value of every field but
// Family has a sensible default.
type Site struct {
	// Name labels the host in hits and in Farm.Host; default "<family>-<n>".
	Name string
	// Family selects the CMS imitated. Required.
	Family Family
	// Agency is the publishing agency, e.g. "青川市人民政府办公室";
	// generated from the host's position when empty.
	Agency string
	// Region is the agency's region, e.g. "青川市"; generated when empty.
	Region string
	// Reports is the number of genuine annual reports in the column
	// (default 20). Reports beyond 17 are published by sub-agencies, so
	// each (agency, year) pair stays unique.
	Reports int
	// PerPage is the number of column items per list page (default 10).
	PerPage int
	// NoDecoys leaves out the decoy links (guide, notice, bulletin).
	NoDecoys bool
	// NoAttachments leaves out the attachment each report links to.
	NoAttachments bool
	// Robots configures robots.txt.
	Robots Robots
	// NoValidators stops the host sending ETag and Last-Modified and
	// answering conditional requests with 304.
	NoValidators bool
	// PageParam names a Plain host's page parameter (default "page";
	// e.g. "pageNo").
	PageParam string
	// NextText and LastText label a Plain host's next and last page links
	// (default 下一页 and 尾页; e.g. 下页 and 末页).
	NextText, LastText string
	// TRSSixArgs makes a TRS host write the 6-argument pagination call
	// createPageHTML("page_div", count, current, "index", "html", total)
	// with a 1-based current page.
	TRSSixArgs bool
	// ProxyPageOnly makes a Hanweb host's dataproxy.jsp read only page
	// and perpage (cut at 300), not startrecord and endrecord, as some
	// servers do.
	ProxyPageOnly bool
	// Shell puts the column behind a frame, a meta refresh or a
	// location.href page at the column URL.
	Shell Shell
	// Traditional writes titles and pagination labels in Traditional
	// script (下一頁, 尾頁), as a Traditional mirror of a portal does.
	Traditional bool
	// OldWording titles reports before 2019 "…年政府信息公开工作报告", the
	// wording before the 2019 template.
	OldWording bool
	// Documents publishes the second report only as a PDF (the column
	// links the file) and the third as a page that is a shell around a
	// DOCX attachment ("详见附件").
	Documents bool
	// PDF, when set, is the body of the report Documents publishes as a
	// PDF (every revision), instead of the generated one-page PDF: a real
	// report with tables, for tests that measure PDF extraction. The bytes
	// are served as they are, shared by every host, never copied.
	PDF []byte
}

// Robots configures a host's robots.txt.
type Robots struct {
	// Missing makes /robots.txt answer 404 (everything allowed).
	Missing bool
	// CrawlDelay, when positive, is written as "Crawl-delay: <seconds>"
	// with fractional seconds (e.g. 0.05).
	CrawlDelay time.Duration
	// Disallow lists path prefixes disallowed for every user agent;
	// default {"/search/", "/archive/"}. The column lists one report-like
	// link under /archive/ when that prefix is disallowed, so a test can
	// assert that robots.txt is obeyed.
	Disallow []string
}

const hiddenPrefix = "/archive/"

func (r Robots) disallowed() []string {
	if r.Missing {
		return nil
	}
	if r.Disallow == nil {
		return []string{"/search/", hiddenPrefix}
	}
	return r.Disallow
}

// blocks reports whether robots.txt disallows path.
func (r Robots) blocks(path string) bool {
	for _, p := range r.disallowed() {
		if p != "" && strings.HasPrefix(path, p) {
			return true
		}
	}
	return false
}

func (s Site) withDefaults(n int) Site {
	if s.Name == "" {
		s.Name = s.Family.String() + "-" + itoa(n)
	}
	if s.Region == "" {
		s.Region = regionName(n)
	}
	if s.Agency == "" {
		s.Agency = s.Region + "人民政府办公室"
	}
	if s.Reports == 0 {
		s.Reports = 20
	}
	if s.PerPage <= 0 {
		s.PerPage = 10
	}
	return s
}

// places are fictional county-level names; combined with a suffix they
// give every host of a large farm a distinct region.
func places() []string {
	return []string{"青川", "云岭", "江临", "桐溪", "白沙", "柳河", "松阳", "石门",
		"清源", "长宁", "凤台", "临泽", "平湖", "安溪", "丰乐", "永和", "黎川", "宁远",
		"南屏", "东篱", "西岭", "北堤", "泽州", "和平"}
}

func regionName(n int) string {
	ps, suffix := places(), []string{"市", "县", "区", "新区"}
	p := ps[n%len(ps)]
	s := suffix[(n/len(ps))%len(suffix)]
	if k := n / (len(ps) * len(suffix)); k > 0 {
		p += itoa(k + 1)
	}
	return p + s
}

// subAgencies publish the reports beyond the first 17 of a column, as a
// county column lists the reports of its departments.
func subAgencies() []string {
	return []string{"人民政府办公室", "教育局", "财政局", "自然资源局", "卫生健康委员会", "市场监督管理局"}
}
