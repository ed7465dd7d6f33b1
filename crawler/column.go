package crawler

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/nianbao/nianbao/config"
)

// linkRule is a portal's report_link override, as config.ParseLinkPattern
// reads it: a CSS selector picking the report anchors (or elements
// containing them), or a regular expression ("re:EXPR" or "/EXPR/") matched
// against a link's absolute URL.
type linkRule struct {
	css string
	re  *regexp.Regexp
}

func compileLinkRule(s string) (*linkRule, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	p, err := config.ParseLinkPattern(s)
	if err != nil {
		return nil, fmt.Errorf("report_link: %w", err) // Run adds "crawler: portal NAME: "
	}
	return &linkRule{css: p.CSS, re: p.Regexp}, nil
}

// reportLinks finds the report links of a column page: anchors on allowed
// hosts whose text or title names an annual report and a year, or — when the
// portal overrides the rule — the anchors its selector or regexp picks.
// Links are returned once each, in page order, with the number of anchors
// considered.
func reportLinks(doc *goquery.Document, page *url.URL, hosts hostSet, rule *linkRule, words wording) ([]Link, int) {
	base := docBase(doc, page)
	var out []Link
	seen := map[string]bool{}
	considered := 0
	consider := func(a *goquery.Selection) {
		considered++
		text, title := collapse(a.Text()), collapse(a.AttrOr("title", ""))
		if rule == nil && !words.isReportText(text) && !words.isReportText(title) {
			return // the cheap test first: most anchors are not reports
		}
		u := resolve(base, a.AttrOr("href", ""))
		if u == nil || !hosts.allows(u) || seen[u.String()] {
			return
		}
		label, ok := pickLabel(text, title, u, rule, words)
		if !ok {
			return
		}
		seen[u.String()] = true
		out = append(out, Link{URL: u.String(), Text: label, Year: linkYear(words.normalize(label))})
	}
	if rule != nil && rule.css != "" {
		doc.Find(rule.css).Each(func(_ int, s *goquery.Selection) {
			if goquery.NodeName(s) == "a" {
				consider(s)
			}
			s.Find("a[href]").Each(func(_ int, a *goquery.Selection) { consider(a) })
		})
		return out, considered
	}
	doc.Find("a[href]").Each(func(_ int, a *goquery.Selection) { consider(a) })
	return out, considered
}

// pickLabel decides whether an anchor is a report link and which of its
// text and title to record (the longer, since list pages truncate titles).
func pickLabel(text, title string, u *url.URL, rule *linkRule, words wording) (string, bool) {
	longer := text
	if len([]rune(title)) > len([]rune(text)) {
		longer = title
	}
	switch {
	case rule != nil && rule.css != "":
		return longer, true
	case rule != nil && rule.re != nil:
		return longer, rule.re.MatchString(u.String())
	case words.isReportText(longer):
		return longer, true
	case words.isReportText(text):
		return text, true
	case words.isReportText(title):
		return title, true
	}
	return "", false
}

// attachmentExts are the carrier formats fetched from report pages.
var attachmentExts = map[string]bool{
	".pdf": true, ".doc": true, ".docx": true, ".xls": true, ".xlsx": true,
	".wps": true, ".et": true, ".ofd": true, ".zip": true,
}

// attachmentLinks finds links to report attachments on allowed hosts:
// anchors, and file URLs quoted in scripts (gkmlpt pages list their
// attachments only in window._CONFIG). It scans tokens instead of building
// a tree: report pages are many and only their anchors matter here.
func attachmentLinks(text []byte, page *url.URL, hosts hostSet) []Link {
	base := page
	var out []Link
	seen := map[string]bool{}
	z := html.NewTokenizer(bytes.NewReader(text))
	var cur *url.URL // the open anchor's target, when it is an attachment
	var label strings.Builder
	inScript := false
	emit := func() {
		if cur != nil {
			t := collapse(label.String())
			out = append(out, Link{URL: cur.String(), Text: t, Year: linkYear(t)})
			cur = nil
		}
	}
	for {
		switch z.Next() {
		case html.ErrorToken:
			emit() // an anchor left open at the end still counts
			return out
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if string(name) == "script" {
				inScript = true
			}
			if !hasAttr || (string(name) != "a" && string(name) != "base") {
				continue
			}
			href := tokenAttr(z, "href")
			if string(name) == "base" {
				if u, err := page.Parse(strings.TrimSpace(href)); err == nil && href != "" {
					base = u
				}
				continue
			}
			emit() // an unclosed anchor ends where the next begins
			if u := resolve(base, href); u != nil && hosts.allows(u) && isAttachment(u) && !seen[u.String()] {
				seen[u.String()] = true
				cur = u
				label.Reset()
			}
		case html.TextToken:
			if cur != nil {
				label.Write(z.Text())
			}
			if inScript {
				for _, m := range reScriptFile.FindAllStringSubmatch(string(z.Text()), -1) {
					if u := resolve(base, strings.ReplaceAll(m[1], `\/`, "/")); u != nil && hosts.allows(u) && isAttachment(u) && !seen[u.String()] {
						seen[u.String()] = true
						out = append(out, Link{URL: u.String()})
					}
				}
			}
		case html.EndTagToken:
			switch name, _ := z.TagName(); string(name) {
			case "a":
				emit()
			case "script":
				inScript = false
			}
		}
	}
}

// tokenAttr returns the value of the current tag's attribute key.
func tokenAttr(z *html.Tokenizer, key string) string {
	for {
		k, v, more := z.TagAttr()
		if string(k) == key {
			return string(v)
		}
		if !more {
			return ""
		}
	}
}

// reScriptFile finds quoted file URLs in scripts.
var reScriptFile = regexp.MustCompile(`["']((?:https?:)?[^"'\s<>]{1,400}\.(?i:pdf|docx?|xlsx?|wps|et|ofd|zip))["']`)

func isAttachment(u *url.URL) bool {
	return attachmentExts[strings.ToLower(path.Ext(u.Path))]
}
