package webui

import (
	"fmt"
	"strings"
	"testing"
)

// render shows a diff as text: "+ ", "- ", "  " lines, [marks], gaps.
func renderDiff(lines []diffLine) string {
	var b strings.Builder
	for _, l := range lines {
		switch l.Kind {
		case "gap":
			fmt.Fprintf(&b, "~%d\n", l.Skipped)
			continue
		case "ins":
			b.WriteString("+ ")
		case "del":
			b.WriteString("- ")
		default:
			b.WriteString("  ")
		}
		for _, s := range l.Segs {
			if s.Mark {
				b.WriteString("[" + s.Text + "]")
			} else {
				b.WriteString(s.Text)
			}
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func TestLineDiff(t *testing.T) {
	tests := []struct {
		name, old, cur, want string
	}{
		{"identical texts give no diff", "a\nb\n", "a\nb\n", ""},
		{"a changed number is marked within its line", "总体情况\n公开2294条\n结束", "总体情况\n公开2295条\n结束", "  总体情况\n- 公开229[4]条\n+ 公开229[5]条\n  结束\n"},
		{"an added line", "一\n二", "一\n新增\n二", "  一\n+ 新增\n  二\n"},
		{"a removed line", "一\n删去\n二", "一\n二", "  一\n- 删去\n  二\n"},
		{"far unchanged lines become a gap", "1\n2\n3\n4\n5\n6\nx\n7", "1\n2\n3\n4\n5\n6\ny\n7", "~4\n  5\n  6\n- [x]\n+ [y]\n  7\n"},
		{"from nothing", "", "新\n", "+ 新\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := renderDiff(lineDiff(tt.old, tt.cur)); got != tt.want {
				t.Errorf("lineDiff =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}
