package extract

import (
	"net/url"
	"regexp"
	"strings"
)

// pinyinRE finds tone-marked pinyin injected after characters by SEO
// mirrors: 公(gōng)開(kāi).
var pinyinRE = regexp.MustCompile(`[(（][a-zāáǎàōóǒòēéěèīíǐìūúǔùǖǘǚǜü]{1,6}[)）]`)

// minPinyin is how many injected syllables mark a spam mirror.
const minPinyin = 3

// mirrorWarnings flags copies whose agency and dates need checking against
// the original (report-format.md §9.6): Traditional copies off government
// hosts and pages with injected pinyin.
func mirrorWarnings(doc *document, rawURL string, traditional bool) []string {
	var out []string
	host := ""
	if u, err := url.Parse(rawURL); err == nil {
		host = strings.ToLower(u.Hostname())
	}
	if traditional && host != "" && !strings.HasSuffix(host, ".gov.cn") {
		out = append(out, "Traditional copy on "+host+": a mirror; check agency and dates against the original")
	}
	if n := len(pinyinRE.FindAllStringIndex(bodyText(doc, scriptSample), -1)); n >= minPinyin {
		out = append(out, "pinyin injected into the text: likely an SEO mirror; check agency and dates against the original")
	}
	return out
}
