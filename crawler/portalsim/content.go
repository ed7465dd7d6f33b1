package portalsim

import (
	"fmt"
	"sort"
	"time"
)

// LinkKind says what a column link leads to and what a crawler should do
// with it.
type LinkKind int

const (
	// KindReport is a genuine annual report: fetch, archive, index.
	KindReport LinkKind = iota + 1
	// KindNotice names 年度报告 and a year but is a notice about preparing
	// reports (关于做好…年度报告编制工作的通知) or a 图解 page: a link finder
	// must skip it; were it fetched, a classifier must not index it.
	KindNotice
	// KindSkipped is a decoy a link finder must skip without fetching
	// (政府信息公开指南, 统计公报).
	KindSkipped
	// KindDisallowed is a report-like link under a robots.txt Disallow
	// prefix: a crawler obeying robots never requests it.
	KindDisallowed
)

// String returns the kind's lower-case name.
func (k LinkKind) String() string {
	switch k {
	case KindReport:
		return "report"
	case KindNotice:
		return "notice"
	case KindSkipped:
		return "skipped"
	case KindDisallowed:
		return "disallowed"
	}
	return "unknown"
}

// item is one entry of a column: a report, a decoy or a hidden report.
type item struct {
	kind      LinkKind
	id        int
	title     string
	agency    string
	year      int // the year the report covers (0 for the guide)
	published time.Time
	path      string
	attach    *attachment // nil when the item links no attachment
	pdfOnly   bool        // the column links the attachment, there is no page
	docShell  bool        // the page only points at the attachment (详见附件)
	elsewhere string      // base URL of the other host the column links it at (PublishAt); "" for this host
}

// attachment is a file linked from a report page.
type attachment struct {
	path  string
	name  string // link text, with the extension
	ext   string // "pdf", "docx", "xls"
	owner *item
}

// dir picks the directory an item lives in: the guide and the statistics
// bulletin belong to other columns of the portal.
func (it *item) dir(column, guide, bulletin string) string {
	switch {
	case it.kind == KindSkipped && it.year == 0:
		return guide
	case it.kind == KindSkipped:
		return bulletin
	}
	return column
}

// layout places a family's items in URL space.
type layout interface {
	columnPath() string
	articlePath(it *item) string
	attachmentPath(it *item) string
}

const yearsPerAgency = 17 // 2024 down to 2008

// buildItems creates the column of host number n: reports newest first,
// with the decoys and the hidden report interleaved by publication date.
func buildItems(s Site, n int, l layout) []*item {
	var items []*item
	base := 1000*(n+1) + 100
	subs := subAgencies()
	exts := []string{"pdf", "docx", "xls"}
	for j := 0; j < s.Reports; j++ {
		agency := s.Agency
		if k := j / yearsPerAgency; k > 0 {
			agency = s.Region + subs[k%len(subs)]
			if k >= len(subs) {
				agency += itoa(k / len(subs))
			}
		}
		year := 2024 - j%yearsPerAgency
		title := reportTitle(agency, year, j)
		if s.OldWording && year < 2019 {
			title = agency + itoa(year) + "年政府信息公开工作报告"
		}
		it := &item{
			kind:      KindReport,
			id:        base + j,
			agency:    agency,
			year:      year,
			title:     title,
			published: time.Date(year+1, time.Month(1+j%3), 10+(j*7)%18, 9+j%8, (j*13)%60, 0, 0, time.UTC),
		}
		items = append(items, it)
		it.pdfOnly, it.docShell = s.Documents && j == 1, s.Documents && j == 2
		if it.pdfOnly || it.docShell {
			ext := map[bool]string{true: "pdf", false: "docx"}[it.pdfOnly]
			it.attach = &attachment{ext: ext, owner: it, name: title + "." + ext}
		} else if !s.NoAttachments {
			ext := exts[j%len(exts)]
			it.attach = &attachment{ext: ext, owner: it,
				name: fmt.Sprintf("%s%d年政府信息公开工作年度报告.%s", agency, year, ext)}
		}
	}
	if !s.NoDecoys {
		items = append(items,
			&item{kind: KindNotice, id: base + 90, year: 2023, agency: s.Agency,
				title:     "关于做好2023年度政府信息公开工作年度报告编制工作的通知",
				published: time.Date(2023, 12, 5, 10, 0, 0, 0, time.UTC)},
			&item{kind: KindNotice, id: base + 91, year: 2022, agency: s.Agency,
				title:     "图解：" + s.Agency + "2022年政府信息公开工作年度报告",
				published: time.Date(2023, 2, 21, 16, 0, 0, 0, time.UTC)},
			&item{kind: KindSkipped, id: base + 92, agency: s.Agency,
				title:     s.Agency + "政府信息公开指南",
				published: time.Date(2024, 6, 3, 9, 0, 0, 0, time.UTC)},
			&item{kind: KindSkipped, id: base + 93, year: 2023, agency: s.Region + "统计局",
				title:     s.Region + "2023年国民经济和社会发展统计公报",
				published: time.Date(2024, 3, 15, 9, 0, 0, 0, time.UTC)},
		)
	}
	if s.Robots.blocks(hiddenPrefix) {
		items = append(items, &item{kind: KindDisallowed, id: base + 95, year: 2012, agency: s.Agency,
			title:     s.Agency + "2012年政府信息公开工作年度报告（存档）",
			published: time.Date(2013, 3, 20, 9, 0, 0, 0, time.UTC)})
	}
	sort.SliceStable(items, func(a, b int) bool { return items[a].published.After(items[b].published) })
	for _, it := range items {
		it.path = l.articlePath(it)
		if it.kind == KindDisallowed {
			it.path = fmt.Sprintf("%szfxxgknb/%s/t%s_%d.html", hiddenPrefix,
				it.published.Format("200601"), it.published.Format("20060102"), it.id)
		}
		if it.attach != nil {
			it.attach.path = l.attachmentPath(it)
		}
		if s.Traditional {
			it.title = toTraditional(it.title)
			if it.attach != nil {
				it.attach.name = toTraditional(it.attach.name)
			}
		}
	}
	return items
}

// reportTitle varies the wording the way real columns do: 年度 or not,
// 年报 for short, and now and then a year written in Chinese numerals.
func reportTitle(agency string, year, j int) string {
	switch {
	case j%7 == 5:
		return agency + chineseYear(year) + "年政府信息公开工作年度报告"
	case j%3 == 1:
		return agency + itoa(year) + "年度政府信息公开工作年度报告"
	case j%5 == 3:
		return agency + itoa(year) + "年政府信息公开年报"
	}
	return agency + itoa(year) + "年政府信息公开工作年度报告"
}

// chineseYear writes 2023 as 二〇二三.
func chineseYear(year int) string {
	digits := []rune("〇一二三四五六七八九")
	s := itoa(year)
	out := make([]rune, 0, len(s))
	for _, c := range s {
		out = append(out, digits[c-'0'])
	}
	return string(out)
}

func itoa(n int) string { return fmt.Sprint(n) }
