package extract

import (
	"path"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// layoutCellLen is the cell length above which a table is taken for page
// layout rather than data.
const layoutCellLen = 150

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
	if !w.in || w.cut || isIcon(n) {
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
		return
	}
	if !w.in || w.cut {
		return
	}
	if isTailLine(text) {
		w.cut = true
		return
	}
	if isJunkLine(text) {
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
