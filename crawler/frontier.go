package crawler

import (
	"strings"

	"github.com/nianbao/nianbao/store"
)

// Kinds of frontier items.
const (
	KindColumn     = "column"     // a list page of the column (first page or pagination)
	KindReport     = "report"     // a report candidate linked from a list page
	KindAttachment = "attachment" // a file linked from a report page
)

// isListKind reports whether kind is a list request: a column or list
// page, or a list-API request ("api:FAMILY").
func isListKind(kind string) bool { return kind == KindColumn || isAPIKind(kind) }

// postMark joins a POST body to its URL in frontier keys. A fragment is
// never sent, so the key stays a valid URL that names the request.
const postMark = "#nianbao-post:"

// jsonMark is postMark for a JSON body (Content-Type application/json).
const jsonMark = "#nianbao-json:"

// jsonType is the Content-Type of JSON POST bodies.
const jsonType = "application/json;charset=UTF-8"

// item is one request of a run and what led to it.
type item struct {
	url      string
	form     string
	ctype    string // form's Content-Type: "" (url-encoded) or jsonType
	kind     string
	referrer string
	linkText string
	depth    int
	year     int
}

// key identifies the request: the URL, plus the POST body when there is one.
func (it item) key() string {
	switch {
	case it.form == "":
		return it.url
	case it.ctype == jsonType:
		return it.url + jsonMark + it.form
	}
	return it.url + postMark + it.form
}

func (it item) frontier() store.FrontierItem {
	return store.FrontierItem{URL: it.key(), Kind: it.kind, Referrer: it.referrer, LinkText: it.linkText, Depth: it.depth, Year: it.year}
}

func itemFromFrontier(f store.FrontierItem) item {
	u, form, _ := strings.Cut(f.URL, postMark)
	ctype := ""
	if j, body, ok := strings.Cut(u, jsonMark); ok {
		u, form, ctype = j, body, jsonType
	}
	return item{url: u, form: form, ctype: ctype, kind: f.Kind, referrer: f.Referrer, linkText: f.LinkText, depth: f.Depth, year: f.Year}
}
