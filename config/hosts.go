package config

import (
	"fmt"
	"net"
	"net/url"
	"strings"
	"unicode"
)

// AllowsHost reports whether the crawl of p may fetch from host, given as a
// URL host ("www.example.gov.cn" or "127.0.0.1:8080"; the port is ignored,
// case too). An entry "*.example.gov.cn" admits any subdomain of
// example.gov.cn, not example.gov.cn itself.
func (p Portal) AllowsHost(host string) bool {
	h := strings.ToLower(hostOnly(host))
	for _, a := range p.AllowedHosts {
		if suffix, ok := strings.CutPrefix(a, "*."); ok {
			if strings.HasSuffix(h, "."+suffix) {
				return true
			}
			continue
		}
		if h == a {
			return true
		}
	}
	return false
}

// AllowsURL reports whether rawURL is an http(s) URL on an allowed host.
func (p Portal) AllowsURL(rawURL string) bool {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return false
	}
	return p.AllowsHost(u.Host)
}

// hostOnly strips a port, and the brackets of an IPv6 literal.
func hostOnly(host string) string {
	if h, _, err := net.SplitHostPort(host); err == nil {
		return h
	}
	return strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
}

// checkAllowedHost says what is wrong with an allowed_hosts entry, if
// anything.
func checkAllowedHost(entry string) error {
	switch {
	case entry == "":
		return fmt.Errorf("empty host")
	case strings.Contains(entry, "://") || strings.Contains(entry, "/"):
		return fmt.Errorf("%q is a URL; write the host name only", entry)
	case entry != strings.TrimSpace(entry):
		return fmt.Errorf("%q has surrounding spaces", entry)
	}
	if net.ParseIP(entry) != nil {
		return nil
	}
	name := strings.TrimPrefix(entry, "*.")
	if _, _, err := net.SplitHostPort(name); err == nil {
		return fmt.Errorf("%q has a port; write the host name only", entry)
	}
	if !validHostName(name) {
		return fmt.Errorf("%q is not a host name", entry)
	}
	return nil
}

// validHostName checks dot-separated labels of letters, digits and '-'
// (letters may be non-ASCII: IDN host names are written as Unicode).
func validHostName(name string) bool {
	if name == "" || len(name) > 253 {
		return false
	}
	for _, label := range strings.Split(name, ".") {
		if label == "" || len(label) > 63 || strings.HasPrefix(label, "-") || strings.HasSuffix(label, "-") {
			return false
		}
		for _, r := range label {
			if r != '-' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				return false
			}
		}
	}
	return true
}
