package crawler

import (
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Metrics are the crawler's Prometheus collectors. A nil *Metrics records
// nothing. Safe for concurrent use.
type Metrics struct {
	fetches  *prometheus.CounterVec
	failures *prometheus.CounterVec
	runs     *prometheus.CounterVec
	reports  *prometheus.CounterVec
	duration prometheus.Histogram
}

// NewMetrics creates the crawler's collectors and registers them with reg
// (nil: not registered, for tests). It panics if reg already holds
// collectors of the same names, like prometheus.MustRegister.
//
//	nianbao_crawler_fetches_total{portal,outcome}   archived fetches by outcome (new, unchanged, not_modified, gone, failed)
//	nianbao_crawler_failures_total{portal,reason}   failed fetches by reason (timeout, reset, too_large, blocked, blocked_address, robots, http_NNN, …)
//	nianbao_crawler_runs_total{portal,result}       finished runs: ok, error, cancelled
//	nianbao_crawler_reports_total{portal}           report pages indexed
//	nianbao_crawler_fetch_duration_seconds          duration of single HTTP attempts
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		fetches: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "nianbao_crawler_fetches_total", Help: "Archived fetches by portal and outcome.",
		}, []string{"portal", "outcome"}),
		failures: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "nianbao_crawler_failures_total", Help: "Failed fetches by portal and reason.",
		}, []string{"portal", "reason"}),
		runs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "nianbao_crawler_runs_total", Help: "Finished portal runs by result (ok, error, cancelled).",
		}, []string{"portal", "result"}),
		reports: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "nianbao_crawler_reports_total", Help: "Report pages indexed, by portal.",
		}, []string{"portal"}),
		duration: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "nianbao_crawler_fetch_duration_seconds",
			Help:    "Duration of single HTTP attempts, headers to last body byte.",
			Buckets: []float64{0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60},
		}),
	}
	if reg != nil {
		reg.MustRegister(m.fetches, m.failures, m.runs, m.reports, m.duration)
	}
	return m
}

func (m *Metrics) observe(d time.Duration) {
	if m != nil {
		m.duration.Observe(d.Seconds())
	}
}

func (m *Metrics) fetched(portal, outcome, reason string) {
	if m == nil {
		return
	}
	m.fetches.WithLabelValues(portal, outcome).Inc()
	if reason != "" {
		if strings.HasPrefix(reason, blockedReasonPrefix) {
			reason = "blocked_address" // one series, whatever the address
		}
		m.failures.WithLabelValues(portal, reason).Inc()
	}
}

func (m *Metrics) ran(portal, result string) {
	if m != nil {
		m.runs.WithLabelValues(portal, result).Inc()
	}
}

func (m *Metrics) indexed(portal string) {
	if m != nil {
		m.reports.WithLabelValues(portal).Inc()
	}
}
