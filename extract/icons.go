package extract

import (
	"path"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/net/html"
)

// A table drawn as an image is a large picture standing where the table
// should be; pages also scatter small pictures through the body — share,
// print and QR buttons, bullets, file-type icons — that stand for nothing.
// An image is an icon when a side it declares (width/height attribute or
// style) is at most maxIconSide pixels, or its file name says so.

// maxIconSide is the largest declared side, in pixels, of an icon.
const maxIconSide = 64

var (
	// styleSideRE reads width/height in pixels from a style attribute.
	styleSideRE = regexp.MustCompile(`(?i)(?:^|;)\s*(?:width|height)\s*:\s*(\d+(?:\.\d+)?)\s*px`)
	// iconNameRE matches the file names of buttons and decorations.
	iconNameRE = regexp.MustCompile(`(?i)icon|logo|ewm|qrcode|erweima|share|print|weixin|weibo|wechat|bullet|arrow|dot\.|spacer|blank\.`)
)

// isIcon reports an <img> that is a button or decoration, not content.
func isIcon(n *html.Node) bool {
	for _, a := range n.Attr {
		switch strings.ToLower(a.Key) {
		case "width", "height":
			if v, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(a.Val), "px"), 64); err == nil && v > 0 && v <= maxIconSide {
				return true
			}
		case "style":
			for _, m := range styleSideRE.FindAllStringSubmatch(a.Val, -1) {
				if v, err := strconv.ParseFloat(m[1], 64); err == nil && v > 0 && v <= maxIconSide {
					return true
				}
			}
		case "src":
			if iconNameRE.MatchString(path.Base(a.Val)) {
				return true
			}
		}
	}
	return false
}
