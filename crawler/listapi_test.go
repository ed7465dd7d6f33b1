package crawler

import "testing"

// TestDiscoverListsForcedPagination: a portal whose pagination setting
// forces a family gets no list-API requests, but still follows a shell.
func TestDiscoverListsForcedPagination(t *testing.T) {
	page := mustURL(t, "http://www.example.gov.cn/col/col12/index.html")
	html := `<html><head><meta http-equiv="refresh" content="0; url=/col/col12/list.html"></head><body><script>
var p = {webId: 'w1', pageId: '12', tagId: '信息列表', tplSetId: 't1'};
$.ajax({url: '/api-gateway/jpaas-publish-server/front/page/build/unit', data: {paramJson: '{"pageNo":1,"pageSize":"15"}'}});
</script></body></html>`
	hosts := newHostSet(nil, page)
	for _, tt := range []struct {
		mode string
		want []string
	}{
		{"auto", []string{familyJPaaS, "meta-refresh"}},
		{"", []string{familyJPaaS, "meta-refresh"}},
		{PaginationTRS, []string{"meta-refresh"}},
	} {
		items, fams := discoverLists(tt.mode, page, html, mustDoc(t, html), hosts)
		if len(fams) != len(tt.want) || len(items) != len(fams) {
			t.Errorf("mode %q: families %v, want %v", tt.mode, fams, tt.want)
			continue
		}
		for i := range fams {
			if fams[i] != tt.want[i] {
				t.Errorf("mode %q: families %v, want %v", tt.mode, fams, tt.want)
			}
		}
		if tt.mode == "auto" && items[0].url != "http://www.example.gov.cn/api-gateway/jpaas-publish-server/front/page/build/unit?pageId=12&pageType=column&paramJson=%7B%22pageNo%22%3A1%2C%22pageSize%22%3A15%7D&parseType=bulidstatic&tagId=%E4%BF%A1%E6%81%AF%E5%88%97%E8%A1%A8&tplSetId=t1&webId=w1" {
			t.Errorf("JPaaS request %s", items[0].url)
		}
	}
}
