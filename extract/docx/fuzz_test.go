package docx

import (
	"bytes"
	"testing"
)

// FuzzReadXML: any document.xml reads without panicking or hanging, and
// every table cell has an id.
func FuzzReadXML(f *testing.F) {
	f.Add([]byte(`<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p></w:body></w:document>`))
	f.Add([]byte(`<w:document xmlns:w="w"><w:body><w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="3"/><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc></w:tr>` +
		`<w:tr><w:tc><w:tcPr><w:gridSpan w:val="3"/><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl></w:body></w:document>`))
	f.Add([]byte(`<w:document><w:body><w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="999999"/>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := ReadXML(bytes.NewReader(data))
		if err != nil {
			return
		}
		for _, b := range d.Blocks {
			if b.Table == nil {
				continue
			}
			for _, row := range b.Table.Rows {
				if len(row) > maxCols {
					t.Fatalf("row of %d cells", len(row))
				}
				for _, c := range row {
					if c.ID == 0 {
						t.Fatalf("cell without id: %+v", b.Table.Rows)
					}
				}
			}
		}
	})
}
