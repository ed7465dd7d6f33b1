package crawler

import (
	"context"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// gathered returns the value of the counter or histogram count named name
// with the given labels, from reg.
func gathered(t *testing.T, reg *prometheus.Registry, name string, labels map[string]string) float64 {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
	metric:
		for _, m := range mf.GetMetric() {
			for _, lp := range m.GetLabel() {
				if want, ok := labels[lp.GetName()]; ok && want != lp.GetValue() {
					continue metric
				}
			}
			if h := m.GetHistogram(); h != nil {
				return float64(h.GetSampleCount())
			}
			return m.GetCounter().GetValue()
		}
	}
	return 0
}

func TestMetrics(t *testing.T) {
	tp := newTestPortal(t)
	reg := prometheus.NewRegistry()
	m := NewMetrics(reg)
	cr := New(newMemArchive(), &fakeClassifier{}, Options{Metrics: m, RetryBackoff: 10 * time.Millisecond})
	t.Cleanup(cr.Close)
	if _, err := cr.Run(context.Background(), tp.portal()); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		labels map[string]string
		want   float64
	}{
		{"nianbao_crawler_fetches_total", map[string]string{"portal": "testportal", "outcome": "new"}, 8},
		{"nianbao_crawler_fetches_total", map[string]string{"portal": "testportal", "outcome": "failed"}, 1},
		{"nianbao_crawler_failures_total", map[string]string{"portal": "testportal", "reason": "robots"}, 1},
		{"nianbao_crawler_runs_total", map[string]string{"portal": "testportal", "result": "ok"}, 1},
		{"nianbao_crawler_reports_total", map[string]string{"portal": "testportal"}, 3},
		{"nianbao_crawler_fetch_duration_seconds", nil, 8},
	}
	for _, tt := range tests {
		if got := gathered(t, reg, tt.name, tt.labels); got != tt.want {
			t.Errorf("%s%v = %v, want %v", tt.name, tt.labels, got, tt.want)
		}
	}
	var nilMetrics *Metrics
	nilMetrics.fetched("p", "new", "") // a nil *Metrics records nothing and does not panic
}
