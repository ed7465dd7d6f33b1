package ofd

import (
	"archive/zip"
	"bytes"
	"testing"
)

// ofdWith packs a one-page OFD whose page content is page.
func ofdWith(tb testing.TB, page []byte) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for name, data := range map[string][]byte{
		"OFD.xml":                        []byte(`<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`),
		"Doc_0/Document.xml":             []byte(`<ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>`),
		"Doc_0/Pages/Page_0/Content.xml": page,
	} {
		w, err := zw.Create(name)
		if err != nil {
			tb.Fatal(err)
		}
		w.Write(data)
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

const samplePage = `<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer ID="0">
<ofd:TextObject ID="2" Boundary="20 20 60 5" Size="4"><ofd:TextCode X="0" Y="4" DeltaX="g 5 4">一、总体情况</ofd:TextCode></ofd:TextObject>
<ofd:PageBlock><ofd:TextObject ID="3" Boundary="20 30 120 5" Size="4"><ofd:TextCode X="0" Y="4" DeltaX="4 4 4 4 g 3 4">二、主动公开情况</ofd:TextCode></ofd:TextObject></ofd:PageBlock>
</ofd:Layer></ofd:Content></ofd:Page>`

func TestReadOrder(t *testing.T) {
	d, err := Read(ofdWith(t, []byte(samplePage)))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Blocks) != 2 || d.Blocks[0].Text != "一、总体情况" || d.Blocks[1].Text != "二、主动公开情况" {
		t.Errorf("blocks = %+v", d.Blocks)
	}
}

// FuzzReadOFD: any page content reads without panicking or hanging.
func FuzzReadOFD(f *testing.F) {
	f.Add([]byte(samplePage))
	f.Add([]byte(`<ofd:Page><ofd:Content><ofd:Layer><ofd:TextObject Boundary="0 0 1 1" Size="0"><ofd:TextCode DeltaX="g 99999999 1">长</ofd:TextCode></ofd:TextObject><ofd:PathObject Boundary="0 0 100 0.1"/></ofd:Layer></ofd:Content></ofd:Page>`))
	f.Fuzz(func(t *testing.T, page []byte) {
		if _, err := Read(ofdWith(t, page)); err != nil {
			return
		}
	})
}
