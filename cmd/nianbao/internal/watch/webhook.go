package watch

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/nianbao/nianbao/config"
	"github.com/nianbao/nianbao/store"
)

// Outbox is the persisted queue webhooks are delivered from; *store.Store
// is one.
type Outbox interface {
	Enqueue(ctx context.Context, items []store.OutboxItem) (int, error)
	Due(ctx context.Context, t time.Time, limit int) ([]store.OutboxItem, error)
	Delivered(ctx context.Context, seq uint64) error
	Postpone(ctx context.Context, seq uint64, attempts int, next time.Time, lastError string) error
}

// Target is one webhook receiver.
type Target struct {
	URL    string
	Kinds  []Kind // the kinds it wants; empty means all
	secret config.Secret
}

// NewTarget returns a target; secret is the HMAC key ("" sends unsigned
// requests). The secret is held as a config.Secret, so a Target prints,
// logs and marshals without it.
func NewTarget(rawURL string, kinds []string, secret string) Target {
	t := Target{URL: rawURL, secret: config.NewSecret(secret)}
	for _, k := range kinds {
		t.Kinds = append(t.Kinds, Kind(k))
	}
	return t
}

func (t Target) wants(k Kind) bool { return len(t.Kinds) == 0 || slices.Contains(t.Kinds, k) }

// Headers of a webhook request.
const (
	HeaderIdempotencyKey = "Idempotency-Key"   // the event id: receivers drop repeats by it
	HeaderEvent          = "Nianbao-Event"     // the event kind
	HeaderTimestamp      = "Nianbao-Timestamp" // Unix seconds of this attempt
	HeaderSignature      = "Nianbao-Signature" // "sha256=" hex HMAC-SHA256 of timestamp "." body
	HeaderAttempt        = "Nianbao-Attempt"   // 1 for the first attempt
	signedPrefix         = "sha256="
	deliveryTimeout      = 10 * time.Second
	dueBatch             = 100
	defaultBackoff       = 30 * time.Second
	defaultMaxBackoff    = time.Hour
	idleWake             = time.Minute
	maxErrorBody         = 256
	defaultUserAgentHook = "nianbao-webhook"
)

// Sign returns the signature header value for body sent at ts with key:
// "sha256=" and the hex HMAC-SHA256 of the decimal Unix time, ".", and the
// body. A receiver recomputes it and compares in constant time (and may
// refuse old timestamps to stop replays).
func Sign(key []byte, ts time.Time, body []byte) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(strconv.FormatInt(ts.Unix(), 10)))
	m.Write([]byte{'.'})
	m.Write(body)
	return signedPrefix + hex.EncodeToString(m.Sum(nil))
}

// Verify checks a signature made by Sign.
func Verify(key []byte, ts string, body []byte, signature string) bool {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(ts))
	m.Write([]byte{'.'})
	m.Write(body)
	want := signedPrefix + hex.EncodeToString(m.Sum(nil))
	return hmac.Equal([]byte(want), []byte(signature))
}

// DispatcherOptions tune a Dispatcher; zero values take the defaults.
type DispatcherOptions struct {
	Client *http.Client     // default: one with a 10 s timeout
	Now    func() time.Time // default time.Now
	Logger *slog.Logger
	// Base is the absolute URL of the web UI; event links in bodies are
	// resolved against it.
	Base string
	// Backoff is the wait after the first failure; it doubles per failed
	// attempt up to MaxBackoff (defaults 30 s and 1 h). Items are retried
	// until delivered.
	Backoff, MaxBackoff time.Duration
}

// Dispatcher queues events for webhook targets in the outbox and delivers
// them: a JSON POST per event and target, signed, retried with exponential
// backoff until a 2xx answer. Each delivery leaves the outbox only after
// the 2xx, so a process killed mid-delivery sends it again after restart:
// at least once, with the event id as idempotency key.
type Dispatcher struct {
	outbox  Outbox
	targets []Target
	opts    DispatcherOptions
	base    *url.URL
	wake    chan struct{}
	mu      sync.Mutex // one delivery round at a time
}

// NewDispatcher returns a dispatcher for targets. It logs (INFO) each
// target whose host is a private, loopback or link-local address —
// allowed, since receivers often run on a LAN, but worth knowing.
func NewDispatcher(ctx context.Context, outbox Outbox, targets []Target, opts DispatcherOptions) (*Dispatcher, error) {
	if opts.Client == nil {
		opts.Client = &http.Client{Timeout: deliveryTimeout}
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Backoff <= 0 {
		opts.Backoff = defaultBackoff
	}
	if opts.MaxBackoff <= 0 {
		opts.MaxBackoff = defaultMaxBackoff
	}
	base, err := url.Parse(opts.Base)
	if err != nil {
		return nil, fmt.Errorf("watch: dispatcher base %q: %w", opts.Base, err)
	}
	for _, t := range targets {
		u, err := url.Parse(t.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" {
			return nil, fmt.Errorf("watch: webhook target %q is not an http(s) URL: %w", t.URL, ErrInvalid)
		}
		if addr, private := privateHost(ctx, u.Hostname()); private {
			opts.Logger.Info("webhook target is a private address", "url", t.URL, "address", addr)
		}
	}
	return &Dispatcher{outbox: outbox, targets: targets, opts: opts, base: base, wake: make(chan struct{}, 1)}, nil
}

// privateHost resolves host (2 s at most) and reports the first private,
// loopback, link-local or unspecified address it has.
func privateHost(ctx context.Context, host string) (string, bool) {
	ips := []net.IP{net.ParseIP(host)}
	if ips[0] == nil {
		ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		defer cancel()
		addrs, err := net.DefaultResolver.LookupIPAddr(ctx, host)
		if err != nil {
			return "", false
		}
		ips = ips[:0]
		for _, a := range addrs {
			ips = append(ips, a.IP)
		}
	}
	for _, ip := range ips {
		if ip.IsPrivate() || ip.IsLoopback() || ip.IsLinkLocalUnicast() || ip.IsUnspecified() {
			return ip.String(), true
		}
	}
	return "", false
}

// Enqueue puts events into the outbox for every target that wants their
// kind and wakes the delivery loop. A (target, event) pair queued before is
// skipped. It returns how many deliveries were queued.
func (d *Dispatcher) Enqueue(ctx context.Context, events []Event) (int, error) {
	var items []store.OutboxItem
	for _, e := range events {
		body, err := d.body(e)
		if err != nil {
			return 0, err
		}
		for _, t := range d.targets {
			if t.wants(e.Kind) {
				items = append(items, store.OutboxItem{Target: t.URL, EventID: e.ID, Body: body})
			}
		}
	}
	if len(items) == 0 {
		return 0, nil
	}
	n, err := d.outbox.Enqueue(ctx, items)
	if err != nil {
		return 0, fmt.Errorf("watch: enqueue: %w", err)
	}
	select {
	case d.wake <- struct{}{}:
	default:
	}
	return n, nil
}

// body is the JSON an event is POSTed as: the Event, its link absolute.
func (d *Dispatcher) body(e Event) ([]byte, error) {
	if u, err := d.base.Parse(e.Link); err == nil && d.opts.Base != "" {
		e.Link = u.String()
	}
	b, err := json.Marshal(e)
	if err != nil {
		return nil, fmt.Errorf("watch: encode event %s: %w", e.ID, err)
	}
	return b, nil
}

// Run delivers due items until ctx ends: at once, when Enqueue wakes it,
// when the earliest postponed item comes due, and at least every minute.
// It returns nil when ctx ends.
func (d *Dispatcher) Run(ctx context.Context) error {
	for {
		if _, _, err := d.DeliverDue(ctx); err != nil && ctx.Err() == nil {
			d.opts.Logger.Warn("webhook delivery round failed", "error", err)
		}
		timer := time.NewTimer(idleWake)
		select {
		case <-ctx.Done():
			timer.Stop()
			return nil
		case <-d.wake:
		case <-timer.C:
		}
		timer.Stop()
	}
}

// DeliverDue makes one attempt at every item due at Now: delivered items
// leave the outbox, failed ones are postponed by the backoff. It returns
// the counts; err is set only when the outbox itself failed.
func (d *Dispatcher) DeliverDue(ctx context.Context) (delivered, failed int, err error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for {
		items, err := d.outbox.Due(ctx, d.opts.Now(), dueBatch)
		if err != nil {
			return delivered, failed, fmt.Errorf("watch: outbox: %w", err)
		}
		if len(items) == 0 {
			return delivered, failed, nil
		}
		for _, it := range items {
			if ctx.Err() != nil {
				return delivered, failed, ctx.Err()
			}
			if derr := d.deliver(ctx, it); derr != nil {
				failed++
				next := d.opts.Now().Add(d.backoff(it.Attempts + 1))
				d.opts.Logger.Warn("webhook delivery failed; will retry", "url", it.Target, "event", it.EventID,
					"attempt", it.Attempts+1, "retry_at", next.UTC().Format(time.RFC3339), "error", derr)
				if err := d.outbox.Postpone(ctx, it.Seq, it.Attempts+1, next, derr.Error()); err != nil {
					return delivered, failed, fmt.Errorf("watch: postpone: %w", err)
				}
				continue
			}
			delivered++
			if err := d.outbox.Delivered(ctx, it.Seq); err != nil && !errors.Is(err, store.ErrNotFound) {
				return delivered, failed, fmt.Errorf("watch: delivered: %w", err)
			}
		}
		if len(items) < dueBatch {
			return delivered, failed, nil
		}
	}
}

// backoff is the wait after the n-th failed attempt.
func (d *Dispatcher) backoff(n int) time.Duration {
	w := d.opts.Backoff
	for i := 1; i < n && w < d.opts.MaxBackoff; i++ {
		w *= 2
	}
	return min(w, d.opts.MaxBackoff)
}

// deliver makes one POST; nil means a 2xx answer.
func (d *Dispatcher) deliver(ctx context.Context, it store.OutboxItem) error {
	i := slices.IndexFunc(d.targets, func(t Target) bool { return t.URL == it.Target })
	if i < 0 {
		return errors.New("target no longer in the notify list (kept queued in case it comes back)")
	}
	t := d.targets[i]
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, it.Target, bytes.NewReader(it.Body))
	if err != nil {
		return err
	}
	now := d.opts.Now()
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", defaultUserAgentHook)
	req.Header.Set(HeaderIdempotencyKey, it.EventID)
	req.Header.Set(HeaderTimestamp, strconv.FormatInt(now.Unix(), 10))
	req.Header.Set(HeaderAttempt, strconv.Itoa(it.Attempts+1))
	var kind struct{ Kind string }
	if json.Unmarshal(it.Body, &kind) == nil {
		req.Header.Set(HeaderEvent, kind.Kind)
	}
	if t.secret.IsSet() {
		req.Header.Set(HeaderSignature, Sign([]byte(t.secret.Reveal()), now, it.Body))
	}
	resp, err := d.opts.Client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	msg, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("http %d: %s", resp.StatusCode, bytes.TrimSpace(msg))
	}
	return nil
}
