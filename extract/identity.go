package extract

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

var (
	// titleRE splits a report title around its year: agency before the
	// year (沭阳县发展和改革局2023年…) or after it (2020年掇刀区…).
	titleRE = regexp.MustCompile(`^(.*?)((?:19|20)\d{2})\s*年度?(.*?)(?:政府信息公开|政务信息公开|政务公开|信息公开)`)
	// titleYearLastRE reads titles that put the year after the subject
	// (某某区政府信息公开工作2023年度报告).
	titleYearLastRE = regexp.MustCompile(`^(.+?)(?:政府信息公开|政务信息公开|政务公开|信息公开)工作((?:19|20)\d{2})\s*年`)
	yearRE          = regexp.MustCompile(`((?:19|20)\d{2})\s*年`)
	// periodRE finds the statistics period sentence (统计期限自2023年1月1日起…).
	periodRE      = regexp.MustCompile(`(?:统计期限|统计时限|统计时间|统计区间|数据统计)[^。]{0,12}?((?:19|20)\d{2})\s*年`)
	contactRE     = regexp.MustCompile(`请与\s*([^，。；、\s]{2,30}?)\s*联系`)
	dateRE        = regexp.MustCompile(`((?:19|20)\d{2})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]?\s*(\d{1,2})`)
	compactDateRE = regexp.MustCompile(`^((?:19|20)\d{2})(\d{2})(\d{2})`)
)

// identity is who reports on which year, and where that was read.
type identity struct {
	title, agency, region, published string
	year                             int
	prov                             Provenance
	warnings                         []string
}

// readIdentity reads title, agency, year and published date. Sources in
// order: the title; for the year the 统计期限 sentence and the first
// sentences of 总体情况; for the agency the page metadata, the contact
// sentence of the preamble and finally the portal's agency from config.
func readIdentity(doc *document, spans []sectionSpan, in Input) identity {
	var id identity
	id.title = pickTitle(doc)
	id.region = in.Region
	titleAgency, titleYear := "", 0
	if m := titleRE.FindStringSubmatch(id.title); m != nil {
		titleYear, _ = strconv.Atoi(m[2])
		if namesReport(id.title) {
			titleAgency = cleanAgency(m[1])
			if titleAgency == "" {
				titleAgency = cleanAgency(m[3])
			}
		}
	} else if m := titleYearLastRE.FindStringSubmatch(id.title); m != nil {
		titleYear, _ = strconv.Atoi(m[2])
		if namesReport(id.title) {
			titleAgency = cleanAgency(m[1])
		}
	} else if m := yearRE.FindStringSubmatch(id.title); m != nil {
		titleYear, _ = strconv.Atoi(m[1])
	}

	body := bodyText(doc, 3000)
	periodYear := periodYear(body)
	switch {
	case titleYear != 0:
		id.year, id.prov.Year = titleYear, "title"
		if periodYear != 0 && periodYear != titleYear {
			id.warnf("year: title says %d, statistics period says %d; the title is kept", titleYear, periodYear)
		}
	case periodYear != 0:
		id.year, id.prov.Year = periodYear, "period"
	default:
		if y := firstYear(spans); y != 0 {
			id.year, id.prov.Year = y, "text"
		}
	}

	bodyAgency, bodyProv := "", ""
	if titleAgency == "" {
		if a := signatureAgency(doc); a != "" {
			bodyAgency, bodyProv = a, "signature"
		} else if a := openingAgency(body); a != "" {
			bodyAgency, bodyProv = a, "opening"
		} else if a := selfAgency(spans); a != "" {
			bodyAgency, bodyProv = a, "text"
		}
	}
	switch {
	case titleAgency != "" && in.Agency != "" && strings.Contains(in.Agency, titleAgency):
		id.agency, id.prov.Agency = in.Agency, "config"
	case titleAgency != "":
		id.agency, id.prov.Agency = titleAgency, "title"
	case bodyAgency != "" && in.Agency != "" && strings.Contains(in.Agency, bodyAgency):
		id.agency, id.prov.Agency = in.Agency, "config"
	case bodyAgency != "":
		id.agency, id.prov.Agency = bodyAgency, bodyProv
	case doc.meta["发布机构"] != "":
		id.agency, id.prov.Agency = doc.meta["发布机构"], "text"
	case in.Agency != "":
		id.agency, id.prov.Agency = in.Agency, "config"
	default:
		if m := contactRE.FindStringSubmatch(body); m != nil {
			id.agency, id.prov.Agency = m[1], "text"
		}
	}
	for _, k := range []string{"发布时间", "成文日期"} {
		if d := parseDate(doc.meta[k]); d != "" {
			id.published = d
			break
		}
	}
	return id
}

func (id *identity) warnf(format string, args ...any) {
	id.warnings = append(id.warnings, fmt.Sprintf(format, args...))
}

// cleanAgency trims what surrounds an agency name in a title.
func cleanAgency(s string) string {
	s = cleanTitle(s)
	s = strings.TrimPrefix(s, "关于")
	s = strings.TrimSuffix(s, "的")
	s = strings.TrimSuffix(s, "关于")
	s = strings.Trim(s, "《》“”\"　 ")
	if runeLen(s) < 2 {
		return ""
	}
	return s
}

// firstYear is the first year named in the first 300 characters of the
// first section (总体情况 in the template); 0 when there is none.
func firstYear(spans []sectionSpan) int {
	if len(spans) == 0 {
		return 0
	}
	t := spans[0].Text
	if r := []rune(t); len(r) > 300 {
		t = string(r[:300])
	}
	if m := yearRE.FindStringSubmatch(t); m != nil {
		y, _ := strconv.Atoi(m[1])
		return y
	}
	return 0
}

// bodyText is the first n bytes of the body's text lines.
func bodyText(doc *document, n int) string {
	var b strings.Builder
	for _, bl := range doc.blocks {
		if bl.text == "" {
			continue
		}
		b.WriteString(bl.text)
		b.WriteByte('\n')
		if b.Len() >= n {
			break
		}
	}
	return b.String()
}

// parseDate reads "2024-03-08 15:34", "2024年3月8日", "2024/3/8" or
// "20240308" as YYYY-MM-DD; empty when no valid date is found.
func parseDate(s string) string {
	m := dateRE.FindStringSubmatch(s)
	if m == nil {
		m = compactDateRE.FindStringSubmatch(strings.TrimSpace(s))
	}
	if m == nil {
		return ""
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	if mo < 1 || mo > 12 || d < 1 || d > 31 {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, mo, d)
}
