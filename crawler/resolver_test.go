package crawler

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"strings"
	"sync"
	"testing"

	"golang.org/x/net/dns/dnsmessage"
)

// fakeDNS is a DNS server on 127.0.0.1 (UDP) that answers A and AAAA
// questions from a fixed table and NXDOMAIN for any other name, so tests
// can make host names resolve to loopback or metadata addresses.
type fakeDNS struct {
	conn  net.PacketConn
	names map[string][]netip.Addr // lower case, with the trailing dot
	wg    sync.WaitGroup
}

// newFakeDNS starts a server answering names (host name → addresses) and
// returns a resolver that asks only it. It stops at test cleanup.
func newFakeDNS(t *testing.T, names map[string][]string) *net.Resolver {
	t.Helper()
	conn, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	d := &fakeDNS{conn: conn, names: map[string][]netip.Addr{}}
	for name, addrs := range names {
		for _, a := range addrs {
			d.names[strings.ToLower(name)+"."] = append(d.names[strings.ToLower(name)+"."], netip.MustParseAddr(a))
		}
	}
	d.wg.Go(d.serve)
	t.Cleanup(func() {
		conn.Close()
		d.wg.Wait()
	})
	addr := conn.LocalAddr().String()
	return &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, _, _ string) (net.Conn, error) {
		var dl net.Dialer
		return dl.DialContext(ctx, "udp", addr)
	}}
}

func (d *fakeDNS) serve() {
	buf := make([]byte, 1500)
	for {
		n, from, err := d.conn.ReadFrom(buf)
		if err != nil {
			return // closed
		}
		if out, err := d.answer(buf[:n]); err == nil {
			_, _ = d.conn.WriteTo(out, from)
		}
	}
}

// answer builds the reply to one query.
func (d *fakeDNS) answer(query []byte) ([]byte, error) {
	var p dnsmessage.Parser
	h, err := p.Start(query)
	if err != nil {
		return nil, err
	}
	q, err := p.Question()
	if err != nil {
		return nil, err
	}
	addrs, known := d.names[strings.ToLower(q.Name.String())]
	rh := dnsmessage.Header{ID: h.ID, Response: true, Authoritative: true, RecursionDesired: h.RecursionDesired, RecursionAvailable: true}
	if !known {
		rh.RCode = dnsmessage.RCodeNameError
	}
	b := dnsmessage.NewBuilder(nil, rh)
	b.EnableCompression()
	if err := b.StartQuestions(); err != nil {
		return nil, err
	}
	if err := b.Question(q); err != nil {
		return nil, err
	}
	if err := b.StartAnswers(); err != nil {
		return nil, err
	}
	for _, a := range addrs {
		res := dnsmessage.ResourceHeader{Name: q.Name, Class: dnsmessage.ClassINET, TTL: 1}
		switch {
		case q.Type == dnsmessage.TypeA && a.Is4():
			err = b.AResource(res, dnsmessage.AResource{A: a.As4()})
		case q.Type == dnsmessage.TypeAAAA && a.Is6():
			err = b.AAAAResource(res, dnsmessage.AAAAResource{AAAA: a.As16()})
		}
		if err != nil {
			return nil, err
		}
	}
	return b.Finish()
}

func TestFakeDNSResolves(t *testing.T) {
	r := newFakeDNS(t, map[string][]string{"www.portal.test": {"127.0.0.1"}})
	got, err := r.LookupNetIP(context.Background(), "ip", "www.portal.test")
	if err != nil || len(got) != 1 || got[0].String() != "127.0.0.1" {
		t.Fatalf("lookup www.portal.test = %v, %v; want [127.0.0.1]", got, err)
	}
	_, err = r.LookupNetIP(context.Background(), "ip", "nowhere.test")
	var dnsErr *net.DNSError
	if !errors.As(err, &dnsErr) || !dnsErr.IsNotFound {
		t.Fatalf("lookup nowhere.test: %v, want not found", err)
	}
}
