package watch

import "github.com/nianbao/nianbao/extract"

// cellText shows one side of a changed cell: its value, 空 for a blank
// cell, — when the table is absent on that side.
func cellText(c *extract.Cell) string {
	switch {
	case c == nil:
		return "—"
	case c.Blank:
		return "空"
	}
	return c.Text
}
