package crawler

import (
	"net/url"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"github.com/nianbao/nianbao/config"
)

// Link is an anchor the crawler decided to follow, with what the page said
// about it.
type Link struct {
	URL  string // absolute, without fragment
	Text string // anchor text or title, whitespace collapsed
	Year int    // report year named by the link, 0 when none
}

// hostSet is the set of hosts a portal may be crawled on, lower case,
// matched as config.Portal.AllowsHost matches (any port, any case; an entry
// "*.example.gov.cn" admits every subdomain of example.gov.cn).
type hostSet []string

func newHostSet(allowed []string, column *url.URL) hostSet {
	var hs hostSet
	for _, h := range allowed {
		if h = strings.ToLower(strings.TrimSpace(h)); h != "" {
			hs = append(hs, h)
		}
	}
	if len(hs) == 0 && column != nil {
		hs = hostSet{strings.ToLower(column.Hostname())}
	}
	return hs
}

// allows reports whether u is an http(s) URL on one of the hosts, by
// config.Portal.AllowsHost's rules.
func (hs hostSet) allows(u *url.URL) bool {
	if u == nil || (u.Scheme != "http" && u.Scheme != "https") {
		return false
	}
	return config.Portal{AllowedHosts: hs}.AllowsHost(u.Host)
}

// resolve turns an href into an absolute http(s) URL without fragment, or
// nil for script, mail and malformed links.
func resolve(base *url.URL, href string) *url.URL {
	href = strings.TrimSpace(href)
	if href == "" || strings.HasPrefix(href, "#") {
		return nil
	}
	low := strings.ToLower(href)
	for _, p := range []string{"javascript:", "mailto:", "tel:", "data:"} {
		if strings.HasPrefix(low, p) {
			return nil
		}
	}
	u, err := base.Parse(href)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil
	}
	u.Fragment, u.RawFragment = "", ""
	return u
}

// docBase is the page URL, or the document's <base href> when present.
func docBase(doc *goquery.Document, page *url.URL) *url.URL {
	if href, ok := doc.Find("base[href]").First().Attr("href"); ok {
		if u, err := page.Parse(strings.TrimSpace(href)); err == nil {
			return u
		}
	}
	return page
}

// collapse normalises anchor text: whitespace (including U+3000 and
// non-breaking spaces) collapsed to one space, trimmed.
func collapse(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\u00a0", " ")), " ")
}
