package extract

import (
	"path"
	"strings"
	"unicode"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Elements that never hold report text.
const junkSelector = "script, style, noscript, iframe, select, option, button, input, textarea, nav, footer, aside, svg, object, embed, template, head, link, canvas, video, audio"

// descentShare is the share of its parent's text a child must hold for the
// body search to descend into it.
const descentShare = 0.5

// layoutCellLen is the cell length above which a table is taken for page
// layout rather than data.
const layoutCellLen = 150

// parseHTML cleans an HTML page: it reads title candidates and metadata,
// drops furniture, finds the element that holds the report body and turns
// that into blocks.
func parseHTML(text string) (*document, error) {
	gq, err := goquery.NewDocumentFromReader(strings.NewReader(text))
	if err != nil {
		return nil, err
	}
	doc := &document{meta: map[string]string{}, html: true}
	readHead(gq, doc)
	gq.Find(junkSelector).Remove()
	removeFurniture(gq)
	root := gq.Find("body").First()
	if root.Length() == 0 {
		root = gq.Selection
	}
	if root.Length() == 0 || len(root.Nodes) == 0 {
		return doc, nil
	}
	w := newWeights()
	w.measure(root.Nodes[0])
	content := w.refine(root, w.descend(root.Nodes[0]))
	wk := &walker{doc: doc, content: content}
	wk.node(root.Nodes[0])
	wk.flush()
	return doc, nil
}

// readHead collects title candidates and <meta> metadata before the head is
// removed.
func readHead(gq *goquery.Document, doc *document) {
	add := func(s string) {
		s = joinCJK(collapseSpace(s))
		if s != "" {
			doc.titles = append(doc.titles, s)
		}
	}
	gq.Find("meta").Each(func(_ int, s *goquery.Selection) {
		name := strings.ToLower(s.AttrOr("name", s.AttrOr("property", "")))
		v := strings.TrimSpace(s.AttrOr("content", ""))
		if v == "" {
			return
		}
		switch name {
		case "articletitle", "og:title":
			add(v)
		case "pubdate", "publishdate", "firstpublishedtime", "article:published_time":
			mergeMeta(doc.meta, map[string]string{"发布时间": v})
		case "contentsource", "source":
			mergeMeta(doc.meta, map[string]string{"来源": v})
		case "author":
			mergeMeta(doc.meta, map[string]string{"作者": v})
		}
	})
	gq.Find("h1, ucaptitle, .title, .article-title, .article_title, #title, .xxgk_title, .con_title").Each(func(_ int, s *goquery.Selection) {
		if s.Find("h1, div, p, table").Length() == 0 {
			add(s.Text())
		}
	})
	gq.Find("title").Each(func(_ int, s *goquery.Selection) {
		t := collapseSpace(s.Text())
		for _, part := range splitTitle(t) {
			add(part)
		}
	})
	gq.Find("publishtime").Each(func(_ int, s *goquery.Selection) {
		mergeMeta(doc.meta, map[string]string{"发布时间": collapseSpace(s.Text())})
	})
}

// furnitureTokens are class or id words of page furniture containers.
var furnitureTokens = map[string]bool{
	"footer": true, "foot": true, "nav": true, "navbar": true, "menu": true, "header": true, "sitemap": true,
	"breadcrumb": true, "crumb": true, "crumbs": true, "share": true, "copyright": true, "topbar": true,
	"sidebar": true, "qrcode": true, "qcode": true, "toolbar": true, "bottom": true, "friendlink": true,
}

// removeFurniture drops containers whose class or id names page furniture
// (footer, nav, share …), unless they hold a body container or a keyword
// table: a misnamed wrapper must not take the report with it.
func removeFurniture(gq *goquery.Document) {
	gq.Find("[class], [id]").Each(func(_ int, s *goquery.Selection) {
		if !isFurniture(s.AttrOr("class", "") + " " + s.AttrOr("id", "")) {
			return
		}
		if s.Find(contentSelector).Length() > 0 || s.Is(contentSelector) {
			return
		}
		keep := false
		s.Find("table").EachWithBreak(func(_ int, t *goquery.Selection) bool {
			keep = isKeywordTable(t.Nodes[0])
			return !keep
		})
		if !keep {
			s.Remove()
		}
	})
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

// splitTitle splits a <title> at the separators sites put between the page
// title and the site name, longest part first.
func splitTitle(t string) []string {
	parts := strings.FieldsFunc(t, func(r rune) bool { return r == '_' || r == '|' || r == '-' || r == '－' || r == '—' })
	if len(parts) <= 1 {
		return []string{t}
	}
	best := 0
	for i, p := range parts {
		if runeLen(p) > runeLen(parts[best]) {
			best = i
		}
	}
	return append([]string{strings.TrimSpace(parts[best])}, t)
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

// walker turns the DOM into lines and grids. Lines outside the content node
// are read for metadata only.
type walker struct {
	doc     *document
	content *html.Node
	in      bool
	cut     bool // a mirror's tail junk began
	line    strings.Builder
	nextID  int
}

func (w *walker) node(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.line.WriteString(n.Data)
		if w.in {
			w.doc.textLen += runeLen(strings.TrimSpace(n.Data))
		}
		return
	case html.ElementNode, html.DocumentNode:
	default:
		return
	}
	if n == w.content {
		w.flush()
		w.in = true
		defer func() { w.flush(); w.in = false }()
	}
	switch n.DataAtom {
	case atom.Br:
		w.flush()
		return
	case atom.Img:
		w.image(n)
		return
	case atom.A:
		if w.in {
			w.doc.links++
			w.doc.linkText += runeLen(strings.TrimSpace(nodeText(n)))
		}
	case atom.Table:
		if !hasNestedTable(n) {
			w.flush()
			g := buildGrid(n, &w.nextID)
			if !isLayoutGrid(g) {
				w.table(g)
				return
			}
		}
	}
	block := isBlockElement(n)
	if block {
		w.flush()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.node(c)
	}
	if block {
		w.flush()
	}
}

func (w *walker) image(n *html.Node) {
	if !w.in || w.cut {
		return
	}
	name := ""
	for _, a := range n.Attr {
		switch a.Key {
		case "alt", "title":
			if name == "" {
				name = strings.TrimSpace(a.Val)
			}
		case "src":
			if name == "" {
				name = path.Base(a.Val)
			}
		}
	}
	w.flush()
	w.doc.blocks = append(w.doc.blocks, block{image: collapseSpace(name + " ")})
}

func (w *walker) table(g *grid) {
	if fields, ok := metaFromGrid(g); ok && !isDataGrid(g) {
		mergeMeta(w.doc.meta, fields)
		return
	}
	if !w.in || w.cut {
		return
	}
	w.doc.blocks = append(w.doc.blocks, block{table: g})
}

// flush ends the current line and files it: metadata, furniture, a mirror's
// tail, or body text.
func (w *walker) flush() {
	raw := w.line.String()
	w.line.Reset()
	text := joinCJK(collapseSpace(raw))
	if text == "" {
		return
	}
	if fields, ok := parseMetaLine(text); ok {
		mergeMeta(w.doc.meta, fields)
		if w.in {
			w.doc.dropped++
		}
		return
	}
	if !w.in || w.cut {
		return
	}
	if isTailLine(text) {
		w.cut = true
		w.doc.dropped++
		return
	}
	if isJunkLine(text) {
		w.doc.dropped++
		return
	}
	w.doc.blocks = append(w.doc.blocks, block{text: text})
}

func hasNestedTable(table *html.Node) bool {
	var found bool
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && !found; c = c.NextSibling {
			if c.Type == html.ElementNode && c.DataAtom == atom.Table {
				found = true
				return
			}
			walk(c)
		}
	}
	walk(table)
	return found
}

// isLayoutGrid reports a table used to lay out a page: it has a cell with
// running prose.
func isLayoutGrid(g *grid) bool {
	for _, r := range g.rows {
		for _, c := range r {
			if runeLen(c.text) > layoutCellLen {
				return true
			}
		}
	}
	return false
}

func isBlockElement(n *html.Node) bool {
	switch n.DataAtom {
	case atom.P, atom.Div, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Li, atom.Ul, atom.Ol,
		atom.Dl, atom.Dt, atom.Dd, atom.Section, atom.Article, atom.Main, atom.Header, atom.Footer,
		atom.Blockquote, atom.Pre, atom.Tr, atom.Td, atom.Th, atom.Table, atom.Form, atom.Center,
		atom.Address, atom.Figure, atom.Figcaption, atom.Hr, atom.Body, atom.Caption:
		return true
	}
	return n.Type == html.ElementNode && n.DataAtom == 0 // custom tags such as <ucapcontent>
}
