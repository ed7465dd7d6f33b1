package crawler

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/nianbao/nianbao/config"
)

// BlockedAddressError is a connection the address guard refused: Addr is
// the address that would have been dialed. It matches ErrBlockedAddress;
// the fetch is archived as failed with the reason Reason gives.
type BlockedAddressError struct {
	Addr netip.Addr
	Host string // the host name that led to it (may be Addr itself)
}

func (e *BlockedAddressError) Error() string {
	if e.Host != "" && e.Host != e.Addr.String() {
		return fmt.Sprintf("%v: %s (for %s)", ErrBlockedAddress, e.Addr, e.Host)
	}
	return fmt.Sprintf("%v: %s", ErrBlockedAddress, e.Addr)
}

// Is makes errors.Is(err, ErrBlockedAddress) true.
func (e *BlockedAddressError) Is(target error) bool { return target == ErrBlockedAddress }

// Reason is the fetch's failure reason: "blocked_address_" and the address,
// e.g. blocked_address_169.254.169.254.
func (e *BlockedAddressError) Reason() string { return blockedReasonPrefix + e.Addr.String() }

// blockedReasonPrefix starts every failure reason of a refused connection.
const blockedReasonPrefix = "blocked_address_"

// addressClass names why an address is refused, or "" when it is public.
// privateOK admits the private ranges (RFC 1918, shared 100.64.0.0/10 and
// unique-local fc00::/7), never loopback, link-local, multicast or
// unspecified. IPv4-mapped IPv6 addresses are judged as the IPv4 address
// they carry.
func addressClass(a netip.Addr, privateOK bool) string {
	a = a.Unmap().WithZone("")
	switch {
	case !a.IsValid():
		return "invalid"
	case a.IsLoopback():
		return "loopback"
	case a.IsUnspecified(), a.Is4() && thisNetwork.Contains(a):
		return "unspecified"
	case a.IsLinkLocalUnicast():
		return "link-local"
	case a.IsMulticast(), a == broadcast:
		return "multicast"
	case privateOK:
		return ""
	case a.IsPrivate():
		return "private"
	case sharedNetwork.Contains(a):
		return "shared"
	}
	return ""
}

var (
	// thisNetwork (0.0.0.0/8) reaches the local host when dialed on Linux.
	thisNetwork = netip.MustParsePrefix("0.0.0.0/8")
	// sharedNetwork is the carrier-grade NAT range of RFC 6598.
	sharedNetwork = netip.MustParsePrefix("100.64.0.0/10")
	broadcast     = netip.MustParseAddr("255.255.255.255")
)

// addressGuard decides, for every connection the crawler opens, whether the
// address may be dialed. A host that the config names (a portal's column
// host or one of its allowed_hosts) may be dialed at any address: that is
// how a portal on an intranet or a loopback test farm is crawled. Any other
// host is dialed through a net.Dialer whose Control refuses loopback,
// private, link-local, shared, unique-local, multicast and unspecified
// addresses — the address actually dialed, after DNS, so a name that
// resolves (or rebinds) to 10.0.0.1 is caught like the literal. Safe for
// concurrent use.
type addressGuard struct {
	privateOK bool // allow_private_networks: private ranges admitted
	open      *net.Dialer
	guarded   *net.Dialer
	proxyFor  func(*http.Request) (*url.URL, error)

	mu       sync.RWMutex
	exact    map[string]bool // named host names, lower case
	suffixes []string        // ".example.gov.cn" for a named "*.example.gov.cn"
	pinned   map[string]int  // hosts named by running portals (Run), with a count
	proxies  map[string]bool // host names of the proxies in use
}

func newAddressGuard(resolver *net.Resolver, privateOK bool) *addressGuard {
	g := &addressGuard{
		privateOK: privateOK,
		open:      &net.Dialer{Timeout: 15 * time.Second, KeepAlive: 30 * time.Second, Resolver: resolver},
		guarded:   &net.Dialer{Timeout: 15 * time.Second, KeepAlive: 30 * time.Second, Resolver: resolver},
		proxyFor:  http.ProxyFromEnvironment,
		exact:     map[string]bool{},
		pinned:    map[string]int{},
		proxies:   map[string]bool{},
	}
	g.guarded.Control = g.control
	return g
}

// name replaces the set of named hosts with those of portals.
func (g *addressGuard) name(portals []config.Portal) {
	exact := map[string]bool{}
	var suffixes []string
	for _, p := range portals {
		for _, h := range portalHosts(p) {
			if s, ok := strings.CutPrefix(h, "*."); ok {
				suffixes = append(suffixes, "."+s)
				continue
			}
			exact[h] = true
		}
	}
	g.mu.Lock()
	g.exact, g.suffixes = exact, suffixes
	g.mu.Unlock()
}

// pin names p's hosts for as long as its run lasts, whatever the named set
// is (a Crawler used without a Scheduler names only the portals it runs);
// the returned function unpins them.
func (g *addressGuard) pin(p config.Portal) func() {
	hosts := portalHosts(p)
	g.mu.Lock()
	for _, h := range hosts {
		g.pinned[h]++
	}
	g.mu.Unlock()
	return func() {
		g.mu.Lock()
		defer g.mu.Unlock()
		for _, h := range hosts {
			if g.pinned[h]--; g.pinned[h] <= 0 {
				delete(g.pinned, h)
			}
		}
	}
}

// portalHosts are the hosts a portal names: its allowed hosts and its
// column's host, lower case.
func portalHosts(p config.Portal) []string {
	hosts := make([]string, 0, len(p.AllowedHosts)+1)
	for _, h := range p.AllowedHosts {
		if h = strings.ToLower(strings.TrimSpace(h)); h != "" {
			hosts = append(hosts, h)
		}
	}
	if u, err := url.Parse(p.Column); err == nil && u.Hostname() != "" {
		hosts = append(hosts, strings.ToLower(u.Hostname()))
	}
	return hosts
}

// named reports whether host (a host name or IP literal, without port) is
// one the config names.
func (g *addressGuard) named(host string) bool {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	g.mu.RLock()
	defer g.mu.RUnlock()
	if g.exact[host] || g.pinned[host] > 0 || g.proxies[host] {
		return true
	}
	for _, s := range g.suffixes {
		if strings.HasSuffix(host, s) {
			return true
		}
	}
	for h := range g.pinned {
		if s, ok := strings.CutPrefix(h, "*"); ok && strings.HasSuffix(host, s) {
			return true
		}
	}
	return false
}

// dialContext is the transport's DialContext: a named host is dialed as
// is; any other goes through the guarded dialer, and an IP literal is
// judged before a socket is even made.
func (g *addressGuard) dialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("crawler: dial %s: %w", addr, err)
	}
	if g.named(host) {
		return g.open.DialContext(ctx, network, addr)
	}
	if ip, err := netip.ParseAddr(host); err == nil {
		if err := g.check(ip, host); err != nil {
			return nil, &net.OpError{Op: "dial", Net: network, Err: err}
		}
	}
	return g.guarded.DialContext(ctx, network, addr)
}

// control runs on every socket the guarded dialer is about to connect,
// with the resolved address.
func (g *addressGuard) control(_, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("crawler: dial address %q: %w", address, err)
	}
	return g.check(ap.Addr(), "")
}

// check returns a *BlockedAddressError when a may not be dialed.
func (g *addressGuard) check(a netip.Addr, host string) error {
	if addressClass(a, g.privateOK) == "" {
		return nil
	}
	return &BlockedAddressError{Addr: a.Unmap().WithZone(""), Host: host}
}

// proxy is the transport's Proxy function: the environment's proxy (as
// http.ProxyFromEnvironment reads it). The proxy itself may be dialed at
// any address — the operator set it — but then the dialer never sees the
// target's address, so a target host the config does not name is resolved
// here and refused when any of its addresses is one the guard refuses.
// (The proxy resolves again; a rebinding answer between the two lookups is
// the caveat of crawling through a proxy.)
func (g *addressGuard) proxy(req *http.Request) (*url.URL, error) {
	pu, err := g.proxyFor(req)
	if err != nil || pu == nil {
		return pu, err
	}
	g.mu.Lock()
	g.proxies[strings.ToLower(pu.Hostname())] = true
	g.mu.Unlock()
	host := req.URL.Hostname()
	if g.named(host) {
		return pu, nil
	}
	addrs, err := g.lookup(req.Context(), host)
	if err != nil {
		return nil, err
	}
	for _, a := range addrs {
		if err := g.check(a, host); err != nil {
			return nil, err
		}
	}
	return pu, nil
}

// lookup resolves host (or parses an IP literal) with the guard's resolver.
func (g *addressGuard) lookup(ctx context.Context, host string) ([]netip.Addr, error) {
	if ip, err := netip.ParseAddr(host); err == nil {
		return []netip.Addr{ip}, nil
	}
	r := g.open.Resolver
	if r == nil {
		r = net.DefaultResolver
	}
	addrs, err := r.LookupNetIP(ctx, "ip", host)
	if err != nil {
		return nil, fmt.Errorf("crawler: resolve %s: %w", host, err)
	}
	return addrs, nil
}
