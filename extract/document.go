package extract

// document is a cleaned page: the blocks of the report body in reading
// order and what the page says about itself (title candidates, metadata
// fields).
type document struct {
	blocks   []block
	titles   []string          // title candidates, best first
	meta     map[string]string // metadata fields (发布时间, 来源, 索引号 …) by canonical key
	links    int               // anchors in the chosen body (list-page detection)
	linkText int               // characters of anchor text in the chosen body
	textLen  int               // characters of text in the chosen body
}

// block is one unit of body content: a line of text, a data table, or an
// image standing where content would be.
type block struct {
	text  string
	table *grid
	image string // alt text or file name of an image block
}

// grid is a table with rowspan and colspan expanded: every row has a cell
// for every column it covers, and copies of a spanned cell share its id.
type grid struct {
	rows   [][]gcell
	images int  // cells that hold only an image
	text   bool // built from copied text (pipe rows or cell-per-line)
}

// gcell is one position of a grid.
type gcell struct {
	text string // white space collapsed, pieces joined without separators
	id   int    // source cell id; equal ids mean one spanned cell
}

// width is the number of columns of the widest row.
func (g *grid) width() int {
	w := 0
	for _, r := range g.rows {
		w = max(w, len(r))
	}
	return w
}

// distinct returns the texts of a row's cells, each source cell once.
func distinct(row []gcell) []string {
	var out []string
	for i, c := range row {
		if i > 0 && row[i-1].id == c.id {
			continue
		}
		out = append(out, c.text)
	}
	return out
}

// allText is the text of every distinct cell, for keyword tests.
func (g *grid) allText() string {
	var b []byte
	seen := map[int]bool{}
	for _, r := range g.rows {
		for _, c := range r {
			if seen[c.id] {
				continue
			}
			seen[c.id] = true
			b = append(b, c.text...)
			b = append(b, ' ')
		}
	}
	return string(b)
}
