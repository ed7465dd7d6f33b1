package webui

import (
	"net/http"
	"regexp"
)

// The error pages speak Chinese: each error the pages return is matched by
// its (English, API) wording and said again in Chinese with the value the
// reader typed; an error none matches gets its status's general sentence.
// The English wording stays on the page, folded, for a bug report.

// errorZh is one known error: its wording and the Chinese ($1… are the
// pattern's groups, already HTML-escaped by the template).
type errorZh struct {
	re *regexp.Regexp
	zh string
}

var errorsZh = []errorZh{
	{regexp.MustCompile(`report id prefix "([^"]*)" is ambiguous: it matches (.*)$`), "编号前缀“$1”对应多份报告：$2。请多输入几位。"},
	{regexp.MustCompile(`year "([^"]*)"`), "年度“$1”无效：请填写年份，如 2021。"},
	{regexp.MustCompile(`limit "([^"]*)"`), "每页数量“$1”无效：须为 1 到 500。"},
	{regexp.MustCompile(`cursor`), "翻页参数无效，请从第一页重新开始。"},
	{regexp.MustCompile(`report (\S+) has no version "([^"]*)"`), "这份报告没有版本“$2”。"},
	{regexp.MustCompile(`version (\S+) of report (\S+) holds no content \((\w+)\)`), "版本 $1 没有内容（该次抓取$3）。"},
	{regexp.MustCompile(`report (\S+) has no archived content`), "这份报告还没有存档的内容。"},
	{regexp.MustCompile(`report "([^"]*)"`), "档案中没有编号为“$1”的报告。"},
	{regexp.MustCompile(`missing url parameter`), "缺少 url 参数：请给出要查看历史的网址。"},
	{regexp.MustCompile(`no archived versions of (.*)$`), "档案中没有网址 $1 的任何版本。"},
	{regexp.MustCompile(`before[^:]*: .*not a changed version|not a changed version`), "before 参数须是内容有变化的版本。"},
	{regexp.MustCompile(`no page (.*)$`), "没有页面 $1。"},
	{regexp.MustCompile(`method (\S+) not allowed`), "网页界面不接受 $1 请求，只接受 GET 和 HEAD。"},
}

// errorMessageZh says err's message in Chinese.
func errorMessageZh(status int, msg string) string {
	for _, e := range errorsZh {
		if m := e.re.FindStringSubmatchIndex(msg); m != nil {
			return string(e.re.ExpandString(nil, e.zh, msg, m))
		}
	}
	return messageZh(status)
}

// statusTitleZh names an HTTP status in Chinese.
func statusTitleZh(status int) string {
	switch status {
	case http.StatusBadRequest:
		return "请求有误"
	case http.StatusNotFound:
		return "未找到"
	case http.StatusMethodNotAllowed:
		return "不支持此请求方法"
	case http.StatusUnprocessableEntity:
		return "无法处理此文档"
	case http.StatusNotImplemented:
		return "尚未支持"
	case http.StatusServiceUnavailable:
		return "服务暂不可用"
	}
	return "内部错误"
}

// messageZh says what a status means for the reader of the UI.
func messageZh(status int) string {
	switch status {
	case http.StatusBadRequest:
		return "链接中的参数无效，请检查后重试。"
	case http.StatusNotFound:
		return "档案中没有这个页面、报告或版本。"
	case http.StatusMethodNotAllowed:
		return "网页界面只接受 GET 和 HEAD 请求。"
	case http.StatusUnprocessableEntity:
		return "这个版本的内容无法读成文本（例如是 PDF 或空文件）；原始字节仍可下载。"
	case http.StatusNotImplemented:
		return "此功能在当前配置下不可用。"
	case http.StatusServiceUnavailable:
		return "请求未能完成（超时或已取消），请稍后重试。"
	}
	return "服务器出错，已记入日志。"
}
