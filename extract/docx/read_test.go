package docx

import (
	"strings"
	"testing"
)

func TestReadXMLMerges(t *testing.T) {
	const doc = `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:pPr><w:rPr><w:sz w:val="44"/></w:rPr></w:pPr><w:r><w:rPr><w:sz w:val="44"/></w:rPr><w:t>某县2023年</w:t></w:r><w:r><w:t>年度报告</w:t></w:r></w:p>
<w:tbl>
<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>三、本年度</w:t></w:r></w:p><w:p><w:r><w:t>办理结果</w:t></w:r></w:p></w:tc>
     <w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>（一）予以公开</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>7</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>（三）</w:t></w:r><w:r><w:tab/><w:t>不予公开</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>1.国家秘密</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>0</w:t></w:r></w:p></w:tc></w:tr>
</w:tbl></w:body></w:document>`
	d, err := ReadXML(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Blocks) != 2 || d.Blocks[0].Text != "某县2023年年度报告" || d.Blocks[0].Size != 22 {
		t.Fatalf("blocks %+v", d.Blocks)
	}
	rows := d.Blocks[1].Table.Rows
	var got []string
	for _, r := range rows {
		var cells []string
		for _, c := range r {
			cells = append(cells, c.Text)
		}
		got = append(got, strings.Join(cells, "|"))
	}
	want := []string{"三、本年度 办理结果|（一）予以公开|（一）予以公开|7", "三、本年度 办理结果|（三） 不予公开|1.国家秘密|0"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if rows[0][0].ID != rows[1][0].ID || rows[0][1].ID != rows[0][2].ID || rows[0][1].ID == rows[1][1].ID {
		t.Errorf("span ids wrong: %+v", rows)
	}
}
