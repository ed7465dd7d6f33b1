package watch_test

import (
	"context"
	"encoding/xml"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/atom"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/watch"
)

// feedOf renders the archive's events for filter f as the route does.
func feedOf(tb testing.TB, a watch.Archive, f watch.Filter) string {
	tb.Helper()
	f.Newest = true
	evs, err := watch.Events(context.Background(), a, f, nil)
	if err != nil {
		tb.Fatal(err)
	}
	q := url.Values{}
	if f.Agency != "" {
		q.Set("agency", f.Agency)
	}
	if f.Kind != "" {
		q.Set("kind", string(f.Kind))
	}
	out, err := watch.Atom(evs, watch.FeedMeta{Self: "http://127.0.0.1:8080/feeds/events.atom?" + q.Encode(),
		Base: "http://127.0.0.1:8080/", Title: "nianbao events", Empty: time.Unix(0, 0)})
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

// checkAtom parses a feed with gofeed (as a feed reader would) and checks
// RFC 4287's required elements: atom:feed has id, title, updated and an
// author (or every entry has one); each atom:entry has id, title,
// updated, and content or an alternate link; ids are unique IRIs.
func checkAtom(tb testing.TB, doc string) *atom.Feed {
	tb.Helper()
	generic, err := gofeed.NewParser().ParseString(doc)
	if err != nil {
		tb.Fatalf("gofeed cannot parse the feed: %v\n%s", err, doc)
	}
	if generic.FeedType != "atom" || generic.FeedVersion != "1.0" {
		tb.Errorf("feed type %s %s, want atom 1.0", generic.FeedType, generic.FeedVersion)
	}
	f, err := (&atom.Parser{}).Parse(strings.NewReader(doc))
	if err != nil {
		tb.Fatal(err)
	}
	var root struct {
		XMLName xml.Name
	}
	if err := xml.Unmarshal([]byte(doc), &root); err != nil || root.XMLName.Space != "http://www.w3.org/2005/Atom" || root.XMLName.Local != "feed" {
		tb.Errorf("root element %v (%v), want feed in the Atom namespace", root.XMLName, err)
	}
	if f.ID == "" || f.Title == "" || f.UpdatedParsed == nil {
		tb.Errorf("feed id %q, title %q, updated %q: all are required", f.ID, f.Title, f.Updated)
	}
	if len(f.Authors) == 0 || f.Authors[0].Name == "" {
		tb.Error("feed has no author (required unless every entry has one)")
	}
	self := false
	for _, l := range f.Links {
		self = self || (l.Rel == "self" && l.Href != "")
	}
	if !self {
		tb.Error(`feed has no rel="self" link`)
	}
	ids := map[string]bool{}
	for i, e := range f.Entries {
		if e.ID == "" || e.Title == "" || e.UpdatedParsed == nil {
			tb.Errorf("entry %d: id %q, title %q, updated %q: all are required", i, e.ID, e.Title, e.Updated)
		}
		if u, err := url.Parse(e.ID); err != nil || u.Scheme == "" {
			tb.Errorf("entry %d: id %q is not an absolute IRI", i, e.ID)
		}
		if ids[e.ID] {
			tb.Errorf("entry %d: id %q repeated", i, e.ID)
		}
		ids[e.ID] = true
		alt := false
		for _, l := range e.Links {
			alt = alt || (l.Rel == "alternate" && strings.HasPrefix(l.Href, "http://127.0.0.1:8080/"))
		}
		if !alt || e.Content == nil || e.Content.Type != "html" {
			tb.Errorf("entry %d: alternate link to the UI %v, content %+v; want both, content type html", i, alt, e.Content)
		}
	}
	return f
}

func TestAtomEscapesContent(t *testing.T) {
	ev := watch.Event{ID: fmt.Sprintf("%032x", 7), Kind: watch.KindChanged, Time: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC),
		Agency: "<script>x</script>局", Title: "a & b", Link: "/reports/00/history", Text: []string{"- <b>old</b>", "+ new"}, TextSummary: "1 行删除, 1 行新增"}
	doc, err := watch.Atom([]watch.Event{ev}, watch.FeedMeta{Self: "http://h/feeds/events.atom", Base: "http://h/", Title: "t"})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(doc, "<script>") || strings.Contains(doc, "<b>old") {
		t.Errorf("markup from the archive reached the feed unescaped:\n%s", doc)
	}
	f := checkAtom(t, strings.ReplaceAll(doc, "http://h/", "http://127.0.0.1:8080/"))
	if c := f.Entries[0].Content.Value; !strings.Contains(c, "&lt;b&gt;old&lt;/b&gt;") || !strings.Contains(c, "&lt;script&gt;") {
		t.Errorf("content after one unescaping = %q; want the archive's markup still escaped as HTML text", c)
	}
}
