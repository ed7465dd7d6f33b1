package crawler

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/PuerkitoBio/goquery"
)

// List APIs. Many government CMSs render a column as a shell and load
// the list by script from an API. The crawler recognises the families
// below from the column page itself, asks their APIs page by page through
// the same fetcher (limiter, robots.txt, retries, archive) as any page,
// and reads the answers for report links. Each API request is an item of
// kind "api:FAMILY"; its page number lives in its URL or body, so the
// frontier needs nothing more to resume it.
const apiKindPrefix = "api:"

// List-API families, as recorded in Coverage.Families.
const (
	familyJPaaS   = "jpaas"  // Hanweb JPaaS unit build (JSON, data.html)
	familyXxgk    = "xxgk"   // Hanweb xxgk module search.jsp (POST, HTML)
	familyGkmlpt  = "gkmlpt" // Guangdong gkmlpt (JSON articles)
	familyEpoint  = "epoint" // Epoint getgovinfolist (POST JSON, JSON)
	familyEpJS    = "epoint-js"
	familyTrueCMS = "truecms" // truecms getMessage.do (JSONP)
)

// errBadPayload marks a list-API answer that cannot be read.
var errBadPayload = errors.New("crawler: list API answer cannot be read")

// apiRecord is one entry of a list-API answer.
type apiRecord struct{ Title, URL string }

// apiAnswer is what a list-API answer holds.
type apiAnswer struct {
	html    string      // list markup to search for report links
	records []apiRecord // or records with title and URL
	count   int         // entries on this page (records, or anchors in html)
	total   int         // total pages when the answer says; 0 unknown
	siteID  string      // epoint-js: the siteGuid read from the script
}

// isAPIKind reports whether kind names a list-API request.
func isAPIKind(kind string) bool { return strings.HasPrefix(kind, apiKindPrefix) }

var (
	reJPaaSParam  = regexp.MustCompile(`\b(webId|pageId|tagId|tplSetId)\b["']?\s*[:=]\s*["']([^"']{1,200})["']`)
	rePageSize    = regexp.MustCompile(`pageSize\\?["']?\s*[:=]\s*\\?["']?(\d{1,4})`)
	reGkmlptSID   = regexp.MustCompile(`\bSID\b["']?\s*[:=]\s*["']([\w-]{1,80})["']`)
	reGkmlptCat   = regexp.MustCompile(`\bCAT_ID\b["']?\s*[:=]\s*["']?(\d{1,12})`)
	reEpointGUID  = regexp.MustCompile(`siteGuid\s*[:=]\s*["']([\w-]{1,80})["']`)
	reTrueCMS     = regexp.MustCompile(`messageController/getMessage\.do\??([^"'\s<>]*)`)
	reTotalPages  = regexp.MustCompile(`共\s*(\d{1,6})\s*页|totalpage\s*[=:]\s*["']?(\d{1,6})`)
	reMetaRefresh = regexp.MustCompile(`(?i)^\s*\d*\s*;?\s*url\s*=\s*['"]?([^'"]+)`)
	reLocation    = regexp.MustCompile(`(?:window\.|document\.|top\.|self\.)?location(?:\.href)?\s*=\s*["']([^"']+)["']|location\.replace\(\s*["']([^"']+)["']\s*\)`)
	reColumnID    = regexp.MustCompile(`/col/col(\d+)/`)
	reCategoryNum = regexp.MustCompile(`^\d{3,18}$`)
	reJSONP       = regexp.MustCompile(`(?s)^\s*(?:/\*\*/)?\s*[\w$.]+\s*\((.*)\)\s*;?\s*$`)
)

// discoverLists finds what a list page says about lists elsewhere: list
// APIs its scripts call, a same-origin frame holding the list, a meta
// refresh or a trivial location.href shell. It returns the requests to
// make, with the family each was found by. A portal whose pagination
// setting forces a family (mode other than auto) gets no list-API
// requests; shells are followed whatever the mode.
func discoverLists(mode string, page *url.URL, text string, doc *goquery.Document, hosts hostSet) ([]item, []string) {
	var out []item
	var families []string
	add := func(family string, it item) {
		out = append(out, it)
		families = append(families, family)
	}
	origin := &url.URL{Scheme: page.Scheme, Host: page.Host}
	ref := page.String()
	if mode != "" && mode != PaginationAuto {
		text = "" // no list API detection; doc still serves the shells below
	}
	if strings.Contains(text, "jpaas-publish-server/front/page/build/unit") {
		params := map[string]string{}
		for _, m := range reJPaaSParam.FindAllStringSubmatch(text, -1) {
			if _, ok := params[m[1]]; !ok {
				params[m[1]] = m[2]
			}
		}
		if params["webId"] != "" && params["pageId"] != "" && params["tagId"] != "" {
			size := 15
			if m := rePageSize.FindStringSubmatch(text); m != nil {
				size, _ = strconv.Atoi(m[1])
			}
			q := url.Values{"webId": {params["webId"]}, "pageId": {params["pageId"]}, "tagId": {params["tagId"]},
				"tplSetId": {params["tplSetId"]}, "parseType": {"bulidstatic"}, "pageType": {"column"}}
			u := origin.ResolveReference(&url.URL{Path: "/api-gateway/jpaas-publish-server/front/page/build/unit"})
			add(familyJPaaS, item{url: jpaasPage(u, q, 1, max(size, 1)), kind: apiKindPrefix + familyJPaaS, referrer: ref})
		}
	}
	if strings.Contains(text, "/module/xxgk/search.jsp") && doc != nil {
		form := url.Values{}
		doc.Find(`form[action*="search.jsp"] input[name]`).Each(func(_ int, in *goquery.Selection) {
			form.Set(in.AttrOr("name", ""), in.AttrOr("value", ""))
		})
		form.Set("currpage", "1")
		u := origin.ResolveReference(&url.URL{Path: "/module/xxgk/search.jsp"})
		add(familyXxgk, item{url: u.String(), form: form.Encode(), kind: apiKindPrefix + familyXxgk, referrer: ref})
	}
	if strings.Contains(page.Path+text, "gkmlpt") {
		sid, cat := "", ""
		if m := reGkmlptSID.FindStringSubmatch(text); m != nil {
			sid = m[1]
		}
		if m := reGkmlptCat.FindStringSubmatch(text); m != nil {
			cat = m[1]
		} else if _, err := strconv.Atoi(page.Fragment); err == nil {
			cat = page.Fragment
		}
		if sid != "" && cat != "" {
			u := origin.ResolveReference(&url.URL{Path: "/gkmlpt/api/all/" + cat, RawQuery: url.Values{"page": {"1"}, "sid": {sid}}.Encode()})
			add(familyGkmlpt, item{url: u.String(), kind: apiKindPrefix + familyGkmlpt, referrer: ref})
		}
	}
	if doc != nil && text != "" {
		doc.Find(`script[src*="webBuilderCommon.js"]`).Each(func(_ int, s *goquery.Selection) {
			if u := resolve(page, s.AttrOr("src", "")); u != nil && hosts.allows(u) {
				add(familyEpJS, item{url: u.String(), kind: apiKindPrefix + familyEpJS, referrer: ref})
			}
		})
	}
	if m := reTrueCMS.FindStringSubmatch(text); m != nil {
		q, _ := url.ParseQuery(strings.ReplaceAll(m[1], "&amp;", "&"))
		q.Set("pageNo", "1")
		setDefault(q, "callback", "jQuery_nianbao")
		u := origin.ResolveReference(&url.URL{Path: "/messageController/getMessage.do", RawQuery: q.Encode()})
		add(familyTrueCMS, item{url: u.String(), kind: apiKindPrefix + familyTrueCMS, referrer: ref})
	}
	if doc != nil {
		shell := doc.Find("a[href]").Length() < 5
		doc.Find("iframe[src], frame[src]").Each(func(_ int, f *goquery.Selection) {
			if u := resolve(page, f.AttrOr("src", "")); u != nil && hosts.allows(u) && !isAttachment(u) {
				add("iframe", item{url: u.String(), kind: KindColumn, referrer: ref})
			}
		})
		doc.Find(`meta[http-equiv]`).Each(func(_ int, m *goquery.Selection) {
			if !strings.EqualFold(m.AttrOr("http-equiv", ""), "refresh") {
				return
			}
			if mm := reMetaRefresh.FindStringSubmatch(m.AttrOr("content", "")); mm != nil {
				if u := resolve(page, mm[1]); u != nil && hosts.allows(u) {
					add("meta-refresh", item{url: u.String(), kind: KindColumn, referrer: ref})
				}
			}
		})
		if shell {
			doc.Find("script").Each(func(_ int, s *goquery.Selection) {
				for _, mm := range reLocation.FindAllStringSubmatch(s.Text(), 2) {
					if u := resolve(page, mm[1]+mm[2]); u != nil && hosts.allows(u) {
						add("script-redirect", item{url: u.String(), kind: KindColumn, referrer: ref})
					}
				}
			})
		}
	}
	return out, families
}

// jpaasPage is the unit-build URL of page n: only paramJson pages.
func jpaasPage(u *url.URL, q url.Values, n, size int) string {
	q.Set("paramJson", fmt.Sprintf(`{"pageNo":%d,"pageSize":%d}`, n, size))
	v := *u
	v.RawQuery = q.Encode()
	return v.String()
}

// readAPI reads a list-API answer of family. Bad payloads are errors
// wrapping errBadPayload, never panics.
func readAPI(family string, body []byte) (apiAnswer, error) {
	bad := func(what string, err error) (apiAnswer, error) {
		if err != nil {
			return apiAnswer{}, fmt.Errorf("%w: %s: %s: %v", errBadPayload, family, what, err)
		}
		return apiAnswer{}, fmt.Errorf("%w: %s: %s", errBadPayload, family, what)
	}
	body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	switch family {
	case familyJPaaS:
		var a struct {
			Data struct {
				HTML string `json:"html"`
			} `json:"data"`
		}
		if err := json.Unmarshal(body, &a); err != nil {
			return bad("JSON", err)
		}
		return apiAnswer{html: a.Data.HTML, count: strings.Count(a.Data.HTML, "<a ")}, nil
	case familyXxgk:
		text := string(body)
		ans := apiAnswer{html: text, count: strings.Count(strings.ToLower(text), "<a ")}
		if m := reTotalPages.FindStringSubmatch(text); m != nil {
			ans.total, _ = strconv.Atoi(m[1] + m[2])
		}
		return ans, nil
	case familyGkmlpt:
		var a struct {
			Articles []struct {
				Title string `json:"title"`
				URL   string `json:"url"`
			} `json:"articles"`
			Total int `json:"total"`
		}
		if err := json.Unmarshal(body, &a); err != nil {
			return bad("JSON", err)
		}
		ans := apiAnswer{count: len(a.Articles)}
		for _, x := range a.Articles {
			ans.records = append(ans.records, apiRecord{Title: x.Title, URL: x.URL})
		}
		return ans, nil
	case familyEpJS:
		m := reEpointGUID.FindSubmatch(body)
		if m == nil {
			return bad("no siteGuid in webBuilderCommon.js", nil)
		}
		return apiAnswer{siteID: string(m[1]), count: 1}, nil
	case familyEpoint:
		var a struct {
			Custom struct {
				Infodata []struct {
					Title   string `json:"title"`
					InfoURL string `json:"infourl"`
				} `json:"infodata"`
				Total int `json:"total"`
			} `json:"custom"`
		}
		if err := json.Unmarshal(body, &a); err != nil {
			return bad("JSON", err)
		}
		ans := apiAnswer{count: len(a.Custom.Infodata)}
		for _, x := range a.Custom.Infodata {
			ans.records = append(ans.records, apiRecord{Title: x.Title, URL: x.InfoURL})
		}
		return ans, nil
	case familyTrueCMS:
		m := reJSONP.FindSubmatch(body)
		if m == nil {
			return bad("not JSONP", nil)
		}
		var a struct {
			Data []struct {
				Title string `json:"title"`
				URL   string `json:"url"`
			} `json:"data"`
			Total int `json:"total"`
		}
		if err := json.Unmarshal(m[1], &a); err != nil {
			return bad("JSONP payload", err)
		}
		ans := apiAnswer{count: len(a.Data)}
		for _, x := range a.Data {
			ans.records = append(ans.records, apiRecord{Title: x.Title, URL: x.URL})
		}
		return ans, nil
	}
	return bad("unknown family", nil)
}

// nextAPI is the request after it, given its answer; false when the list
// is over (an empty page, or the last page the answer announced).
func nextAPI(it item, ans apiAnswer) (item, bool) {
	family := strings.TrimPrefix(it.kind, apiKindPrefix)
	u, err := url.Parse(it.url)
	if err != nil {
		return item{}, false
	}
	next := item{kind: it.kind, referrer: it.referrer, depth: it.depth}
	if family == familyEpJS {
		cat := ""
		if ref, err := url.Parse(it.referrer); err == nil {
			for _, seg := range strings.Split(ref.Path, "/") {
				if reCategoryNum.MatchString(seg) {
					cat = seg // the last all-digit segment: the categoryNum
				}
			}
		}
		if ans.siteID == "" || cat == "" {
			return item{}, false
		}
		lu := (&url.URL{Scheme: u.Scheme, Host: u.Host}).ResolveReference(&url.URL{Path: "/rest/lightfrontaction/getgovinfolist"})
		next.url, next.kind, next.ctype = lu.String(), apiKindPrefix+familyEpoint, jsonType
		next.form = epointBody(ans.siteID, cat, 0)
		return next, true
	}
	if ans.count == 0 {
		return item{}, false
	}
	switch family {
	case familyJPaaS:
		q := u.Query()
		var p struct{ PageNo, PageSize int }
		if json.Unmarshal([]byte(q.Get("paramJson")), &p) != nil || p.PageNo < 1 || p.PageNo >= math.MaxInt32 {
			return item{}, false
		}
		next.url = jpaasPage(&url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path}, q, p.PageNo+1, max(p.PageSize, 1))
	case familyXxgk:
		form, err := url.ParseQuery(it.form)
		n, _ := strconv.Atoi(form.Get("currpage"))
		if err != nil || n < 1 || (ans.total > 0 && n >= ans.total) {
			return item{}, false
		}
		form.Set("currpage", strconv.Itoa(n+1))
		next.url, next.form = it.url, form.Encode()
	case familyGkmlpt, familyTrueCMS:
		param := map[string]string{familyGkmlpt: "page", familyTrueCMS: "pageNo"}[family]
		q := u.Query()
		n, _ := strconv.Atoi(q.Get(param))
		if n < 1 {
			return item{}, false
		}
		q.Set(param, strconv.Itoa(n+1))
		v := *u
		v.RawQuery = q.Encode()
		next.url = v.String()
	case familyEpoint:
		var b struct {
			Params struct {
				SiteGUID    string `json:"siteGuid"`
				CategoryNum string `json:"categoryNum"`
				PageIndex   int    `json:"pageIndex"`
			} `json:"params"`
		}
		if json.Unmarshal([]byte(it.form), &b) != nil || b.Params.PageIndex < 0 {
			return item{}, false
		}
		next.url, next.ctype = it.url, jsonType
		next.form = epointBody(b.Params.SiteGUID, b.Params.CategoryNum, b.Params.PageIndex+1)
	default:
		return item{}, false
	}
	return next, true
}

// epointBody is the getgovinfolist request of 0-based page n.
func epointBody(site, category string, n int) string {
	b, _ := json.Marshal(map[string]any{"params": map[string]any{
		"siteGuid": site, "categoryNum": category, "pageIndex": n, "pageSize": 20}})
	return string(b)
}

// apiLinks turns an answer into report links: anchors of its markup, or
// its records, on the portal's hosts. xxgk answers are not filtered by
// column, so only links of the column (art_<col>_) are kept.
func apiLinks(it item, ans apiAnswer, hosts hostSet, rule *linkRule, words wording) ([]Link, int) {
	base, err := url.Parse(it.url)
	if err != nil {
		return nil, 0
	}
	var links []Link
	considered := 0
	if ans.html != "" {
		doc, err := goquery.NewDocumentFromReader(strings.NewReader(ans.html))
		if err == nil {
			links, considered = reportLinks(doc, base, hosts, rule, words)
		}
	}
	seen := map[string]bool{}
	for _, rec := range ans.records {
		considered++
		y, ok := words.reportYear(rec.Title)
		u := resolve(base, rec.URL)
		if u == nil || !hosts.allows(u) || seen[u.String()] {
			continue
		}
		if rule != nil && rule.re != nil {
			ok = rule.re.MatchString(u.String())
		}
		if ok {
			seen[u.String()] = true
			links = append(links, Link{URL: u.String(), Text: collapse(rec.Title), Year: y})
		}
	}
	if strings.TrimPrefix(it.kind, apiKindPrefix) == familyXxgk {
		if ref, err := url.Parse(it.referrer); err == nil {
			if m := reColumnID.FindStringSubmatch(ref.Path); m != nil {
				kept := links[:0]
				for _, l := range links {
					if strings.Contains(l.URL, "art_"+m[1]+"_") {
						kept = append(kept, l)
					}
				}
				links = kept
			}
		}
	}
	return links, considered
}
