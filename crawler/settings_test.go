package crawler

import (
	"testing"
	"time"

	"github.com/nianbao/nianbao/config"
)

// TestSettingsDefaults: settings a portal leaves unset come from
// config.DefaultCrawl, the one set of defaults; set ones are kept, and
// zero delay and retries stay zero.
func TestSettingsDefaults(t *testing.T) {
	d := config.DefaultCrawl()
	got := settingsFor(config.Portal{Charset: "gbk"})
	if got.userAgent != d.UserAgent || got.parallelism != d.Parallelism || got.timeout != d.Timeout ||
		got.maxPages != d.MaxPages || got.maxBody != d.MaxBody || got.delay != 0 || got.retries != 0 || got.charset != "gbk" {
		t.Errorf("settingsFor(unset) = %+v, want config.DefaultCrawl's %+v with zero delay and retries", got, d)
	}
	set := config.Crawl{UserAgent: "ua/1", Parallelism: 5, Timeout: time.Second, MaxPages: 9, MaxBody: 99, Delay: time.Millisecond, Retries: 2}
	got = settingsFor(config.Portal{Crawl: set})
	if got.userAgent != "ua/1" || got.parallelism != 5 || got.timeout != time.Second || got.maxPages != 9 || got.maxBody != 99 ||
		got.delay != time.Millisecond || got.retries != 2 {
		t.Errorf("settingsFor(set) = %+v, want %+v", got, set)
	}
}
