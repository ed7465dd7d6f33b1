package crawler

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"
)

// wafMarkers are phrases of web-application-firewall block pages seen on
// Chinese government hosts (and generic ones).
var wafMarkers = []string{
	"访问被拦截", "访问已被拦截", "请求已被拦截", "您的访问被阻断", "网站防火墙", "安全狗", "云盾",
	"WAF", "Web应用防火墙", "非法请求", "Request blocked", "Access Denied", "access denied",
	"__jsl_clearance", "$_ts", "window['$_ts']",
}

var (
	scriptBlock = regexp.MustCompile(`(?is)<script\b[^>]*>.*?</script>|<style\b[^>]*>.*?</style>`)
	anyTag      = regexp.MustCompile(`(?s)<[^>]*>`)
)

// isChallenge recognises anti-bot answers that must never become a version
// of a page: 瑞数 (Riversecurity) style 412/202 pages made of obfuscated
// script and no content, 加速乐 521 cookies challenges, and WAF block pages
// (403, or a 200/202 carrying a WAF marker and no text). text is the
// decoded body.
func isChallenge(status int, text []byte) bool {
	switch status {
	case 412, 403:
		return true
	case 521:
		return bytes.Contains(text, []byte("__jsl_clearance")) || visibleRunes(text) < 200
	}
	if status < 200 || status >= 300 {
		return false
	}
	hasScript := bytes.Contains(bytes.ToLower(text[:min(len(text), 64<<10)]), []byte("<script"))
	marked := false
	for _, m := range wafMarkers {
		if bytes.Contains(text, []byte(m)) {
			marked = true
			break
		}
	}
	short := visibleRunes(text) < 200
	if status == 202 {
		return short && (hasScript || marked)
	}
	return short && marked
}

// visibleRunes counts the characters of text outside tags, scripts and
// styles, ignoring whitespace.
func visibleRunes(text []byte) int {
	t := scriptBlock.ReplaceAll(text[:min(len(text), 256<<10)], nil)
	t = anyTag.ReplaceAll(t, nil)
	return utf8.RuneCount([]byte(strings.Join(strings.Fields(string(t)), "")))
}
