package docfile

// Document is a read document in reading order.
type Document struct {
	Blocks []Block
	// Pages is the number of pages read (PDF, OFD) or sheets (XLSX); 0 when
	// the format has no pages.
	Pages int
	// ImagePages counts pages that carry images but no text: a document
	// whose every page is one has no text layer (a scan).
	ImagePages int
	// Warnings say what was not read and why (page limits, timeouts,
	// damaged parts), in the reader's words.
	Warnings []string
}

// Block is a paragraph or line of text, or a table.
type Block struct {
	Text  string
	Table *Table
	// Image names a page or picture that stands where content would be
	// (a scanned page); Text and Table are empty then.
	Image string
	// Size is the font size of the text in points (0 when unknown); the
	// extractor reads the title from the largest text at the top.
	Size float64
}

// Table is a table with spans expanded: every row has one cell for every
// column it covers, and the copies of a spanned cell share its ID.
type Table struct {
	Rows [][]Cell
}

// Cell is one position of a table.
type Cell struct {
	Text string
	ID   int // equal IDs in one table mean one spanned cell; never 0
}

// HasText reports whether the document has any text at all.
func (d *Document) HasText() bool {
	for _, b := range d.Blocks {
		if b.Text != "" {
			return true
		}
		if b.Table != nil {
			for _, r := range b.Table.Rows {
				for _, c := range r {
					if c.Text != "" {
						return true
					}
				}
			}
		}
	}
	return false
}
