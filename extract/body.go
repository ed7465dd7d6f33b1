package extract

import (
	"strings"
	"unicode"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// descentShare is the share of its parent's text a child must hold for the
// body search to descend into it.
const descentShare = 0.5

// furnitureTokens are class or id words of page furniture containers.
var furnitureTokens = map[string]bool{
	"footer": true, "foot": true, "nav": true, "navbar": true, "menu": true, "header": true, "sitemap": true,
	"breadcrumb": true, "crumb": true, "crumbs": true, "share": true, "copyright": true, "topbar": true,
	"sidebar": true, "qrcode": true, "qcode": true, "toolbar": true, "bottom": true, "friendlink": true,
}

// removeFurniture drops containers whose class or id names page furniture
// (footer, nav, share …), unless they hold a body container or a keyword
// table: a misnamed wrapper must not take the report with it. Metadata
// lines in the dropped containers (发布时间 in a page header) are read
// first. Work is linear: the protected nodes' ancestors are marked once.
func removeFurniture(gq *goquery.Document, doc *document) {
	keep := map[*html.Node]bool{}
	mark := func(n *html.Node) {
		for ; n != nil && !keep[n]; n = n.Parent {
			keep[n] = true
		}
	}
	gq.Find(contentSelector).Each(func(_ int, s *goquery.Selection) { mark(s.Nodes[0]) })
	gq.Find("table").Each(func(_ int, s *goquery.Selection) {
		if isKeywordTable(s.Nodes[0]) {
			mark(s.Nodes[0])
		}
	})
	var drop []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if !keep[c] && isFurniture(attr(c, "class")+" "+attr(c, "id")) {
				drop = append(drop, c)
				continue
			}
			walk(c)
		}
	}
	for _, n := range gq.Nodes {
		walk(n)
	}
	meta := &walker{doc: doc}
	for _, n := range drop {
		meta.node(n)
		meta.flush()
		n.Parent.RemoveChild(n)
	}
}

// attr returns the value of an attribute, or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// isFurniture splits class and id values into words (main-nav-box →
// main, nav, box) and looks them up.
func isFurniture(attrs string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(attrs), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}) {
		if furnitureTokens[w] {
			return true
		}
	}
	return false
}

// weights holds, per node, its text weight (letters and digits outside
// links) and the number of data-looking tables inside it.
type weights struct {
	text   map[*html.Node]int
	tables map[*html.Node]int
}

func newWeights() *weights {
	return &weights{text: map[*html.Node]int{}, tables: map[*html.Node]int{}}
}

func (w *weights) measure(n *html.Node) (text, tables int) {
	switch n.Type {
	case html.TextNode:
		for _, r := range n.Data {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				text++
			}
		}
		return text, 0
	case html.ElementNode, html.DocumentNode:
	default:
		return 0, 0
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		t, k := w.measure(c)
		text += t
		tables += k
	}
	if n.DataAtom == atom.A {
		text = 0
	}
	if n.DataAtom == atom.Table && isKeywordTable(n) {
		tables++
	}
	w.text[n], w.tables[n] = text, tables
	return text, tables
}

// isKeywordTable reports a table whose text names a template or statistics
// table; the body search never leaves one behind.
func isKeywordTable(n *html.Node) bool {
	t := nodeText(n)
	return containsAny(t, "信息内容", "自然人", "行政复议", "指标名称", "指標名稱", "申请人", "申請人", "第二十条", "第二十條")
}

// descend walks from root into the child that holds most of the text, as
// long as it holds at least descentShare of it and all keyword tables.
func (w *weights) descend(root *html.Node) *html.Node {
	n := root
	for {
		var best *html.Node
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && (best == nil || w.text[c] > w.text[best]) {
				best = c
			}
		}
		if best == nil || float64(w.text[best]) < descentShare*float64(w.text[n]) || w.tables[best] < w.tables[n] {
			return n
		}
		if best.DataAtom == atom.Table && isKeywordTable(best) {
			return n
		}
		n = best
	}
}

// contentSelector names the body containers of common government CMSs
// (TRS, Hanweb, UCAP and others).
const contentSelector = ".TRS_Editor, .trs_editor_view, #zoom, .article-body, .article_content, .article-content, ucapcontent, #UCAP-CONTENT, .pages_content, .zw, #content, .content, article"

// minSelectorShare is the share of the descent's result a known body
// container must hold to be preferred.
const minSelectorShare = 0.25

// refine narrows the descent's result to a known body container inside it
// when that container holds a fair share of its text and every keyword
// table: pages whose menus outweigh a short article stop the descent early.
func (w *weights) refine(root *goquery.Selection, n *html.Node) *html.Node {
	best := n
	bestText := 0
	root.Find(contentSelector).Each(func(_ int, s *goquery.Selection) {
		c := s.Nodes[0]
		if c == n || !contains(n, c) || w.tables[c] < w.tables[n] {
			return
		}
		if t := w.text[c]; t > bestText && float64(t) >= minSelectorShare*float64(w.text[n]) {
			best, bestText = c, t
		}
	})
	return best
}

// contains reports whether c is n or lies under n.
func contains(n, c *html.Node) bool {
	for ; c != nil; c = c.Parent {
		if c == n {
			return true
		}
	}
	return false
}

// nodeText is the raw text under n.
func nodeText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}
