package extract

import "testing"

// TestIconIsNotATable: a small button image in a section is not the
// section's table drawn as an image; a large image under the heading is.
func TestIconIsNotATable(t *testing.T) {
	x := MustExtractor(t)
	page := func(img string) []byte {
		return []byte(`<html><body><div class="content"><h1>某某县人民政府2020年政府信息公开工作年度报告</h1>
<p>一、总体情况</p><p>2020年，本县主动公开政府信息120条。</p>
<p>二、主动公开政府信息情况</p><p>见下表。</p>
<p>三、收到和处理政府信息公开申请情况</p>` + img + `
<p>四、政府信息公开行政复议、行政诉讼情况</p><p>无。</p>
<p>五、存在的主要问题及改进情况</p><p>无。</p><p>六、其他需要报告的事项</p><p>无。</p></div></body></html>`)
	}
	tests := []struct {
		name, img, want string
	}{
		{"20×20 share button", `<img ignore="1" width="20" height="20" src="/Upload/File/2014/20140425152012664001.png" />`, StatusAbsent},
		{"icon sized by style", `<img style="width:16px;height:16px" src="/a/b.png">`, StatusAbsent},
		{"print button by name", `<img src="/images/print.gif">`, StatusAbsent},
		{"table drawn as an image", `<p><img src="/upload/2021/nb_table3.png" width="600" height="820" alt=""></p>`, StatusImage},
		{"table image without size", `<img src="/upload/2021/W020210127.jpg">`, StatusImage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := x.Extract(Input{Body: page(tt.img), ContentType: "text/html"})
			if err != nil {
				t.Fatal(err)
			}
			if r.TableStatus.Requests != tt.want {
				t.Errorf("table_status.requests = %s, want %s", r.TableStatus.Requests, tt.want)
			}
		})
	}
}
