package crawler

import "errors"

// Sentinel errors. Fetch failures are not returned to callers of Run (they
// are archived with a reason and the run goes on); these errors surface in
// logs and let tests and callers classify with errors.Is.
var (
	// ErrTooLarge: the body (on the wire or after content decoding) exceeded
	// the portal's max_body. The fetch is archived as failed(too_large).
	ErrTooLarge = errors.New("crawler: body exceeds size cap")
	// ErrRedirectLoop: a redirect led back to a URL already in the chain.
	ErrRedirectLoop = errors.New("crawler: redirect loop")
	// ErrTooManyRedirects: the redirect chain exceeded the bound.
	ErrTooManyRedirects = errors.New("crawler: too many redirects")
	// ErrRobots: robots.txt disallows the URL for the configured User-Agent.
	ErrRobots = errors.New("crawler: disallowed by robots.txt")
	// ErrBlockedAddress: the address guard refused to connect to an address
	// (loopback, private, link-local …) of a host the config does not name;
	// the error is a *BlockedAddressError naming it. Nothing was sent. The
	// fetch is archived as failed(blocked_address_ADDR).
	ErrBlockedAddress = errors.New("crawler: address refused by the address guard")
	// ErrRunning: Run was called for a portal whose run is already going on
	// in this Crawler.
	ErrRunning = errors.New("crawler: portal run already in progress")
)
