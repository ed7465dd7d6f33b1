package extract

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestWarningZh(t *testing.T) {
	tests := []struct{ in, want string }{
		{"title not found", "未找到标题"},
		{"table requests: row （三）2 not found; its cells are null", "表三：未找到“（三）2”行，其各格按空白处理"},
		{`table requests: row "合计（一）至（六）" not recognised, values ignored`, "表三：无法识别“合计（一）至（六）”行，其数值已忽略"},
		{"table active: row licensing has 2 cells for 3 columns; they do not line up and are null", "表二：“行政许可”行有 2 格，而栏目有 3 个，无法对齐，按空白处理"},
		{"table reviews is an image; its numbers are not extracted", "表四（复议诉讼）是图片，其中的数字未能抽取"},
		{"year: title says 2020, statistics period says 2019; the title is kept", "年度：标题为 2020 年，统计期间为 2019 年；采用标题的年度"},
		{"Traditional copy on www.example.tw: a mirror; check agency and dates against the original", "www.example.tw 上的繁体副本：疑为镜像站，请与原网站核对机关和日期"},
		{"table reviews: drawn as separate tables; group review, litigation_direct not found, its cells are null", "表四：分成几张表绘制，未找到“行政复议、行政诉讼 未经复议直接起诉”，其各格按空白处理"},
		{"document not read: unsupported document format: PDF not read: pdf: damaged", "文档未能读取：不支持或已损坏的文档：PDF 未能读取（pdf: damaged）"},
		{"no text layer (scanned document): no annual-report title, sections or tables", "没有文字层（扫描件）：没有年报标题、章节或表格"},
		{"list page: 40 links, no report body", "列表页：40 个链接，没有报告正文"},
		{"a warning nobody catalogued", "a warning nobody catalogued"},
	}
	for _, tt := range tests {
		if got := WarningZh(tt.in); got != tt.want {
			t.Errorf("WarningZh(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestEveryWarningHasChinese reads the package's source for the warnings
// it writes — the constant parts of warnf formats and of strings appended
// to a warnings list — and fails for any the catalogue cannot match, so a
// new warning cannot reach the web UI in English.
func TestEveryWarningHasChinese(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	fset := token.NewFileSet()
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") || file == "warnings_zh.go" {
			continue
		}
		f, err := parser.ParseFile(fset, file, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if ret, ok := n.(*ast.ReturnStmt); ok && len(ret.Results) == 2 { // isReportVerdict: false, "why"
				if id, ok := ret.Results[0].(*ast.Ident); ok && id.Name == "false" {
					if s := formatOf(ret.Results[1]); s != "" {
						found = append(found, s)
					}
				}
			}
			if ret, ok := n.(*ast.ReturnStmt); ok { // detectTemplate returns its warnings as []string{…}
				for _, res := range ret.Results {
					if lit, ok := res.(*ast.CompositeLit); ok {
						for _, el := range lit.Elts {
							if s := formatOf(el); s != "" {
								found = append(found, s)
							}
						}
					}
				}
			}
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			switch fn := call.Fun.(type) {
			case *ast.SelectorExpr:
				if fn.Sel.Name == "warnf" {
					found = append(found, formatOf(call.Args[0]))
				}
			case *ast.Ident:
				if fn.Name == "append" && len(call.Args) > 1 && mentionsWarn(call.Args[0]) {
					for _, a := range call.Args[1:] {
						if s := formatOf(a); s != "" {
							found = append(found, s)
						}
					}
				}
			}
			return true
		})
	}
	t.Logf("%d warning wordings found", len(found))
	if len(found) < 20 {
		t.Fatalf("found %d warning wordings in the source, want at least 20: the scan is broken", len(found))
	}
	for _, format := range found {
		sample := strings.NewReplacer("%s", "x", "%d", "7", "%q", `"x"`).Replace(format)
		if WarningZh(sample) == sample {
			t.Errorf("warning %q has no Chinese wording in warningCatalogue", format)
		}
	}
}

// mentionsWarn tells an expression naming a warnings list.
func mentionsWarn(e ast.Expr) bool {
	var b strings.Builder
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			b.WriteString(id.Name + ".")
		}
		return true
	})
	s := strings.ToLower(b.String())
	return strings.Contains(s, "warn") || s == "out."
}

// formatOf renders a string expression as a format: literals as they are,
// fmt.Sprintf's format, concatenations with %s for the variable parts; ""
// when the expression is not a string at all.
func formatOf(e ast.Expr) string {
	switch v := e.(type) {
	case *ast.BasicLit:
		if v.Kind == token.STRING {
			s, _ := strconv.Unquote(v.Value)
			return s
		}
	case *ast.BinaryExpr:
		if v.Op == token.ADD {
			l, r := formatOf(v.X), formatOf(v.Y)
			if l == "" {
				l = "%s"
			}
			if r == "" {
				r = "%s"
			}
			return l + r
		}
	case *ast.CallExpr:
		if sel, ok := v.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Sprintf" && len(v.Args) > 0 {
			return formatOf(v.Args[0])
		}
	}
	return ""
}

// FuzzWarningZh: any text comes back without a panic, unchanged when no
// wording of the catalogue matches it.
func FuzzWarningZh(f *testing.F) {
	for _, e := range warningCatalogue {
		f.Add(strings.NewReplacer("%s", "x", "%d", "7", "%q", `"x"`).Replace(e[0]))
	}
	f.Add("document not read: document not read: title not found")
	f.Fuzz(func(t *testing.T, w string) {
		got := WarningZh(w)
		for _, r := range warningRules {
			if r.re.MatchString(w) {
				return
			}
		}
		if got != w {
			t.Fatalf("WarningZh(%q) = %q, want it unchanged", w, got)
		}
	})
}
