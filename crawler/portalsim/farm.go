package portalsim

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"sort"
	"sync"
	"time"
)

// Options tunes a farm.
type Options struct {
	// Now stamps hits and Date headers; default time.Now.
	Now func() time.Time
	// SingleAddress puts every host on 127.0.0.1 (distinct ports) instead
	// of one 127.x.y.z address per host.
	SingleAddress bool
	// Latency delays every answer by this much before its first byte, as
	// a distant, busy server would; zero answers at once.
	Latency time.Duration
}

// FarmOptions describes a farm of similar hosts for NewFarm.
type FarmOptions struct {
	Hosts   int // number of hosts (≥ 1)
	Reports int // genuine reports per host (default 20)
	// Families are rotated over the hosts; default TRS, Hanweb, Plain.
	Families []Family
	// Site is the template of every host; Name, Family, Agency, Region
	// and Reports are set per host. TRS hosts alternate between the 4-
	// and the 6-argument pagination call unless Site.TRSSixArgs is set.
	Site Site
}

// Farm is a set of simulated hosts serving on loopback. All methods are
// safe for concurrent use.
type Farm struct {
	hosts  []*Host
	byName map[string]*Host
	bomb   func() []byte // one gzip member of 1 MiB of spaces, built once
}

// New starts one host per site. Each host listens on its own loopback
// address (127.x.y.z, random port) unless opts.SingleAddress is set or the
// system refuses the address, in which case 127.0.0.1 is used. The caller
// must Close the farm.
func New(sites []Site, opts Options) (*Farm, error) {
	if len(sites) == 0 {
		return nil, errors.New("portalsim: new farm: no sites")
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	f := &Farm{byName: make(map[string]*Host), bomb: sync.OnceValue(bombMember)}
	ips := addressPlan(len(sites), opts.SingleAddress)
	for i, s := range sites {
		if s.Family < TRS || s.Family > TrueCMS {
			f.Close()
			return nil, fmt.Errorf("portalsim: new farm: site %d: unknown family %d", i, s.Family)
		}
		s = s.withDefaults(i)
		if _, dup := f.byName[s.Name]; dup {
			f.Close()
			return nil, fmt.Errorf("portalsim: new farm: duplicate site name %q", s.Name)
		}
		ln, err := listen(ips[i])
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("portalsim: new farm: listen for %s: %w", s.Name, err)
		}
		h := newHost(s, i, ln, opts, f.bomb)
		f.hosts = append(f.hosts, h)
		f.byName[s.Name] = h
	}
	return f, nil
}

// NewFarm starts fo.Hosts hosts of fo.Reports reports each, families
// rotated; see FarmOptions.
func NewFarm(fo FarmOptions, opts Options) (*Farm, error) {
	if fo.Hosts < 1 {
		return nil, errors.New("portalsim: new farm: no hosts")
	}
	fams := fo.Families
	if len(fams) == 0 {
		fams = []Family{TRS, Hanweb, Plain}
	}
	sites := make([]Site, fo.Hosts)
	for i := range sites {
		s := fo.Site
		s.Family = fams[i%len(fams)]
		s.Name, s.Agency, s.Region = "", "", ""
		s.Reports = fo.Reports
		if s.Family == TRS && !fo.Site.TRSSixArgs {
			s.TRSSixArgs = (i/len(fams))%2 == 1
		}
		sites[i] = s
	}
	return New(sites, opts)
}

// addressPlan picks n loopback addresses in a random 127.x.y.0 block, so
// concurrent farms rarely share an address.
func addressPlan(n int, single bool) []string {
	ips := make([]string, n)
	b1, b2 := 1+rand.IntN(250), rand.IntN(256)
	for i := range ips {
		if single {
			ips[i] = "127.0.0.1"
			continue
		}
		ips[i] = fmt.Sprintf("127.%d.%d.%d", b1, (b2+i/250)%256, 1+i%250)
	}
	return ips
}

func listen(ip string) (net.Listener, error) {
	ln, err := net.Listen("tcp", net.JoinHostPort(ip, "0"))
	if err == nil || ip == "127.0.0.1" {
		return ln, err
	}
	return net.Listen("tcp", "127.0.0.1:0")
}

// Hosts returns the hosts in the order they were given.
func (f *Farm) Hosts() []*Host { return append([]*Host(nil), f.hosts...) }

// Host returns the host named name, or nil.
func (f *Farm) Host(name string) *Host { return f.byName[name] }

// Hits returns every host's hits, oldest first.
func (f *Farm) Hits() []Hit {
	var all []Hit
	for _, h := range f.hosts {
		all = append(all, h.Hits()...)
	}
	sort.SliceStable(all, func(a, b int) bool { return all[a].Time.Before(all[b].Time) })
	return all
}

// ResetHits forgets every host's hits.
func (f *Farm) ResetHits() {
	for _, h := range f.hosts {
		h.ResetHits()
	}
}

// Close stops every host: stalled and trickling answers are abandoned,
// listeners and connections closed, and every server goroutine joined
// before Close returns. Close is idempotent.
func (f *Farm) Close() {
	var wg sync.WaitGroup
	for _, h := range f.hosts {
		wg.Go(h.close)
	}
	wg.Wait()
}

func bombMember() []byte {
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	zw.Write(bytes.Repeat([]byte(" "), 1<<20))
	zw.Close()
	return b.Bytes()
}

// compile-time check that Host serves HTTP.
var _ http.Handler = (*Host)(nil)
