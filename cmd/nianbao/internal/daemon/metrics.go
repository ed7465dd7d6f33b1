package daemon

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/service"
	"github.com/nianbao/nianbao/config"
	"github.com/nianbao/nianbao/store"
)

// archiveCollector exports the archive's size and what deduplication saved,
// read from store.Stats at scrape time, and the end of the last successful
// run of each configured portal, read from the run records.
type archiveCollector struct {
	svc     *service.Service
	portals func() []config.Portal
	log     *slog.Logger

	size, raw, stored, saved, versions, blobs *prometheus.Desc
	lastSuccess                               *prometheus.Desc

	mu   sync.Mutex
	seen map[string]time.Time // last successful run end per portal, as far as scrapes saw
}

func newArchiveCollector(svc *service.Service, portals func() []config.Portal, log *slog.Logger) *archiveCollector {
	d := func(name, help string, labels ...string) *prometheus.Desc {
		return prometheus.NewDesc("nianbao_"+name, help, labels, nil)
	}
	return &archiveCollector{
		svc: svc, portals: portals, log: log,
		size:        d("archive_size_bytes", "Size of the archive file."),
		raw:         d("archive_raw_bytes", "Bytes of all bodies as fetched, before deduplication and compression."),
		stored:      d("archive_stored_bytes", "Bytes of stored (deduplicated, compressed) bodies."),
		saved:       d("archive_dedup_saved_bytes", "Bytes not stored again because an identical body was already archived."),
		versions:    d("archive_versions", "Versions (fetch records) in the archive."),
		blobs:       d("archive_blobs", "Distinct bodies in the archive."),
		lastSuccess: d("portal_last_success_timestamp_seconds", "End of the last crawl run of the portal that finished without error.", "portal"),
		seen:        make(map[string]time.Time),
	}
}

// Describe implements prometheus.Collector.
func (c *archiveCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.size, c.raw, c.stored, c.saved, c.versions, c.blobs, c.lastSuccess} {
		ch <- d
	}
}

// Collect implements prometheus.Collector.
func (c *archiveCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	st, err := c.svc.Stats(ctx)
	if err != nil {
		c.log.Warn("metrics: archive stats", "error", err)
	} else {
		g := func(d *prometheus.Desc, v int64) {
			ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, float64(v))
		}
		g(c.size, st.FileSize)
		g(c.raw, st.RawBytes)
		g(c.stored, st.StoredBytes)
		g(c.saved, st.DedupSavedBytes)
		g(c.versions, st.Versions)
		g(c.blobs, st.Blobs)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	portals := c.portals()
	names := make([]string, len(portals))
	for i, p := range portals {
		names[i] = p.Name
	}
	err = c.svc.LastRunEnds(ctx, names, func(portal string, run store.RunEnd) {
		if run.Error == "" && !run.End.IsZero() && run.End.After(c.seen[portal]) {
			c.seen[portal] = run.End
		}
	})
	if err != nil {
		c.log.Warn("metrics: last runs", "error", err)
		return
	}
	for _, name := range names {
		if t, ok := c.seen[name]; ok {
			ch <- prometheus.MustNewConstMetric(c.lastSuccess, prometheus.GaugeValue, float64(t.UnixNano())/1e9, name)
		}
	}
}
