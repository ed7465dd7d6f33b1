package watch

import (
	"fmt"
	"html"
	"net/url"
	"strings"
	"time"

	"github.com/gorilla/feeds"
)

// FeedMeta is what an Atom feed says about itself.
type FeedMeta struct {
	// Self is the feed's own absolute URL (with its query): its atom:id and
	// rel="self" link.
	Self string
	// Base is the absolute URL of the web UI that event links are resolved
	// against (e.g. http://127.0.0.1:8080/).
	Base  string
	Title string
	// Empty is the feed's atom:updated when it has no entries (otherwise it
	// is the newest entry's time, so a feed depends on its events only).
	Empty time.Time
}

// Atom renders events (newest first, as Events returns them with
// Filter.Newest) as an Atom 1.0 feed (RFC 4287): feed id, title, updated,
// author and a self link; per entry an id (a urn:uuid made of the event
// id), title, updated, a link to the web UI page and the event as escaped
// HTML content — what changed, the changed cells old → new and the first
// lines of the text diff.
func Atom(events []Event, m FeedMeta) (string, error) {
	base, err := url.Parse(m.Base)
	if err != nil {
		return "", fmt.Errorf("watch: feed base %q: %w", m.Base, err)
	}
	updated := m.Empty
	if len(events) > 0 {
		updated = events[0].Time
	}
	f := &feeds.AtomFeed{
		Xmlns:   "http://www.w3.org/2005/Atom",
		Title:   m.Title,
		Id:      m.Self,
		Updated: updated.UTC().Format(time.RFC3339),
		Link:    &feeds.AtomLink{Href: m.Self, Rel: "self", Type: "application/atom+xml"},
		Author:  &feeds.AtomAuthor{AtomPerson: feeds.AtomPerson{Name: "nianbao"}},
	}
	for _, e := range events {
		link := e.Link
		if u, err := base.Parse(e.Link); err == nil {
			link = u.String()
		}
		t := e.Time.UTC().Format(time.RFC3339)
		f.Entries = append(f.Entries, &feeds.AtomEntry{
			Title:   e.Summary(),
			Updated: t,
			Id:      "urn:uuid:" + e.ID[0:8] + "-" + e.ID[8:12] + "-" + e.ID[12:16] + "-" + e.ID[16:20] + "-" + e.ID[20:32],
			Links:   []feeds.AtomLink{{Href: link, Rel: "alternate", Type: "text/html"}},
			Content: &feeds.AtomContent{Type: "html", Content: entryHTML(e, link)},
		})
	}
	out, err := feeds.ToXML(f)
	if err != nil {
		return "", fmt.Errorf("watch: feed: %w", err)
	}
	return out, nil
}

// entryHTML is an entry's content before XML escaping.
func entryHTML(e Event, link string) string {
	var b strings.Builder
	esc := html.EscapeString
	fmt.Fprintf(&b, "<p>%s</p>", esc(e.Summary()))
	fmt.Fprintf(&b, "<p>%s · %s · %s</p>", esc(string(e.Kind)), esc(e.Agency), esc(e.Region))
	if len(e.Versions) > 0 {
		fmt.Fprintf(&b, "<p>versions %s</p>", esc(strings.Join(e.Versions, " → ")))
	}
	if len(e.Cells) > 0 {
		b.WriteString("<table><tr><th>cell</th><th>old</th><th>new</th></tr>")
		for _, c := range e.Cells {
			fmt.Fprintf(&b, "<tr><td>%s</td><td>%s</td><td>%s</td></tr>", esc(c.Label), esc(cellText(c.Old)), esc(cellText(c.New)))
		}
		b.WriteString("</table>")
	}
	if len(e.Text) > 0 {
		fmt.Fprintf(&b, "<p>%s</p><pre>%s</pre>", esc(e.TextSummary), esc(strings.Join(e.Text, "\n")))
	}
	fmt.Fprintf(&b, `<p><a href="%s">%s</a></p>`, esc(link), esc(link))
	return b.String()
}
