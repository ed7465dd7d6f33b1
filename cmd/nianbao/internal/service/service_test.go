package service_test

import (
	"context"
	"errors"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/service"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/testarchive"
	"github.com/nianbao/nianbao/config"
	"github.com/nianbao/nianbao/crawler"
	"github.com/nianbao/nianbao/store"
)

// TestLookups: every lookup of something the archive lacks is
// ErrNotFound with a message saying what, and a report comes with its id
// and source.
func TestLookups(t *testing.T) {
	sd := testarchive.Seed(t)
	svc := testarchive.Service(t, sd.DB)
	ctx := context.Background()
	failed, edited := sd.Versions[3], sd.Versions[2]

	rep, err := svc.Report(ctx, sd.ReportID, "")
	if err != nil {
		t.Fatal(err)
	}
	if rep.ID != sd.ReportID || rep.Source == nil || rep.Source.Version != edited.ID || rep.Source.SHA256 != edited.SHA256 {
		t.Errorf("Report = id %q source %+v; want %s at the latest content version %s", rep.ID, rep.Source, sd.ReportID, edited.ID)
	}
	if text, err := svc.CleanText(ctx, sd.ReportID, sd.Versions[0].ID); err != nil || !strings.Contains(text, "2294条") {
		t.Errorf("CleanText of the first version = %.60q, %v; want its text", text, err)
	}
	if raw, err := svc.Raw(ctx, sd.ReportID, sd.Versions[0].ID); err != nil || string(raw) != string(testarchive.Fixture(t)) {
		t.Errorf("Raw of the first version: %d bytes, %v; want the fetched bytes", len(raw), err)
	}
	for _, tt := range []struct {
		what string
		err  error
		msg  string
	}{
		{"unknown report", func() error { _, err := svc.Report(ctx, "0123456789abcdef", ""); return err }(), "report"},
		{"malformed report id", func() error { _, err := svc.ReportRecord(ctx, "<x>"); return err }(), `report "<x>"`},
		{"unknown version", func() error { _, err := svc.Report(ctx, sd.ReportID, "999"); return err }(), "has no version"},
		{"failed version", func() error { _, err := svc.CleanText(ctx, sd.ReportID, failed.ID); return err }(), "holds no content (failed)"},
		{"raw of a failed version", func() error { _, _, err := svc.RawVersion(ctx, failed.ID); return err }(), "holds no body"},
		{"history of an unknown URL", func() error { _, err := svc.History(ctx, "http://127.0.0.1:1/none"); return err }(), "no archived versions"},
	} {
		if !errors.Is(tt.err, service.ErrNotFound) && !errors.Is(tt.err, store.ErrNotFound) || tt.err == nil || !strings.Contains(tt.err.Error(), tt.msg) {
			t.Errorf("%s: error %v, want not found saying %q", tt.what, tt.err, tt.msg)
		}
	}
	vs, err := svc.History(ctx, sd.URL)
	if err != nil || len(vs) != 4 {
		t.Fatalf("History = %d versions, %v; want 4", len(vs), err)
	}
	var changed []bool
	for _, v := range vs {
		changed = append(changed, service.Changed(v))
	}
	if want := []bool{true, false, true, false}; !slices.Equal(changed, want) {
		t.Errorf("Changed over the history = %v, want %v", changed, want)
	}
}

// TestForcedCharset: the charset a portal forces reaches extraction, both
// when the crawler classifies a page and when the archive is read later.
// The page is GBK under a <meta> that wrongly says big5, so without the
// forced charset its title is unreadable.
func TestForcedCharset(t *testing.T) {
	ctx := context.Background()
	page, err := simplifiedchinese.GBK.NewEncoder().Bytes(
		[]byte(strings.Replace(string(testarchive.Fixture(t)), `charset="utf-8"`, `charset="big5"`, 1)))
	if err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(filepath.Join(t.TempDir(), "a.db"), store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	forced := map[string]string{"gbk-portal": "gbk"}
	svc := service.New(s, testarchive.Extractor(t), service.Options{Charset: func(p string) string { return forced[p] }})
	defer svc.Close()
	for _, portal := range []string{"gbk-portal", "plain-portal"} {
		u := "http://127.0.0.1:1/" + portal + ".html"
		v, err := s.Record(ctx, store.Fetch{Portal: portal, URL: u, FinalURL: u, FetchedAt: time.Now(), Status: 200,
			Header: http.Header{"Content-Type": {"text/html"}}, Body: page})
		if err != nil {
			t.Fatal(err)
		}
		p := crawler.Page{Portal: config.Portal{Name: portal, Agency: "宿迁市人民政府", Charset: forced[portal]}, Version: v, Body: page}
		entry, ok, err := svc.Classifier(testarchive.Discard()).Classify(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		readable := ok && strings.Contains(entry.Title, "政府信息公开工作年度报告")
		if readable != (portal == "gbk-portal") {
			t.Errorf("%s: classified %v with title %q; want a readable report only with the forced charset", portal, ok, entry.Title)
		}
		text, err := svc.CleanTextOf(ctx, store.Report{URL: u}, v)
		if strings.Contains(text, "一、总体情况") != (portal == "gbk-portal") {
			t.Errorf("%s: CleanTextOf = %.80q, %v; want readable text only with the forced charset", portal, text, err)
		}
	}
}
