package pdf

import (
	"encoding/binary"
	"testing"
)

// FuzzLayout feeds the layout step positions decoded from bytes: per
// record a kind (character or ruling line), a rune and four coordinates.
// Layout must not panic or hang, and every table row (header rows too) must
// be as wide as the table's others, with no zero ids.
func FuzzLayout(f *testing.F) {
	f.Add([]byte("\x00\x4e\x00\x10\x10\x1a\x1c\x01\x00\x00\x0a\x0a\x40\x0b\x01\x00\x00\x0a\x0a\x0b\x40"))
	f.Add([]byte("\x00\x31\x00\x10\x10\x14\x1c\x00\x32\x00\x40\x10\x44\x1c\x00\x33\x00\x80\x10\x84\x1c"))
	// A borderless table with group labels, at half scale.
	var seed []byte
	for _, c := range concat(borderlessRows(20)...) {
		seed = append(seed, 0, byte(c.R>>8), byte(c.R), byte(c.X0/2), byte(c.Y0/2), byte(c.X1/2), byte(c.Y1/2))
	}
	f.Add(seed)
	// A borderless table whose headings wrap over several lines.
	seed = nil
	for _, c := range concat(wrappedHeadRows()...) {
		seed = append(seed, 0, byte(c.R>>8), byte(c.R), byte(c.X0/2), byte(c.Y0/2), byte(c.X1/2), byte(c.Y1/2))
	}
	f.Add(seed)
	f.Fuzz(func(t *testing.T, data []byte) {
		var pages []Page
		p := Page{Width: 255, Height: 255}
		for len(data) >= 7 {
			rec := data[:7]
			data = data[7:]
			x0, y0, x1, y1 := float64(rec[3]), float64(rec[4]), float64(rec[5]), float64(rec[6])
			switch rec[0] % 4 {
			case 0:
				p.Chars = append(p.Chars, Char{R: rune(binary.BigEndian.Uint16(rec[1:3])), X0: x0, Y0: y0, X1: x1, Y1: y1})
			case 1:
				p.Rules = append(p.Rules, Rect{x0, y0, x1, y1})
			case 2:
				p.Images++
			case 3:
				pages = append(pages, p)
				p = Page{Width: 255, Height: 255}
			}
		}
		pages = append(pages, p)
		d := Layout(pages)
		for _, b := range d.Blocks {
			if b.Table == nil {
				continue
			}
			for _, row := range b.Table.Rows {
				if len(row) != len(b.Table.Rows[0]) {
					t.Fatalf("rows of different widths in %+v", b.Table.Rows)
				}
				for _, c := range row {
					if c.ID == 0 {
						t.Fatalf("cell with id 0 in %+v", b.Table.Rows)
					}
				}
			}
		}
	})
}
