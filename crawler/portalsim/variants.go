package portalsim

import (
	"fmt"
	"strings"
)

// Shell wraps a host's column in a page that only leads to it.
type Shell int

const (
	// ShellNone: the column URL is the list itself.
	ShellNone Shell = iota
	// ShellFrame: the column URL frames the list (same-origin <iframe>).
	ShellFrame
	// ShellRefresh: the column URL is a <meta http-equiv=refresh> to it.
	ShellRefresh
	// ShellScript: the column URL sets location.href to it.
	ShellScript
)

// shellPath is the column URL of a host with a Shell.
const shellPath = "/zwgk/xxgknb.html"

// shell renders the page at shellPath.
func (h *Host) shell() string {
	target := h.cms.columnPath()
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\" />\n")
	if h.Site.Shell == ShellRefresh {
		fmt.Fprintf(&b, "<meta http-equiv=\"refresh\" content=\"0; url=%s\" />\n", target)
	}
	fmt.Fprintf(&b, "<title>政府信息公开年报 - %s人民政府</title>\n</head>\n<body>\n", esc(h.Site.Region))
	switch h.Site.Shell {
	case ShellFrame:
		fmt.Fprintf(&b, "<div class=\"header\"><a href=\"/\">首页</a></div>\n<iframe src=\"%s\" width=\"100%%\" height=\"1200\" frameborder=\"0\" scrolling=\"no\"></iframe>\n", target)
	case ShellScript:
		fmt.Fprintf(&b, "<script type=\"text/javascript\">window.location.href = \"%s\";</script>\n", target)
	default:
		b.WriteString("<p>页面跳转中……</p>\n")
	}
	b.WriteString("</body>\n</html>\n")
	return b.String()
}

// linkPath is where a column links the item: its page, or for a report
// published only as a PDF the file itself; an absolute URL for an item
// listed at another host (PublishAt).
func (it *item) linkPath() string {
	if it.elsewhere != "" {
		return it.elsewhere + it.path
	}
	if it.pdfOnly {
		return it.attach.path
	}
	return it.path
}

// attachmentAnchor is the paragraph linking an item's attachment.
func attachmentAnchor(a *attachment) string {
	return fmt.Sprintf("<p>附件：<a href=\"%s\" title=\"%s\">%s</a></p>\n", a.path, a.name, a.name)
}

// traditional maps the Simplified characters of the simulator's titles,
// agency names and pagination labels to Traditional ones. It is a stand-in
// for a mirror's converter, enough for the words the simulator writes; the
// crawler reads it with the real conversion (extract/zhconv).
var traditional = strings.NewReplacer(
	"办", "辦", "开", "開", "报", "報", "务", "務", "区", "區", "县", "縣", "财", "財", "卫", "衛",
	"员", "員", "会", "會", "场", "場", "监", "監", "资", "資", "关", "關", "于", "於", "编", "編",
	"图", "圖", "统", "統", "计", "計", "国", "國", "经", "經", "济", "濟", "发", "發", "档", "檔",
	"页", "頁", "云", "雲", "岭", "嶺", "临", "臨", "阳", "陽", "门", "門", "长", "長", "宁", "寧",
	"凤", "鳳", "台", "臺", "泽", "澤", "丰", "豐", "乐", "樂", "远", "遠", "东", "東", "篱", "籬",
	"读", "讀", "后", "後", "数", "數", "据", "據",
)

func toTraditional(s string) string { return traditional.Replace(s) }
