package crawler

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/nianbao/nianbao/store"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// memArchive is an in-memory Archive with the store's outcome rules: a 2xx
// body new or unchanged by SHA-256, 304 not_modified, 404/410 gone after a
// body, anything with a reason failed.
type memArchive struct {
	mu       sync.Mutex
	versions map[string][]store.Version
	blobs    map[string][]byte
	reports  map[string]store.ReportEntry
	runs     []store.Run
	pending  map[string][]store.FrontierItem
	done     map[string][]string
	saves    int
	n        int
}

func newMemArchive() *memArchive {
	return &memArchive{
		versions: map[string][]store.Version{}, blobs: map[string][]byte{}, reports: map[string]store.ReportEntry{},
		pending: map[string][]store.FrontierItem{}, done: map[string][]string{},
	}
}

func (a *memArchive) Record(_ context.Context, f store.Fetch) (store.Version, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.n++
	v := store.Version{ID: fmt.Sprintf("v%d", a.n), URL: f.URL, FinalURL: f.FinalURL, Portal: f.Portal, FetchedAt: f.FetchedAt, Status: f.Status, Reason: f.Reason}
	if f.Header != nil {
		v.ContentType, v.ETag, v.LastModified = f.Header.Get("Content-Type"), f.Header.Get("ETag"), f.Header.Get("Last-Modified")
	}
	prev := a.inForce(f.URL)
	switch {
	case f.Reason != "":
		v.Outcome = store.OutcomeFailed
	case f.Status == http.StatusNotModified:
		v.Outcome = store.OutcomeNotModified
		if prev != nil {
			v.SHA256, v.ContentType = prev.SHA256, prev.ContentType
		}
	case f.Status >= 200 && f.Status < 300:
		sum := sha256.Sum256(f.Body)
		v.SHA256 = hex.EncodeToString(sum[:])
		v.Size = int64(len(f.Body))
		if prev != nil && prev.SHA256 == v.SHA256 {
			v.Outcome = store.OutcomeUnchanged
		} else {
			v.Outcome = store.OutcomeNew
			a.blobs[v.SHA256] = append([]byte(nil), f.Body...)
		}
	case f.Status == 404 || f.Status == 410:
		v.Outcome = store.OutcomeGone
	default:
		v.Outcome, v.Reason = store.OutcomeFailed, fmt.Sprintf("http_%d", f.Status)
	}
	a.versions[f.URL] = append(a.versions[f.URL], v)
	return v, nil
}

// inForce is the last version with content (new/unchanged), nil after gone.
func (a *memArchive) inForce(u string) *store.Version {
	vs := a.versions[u]
	for i := len(vs) - 1; i >= 0; i-- {
		switch vs[i].Outcome {
		case store.OutcomeNew, store.OutcomeUnchanged, store.OutcomeNotModified:
			return &vs[i]
		case store.OutcomeGone:
			return nil
		}
	}
	return nil
}

func (a *memArchive) Body(_ context.Context, sha string) ([]byte, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	b, ok := a.blobs[sha]
	if !ok {
		return nil, store.ErrNotFound
	}
	return b, nil
}

func (a *memArchive) Validators(_ context.Context, u string) (string, string, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	v := a.inForce(u)
	if v == nil {
		return "", "", store.ErrNotFound
	}
	for i := len(a.versions[u]) - 1; i >= 0; i-- {
		if x := a.versions[u][i]; x.Outcome == store.OutcomeNew || x.Outcome == store.OutcomeUnchanged {
			return x.ETag, x.LastModified, nil
		}
	}
	return "", "", store.ErrNotFound
}

func (a *memArchive) IndexReport(_ context.Context, e store.ReportEntry) (store.Report, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.reports[e.URL] = e
	return store.Report{ID: e.URL, Agency: e.Agency, Year: e.Year, URL: e.URL}, nil
}

func (a *memArchive) StartRun(_ context.Context, portal string) (store.Run, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	r := store.Run{ID: fmt.Sprintf("r%d", len(a.runs)+1), Portal: portal, Start: time.Now()}
	a.runs = append(a.runs, r)
	return r, nil
}

func (a *memArchive) FinishRun(_ context.Context, r store.Run) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	for i := range a.runs {
		if a.runs[i].ID == r.ID {
			a.runs[i] = r
		}
	}
	return nil
}

func (a *memArchive) LastRun(_ context.Context, portal string) (store.Run, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	for i := len(a.runs) - 1; i >= 0; i-- {
		if a.runs[i].Portal == portal {
			return a.runs[i], nil
		}
	}
	return store.Run{}, store.ErrNotFound
}

func (a *memArchive) LastRunEnds(ctx context.Context, portals []string, fn func(string, store.RunEnd)) error {
	for _, p := range portals {
		if r, err := a.LastRun(ctx, p); err == nil {
			fn(p, store.RunEnd{Start: r.Start, End: r.End, Error: r.Error})
		}
	}
	return nil
}

func (a *memArchive) SaveFrontier(_ context.Context, portal string, pending []store.FrontierItem, done []string) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.pending[portal] = append([]store.FrontierItem(nil), pending...)
	a.done[portal] = append([]string(nil), done...)
	a.saves++
	return nil
}

func (a *memArchive) Frontier(_ context.Context, portal string) ([]store.FrontierItem, []string, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]store.FrontierItem(nil), a.pending[portal]...), append([]string(nil), a.done[portal]...), nil
}

func (a *memArchive) ClearFrontier(_ context.Context, portal string) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	delete(a.pending, portal)
	delete(a.done, portal)
	return nil
}

// outcomes lists the outcomes recorded for u, oldest first.
func (a *memArchive) outcomes(u string) []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	var out []string
	for _, v := range a.versions[u] {
		s := string(v.Outcome)
		if v.Reason != "" {
			s += "(" + v.Reason + ")"
		}
		out = append(out, s)
	}
	return out
}

func (a *memArchive) reported() map[string]store.ReportEntry {
	a.mu.Lock()
	defer a.mu.Unlock()
	out := map[string]store.ReportEntry{}
	for k, v := range a.reports {
		out[k] = v
	}
	return out
}

func (a *memArchive) newVersions() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	n := 0
	for _, vs := range a.versions {
		for _, v := range vs {
			if v.Outcome == store.OutcomeNew {
				n++
			}
		}
	}
	return n
}
