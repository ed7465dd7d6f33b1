package extract

import (
	"strings"

	"github.com/PuerkitoBio/goquery"
)

// Elements that never hold report text.
const junkSelector = "script, style, noscript, iframe, select, option, button, input, textarea, nav, footer, aside, svg, object, embed, template, head, link, canvas, video, audio"

// parseHTML cleans an HTML page: it reads title candidates and metadata,
// drops furniture, finds the element that holds the report body and turns
// that into blocks.
func parseHTML(text string) (*document, error) {
	gq, err := goquery.NewDocumentFromReader(strings.NewReader(text))
	if err != nil {
		return nil, err
	}
	doc := &document{meta: map[string]string{}}
	readHead(gq, doc)
	gq.Find(junkSelector).Remove()
	removeFurniture(gq, doc)
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
	doc.blocks = groupPipeBlocks(doc.blocks, &wk.nextID)
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
