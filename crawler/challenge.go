package crawler

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// wafMarkers are phrases of web-application-firewall block pages seen on
// Chinese government hosts (and generic ones).
var wafMarkers = []string{
	"访问被拦截", "访问已被拦截", "请求已被拦截", "您的访问被阻断", "网站防火墙", "安全狗", "云盾",
	"WAF", "Web应用防火墙", "非法请求", "Request blocked", "Access Denied", "access denied",
	"__jsl_clearance", "$_ts", "window['$_ts']",
}

// wafPatterns are wafMarkers as bytes in UTF-8 and in GB18030, so raw
// bodies can be searched without decoding them first.
var wafPatterns = func() [][]byte {
	var out [][]byte
	for _, m := range wafMarkers {
		out = append(out, []byte(m))
		if g, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(m)); err == nil && string(g) != m {
			out = append(out, g)
		}
	}
	return out
}()

var (
	scriptBlock = regexp.MustCompile(`(?is)<script\b[^>]*>.*?</script>|<style\b[^>]*>.*?</style>`)
	anyTag      = regexp.MustCompile(`(?s)<[^>]*>`)
)

// maxChallenge is the largest body taken for a challenge page: they are
// a few kilobytes of script, real pages and attachments are larger.
const maxChallenge = 64 << 10

// isChallenge recognises anti-bot answers that must never become a version
// of a page: 瑞数 (Riversecurity) style 412/202 pages made of obfuscated
// script and no content, 加速乐 521 cookie challenges, and WAF block pages
// (a 403, or a small 200/202 HTML page, carrying a WAF marker or only
// script, and no text). A 403 without those signs is the server refusing
// that resource, not a block of the crawler: it stays http_403.
// body is raw; it is decoded only when it could be a challenge.
func isChallenge(status int, body []byte, contentType string) bool {
	switch {
	case status == 412:
		return true
	case status == 521:
		// 加速乐's cookie challenge; a plain 521 (origin down) stays a 5xx.
		return bytes.Contains(body, []byte("__jsl_clearance"))
	case status == 403, status == 202:
		return blockPage(body, contentType, false)
	case status >= 200 && status < 300:
		return blockPage(body, contentType, true)
	}
	return false
}

// blockPage reports whether body is a small HTML page with no text that
// carries a WAF marker or script; with needMarker, only a marked one.
func blockPage(body []byte, contentType string, needMarker bool) bool {
	if len(body) > maxChallenge || !looksHTML(contentType, body) {
		return false
	}
	marked := false
	for _, m := range wafPatterns {
		if bytes.Contains(body, m) {
			marked = true
			break
		}
	}
	if needMarker && !marked {
		return false
	}
	text := decodeHTML(body, contentType, "")
	hasScript := bytes.Contains(bytes.ToLower(text), []byte("<script"))
	return (marked || hasScript) && visibleRunes(text) < 200
}

// visibleRunes counts the characters of text outside tags, scripts and
// styles, ignoring whitespace.
func visibleRunes(text []byte) int {
	t := scriptBlock.ReplaceAll(text, nil)
	t = anyTag.ReplaceAll(t, nil)
	return utf8.RuneCount([]byte(strings.Join(strings.Fields(string(t)), "")))
}
