package portalsim

import (
	"fmt"
	"strings"
	"time"
)

// FaultKind is a hostile or broken behaviour a host can be switched to.
type FaultKind int

const (
	// ServerError answers Fault.Status (default 503) with an error page
	// and, when Fault.RetryAfter is set, a Retry-After header in seconds.
	// Status 429 simulates rate limiting.
	ServerError FaultKind = iota + 1
	// Reset closes the connection with a TCP reset before answering.
	Reset
	// ResetMidBody sends the status line, the headers and half the body,
	// then resets the connection.
	ResetMidBody
	// Stall sends the headers and the first 256 bytes, then nothing more
	// until the client gives up or the farm closes.
	Stall
	// Trickle sends the real page 16 bytes per Fault.Interval (default
	// 100 ms): headers arrive at once, the body takes minutes.
	Trickle
	// Challenge answers a 瑞数-style anti-bot challenge: status 412 (or
	// Fault.Status, e.g. 202), a cookie and obfuscated JavaScript, no
	// content.
	Challenge
	// WAF answers 403 with a web-application-firewall block page.
	WAF
	// GzipBomb sends Content-Encoding: gzip with a small body that
	// decodes to Fault.Size bytes (default 1 GiB).
	GzipBomb
	// Oversize sends an HTML body of Fault.Size bytes (default 64 MiB)
	// with a Content-Length, or chunked when Fault.NoLength is set.
	Oversize
	// RedirectLoop answers 302 between the path and path?loop=1 forever.
	RedirectLoop
	// RedirectChain answers 302 to path?hop=1, then ?hop=2 … and serves
	// the page after Fault.Size hops (default 20): a chain longer than a
	// client's limit is a failure, a short one (say 2) a page that moved.
	RedirectChain
	// LyingCharset serves the real page with a Content-Type charset that
	// lies: a GBK page labelled utf-8, a UTF-8 page (with a BOM
	// prepended) labelled gbk.
	LyingCharset
	// Moved answers 301 to Fault.Location, e.g. a page on another site, as
	// a column does after a portal is merged into another.
	Moved
)

// String names the fault kind.
func (k FaultKind) String() string {
	names := []string{"none", "server_error", "reset", "reset_mid_body", "stall", "trickle",
		"challenge", "waf", "gzip_bomb", "oversize", "redirect_loop", "redirect_chain", "lying_charset", "moved"}
	if int(k) < len(names) && k >= 0 {
		return names[k]
	}
	return fmt.Sprintf("fault(%d)", int(k))
}

// Fault is a behaviour injected into a host with Host.Inject.
type Fault struct {
	Kind       FaultKind
	Status     int           // ServerError, Challenge: status to answer
	RetryAfter time.Duration // ServerError: Retry-After header (whole seconds)
	Size       int64         // GzipBomb (decoded), Oversize: bytes; RedirectChain: hops
	NoLength   bool          // Oversize: no Content-Length (chunked)
	Interval   time.Duration // Trickle: pause between 16-byte writes
	Location   string        // Moved: where to
	// Times limits the fault to the next Times matching requests; 0 keeps
	// it until ClearFaults.
	Times int
}

// Inject makes requests for target (a URL, a path, or "*" for every path
// of the host including robots.txt) answer with f. A path-specific fault
// wins over "*". Injecting again replaces the target's fault.
func (h *Host) Inject(target string, f Fault) {
	path, _ := h.target(target)
	h.mu.Lock()
	defer h.mu.Unlock()
	h.faults[path] = &f
}

// ClearFaults removes every injected fault.
func (h *Host) ClearFaults() {
	h.mu.Lock()
	defer h.mu.Unlock()
	clear(h.faults)
}

// takeFault returns the fault that applies to path, consuming one use.
func (h *Host) takeFault(path string) (Fault, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	key := path
	f, ok := h.faults[key]
	if !ok {
		key = "*"
		if f, ok = h.faults[key]; !ok {
			return Fault{}, false
		}
	}
	out := *f
	if f.Times > 0 {
		f.Times--
		if f.Times == 0 {
			delete(h.faults, key)
		}
	}
	return out, true
}

// challengePage imitates the 瑞数 (Riversecurity) first answer: a meta
// token, a $_ts bootstrap and an external obfuscated script.
func challengePage(seed int) string {
	var token strings.Builder
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._"
	x := uint64(seed)*0x9E3779B97F4A7C15 + 1
	for range 300 {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		token.WriteByte(alphabet[x%uint64(len(alphabet))])
	}
	t := token.String()
	return "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">" +
		"<meta http-equiv=\"Cache-Control\" content=\"no-cache, no-store, must-revalidate\">" +
		"<meta id=\"9DhefwqGPrzGxEp9hPaoag\" content=\"" + t[:160] + "\" r='m'>" +
		"<script type=\"text/javascript\" r='m'>$_ts=window['$_ts'];if(!$_ts)$_ts={};$_ts.nsd=" + itoa(seed%99991) +
		";$_ts.cd=\"" + t[160:] + "\";if($_ts.lcd)$_ts.lcd();</script>" +
		"<script type=\"text/javascript\" charset=\"utf-8\" src=\"/4QbVtADbnLVIc/d.FxJzG50F.dfe1675.js\" r='m'></script>" +
		"</head><body><script type=\"text/javascript\" r='m'>(function(){var _$a=['\\x6c\\x63\\x64'];$_ts[_$a[0]]&&$_ts[_$a[0]]();})();</script></body></html>"
}

const wafPage = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>访问被拦截</title></head><body>" +
	"<div class=\"main\"><h2>您的访问请求可能对网站造成安全威胁，请求已被拦截。</h2>" +
	"<p>拦截时间：<span id=\"time\"></span></p><p>事件ID：<span>5f3c2a1b9e</span></p>" +
	"<p>如果您是网站管理员，请登录云防护平台查看详情。</p></div></body></html>"
