package charset

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

const text = "2023年政府信息公开工作年度报告：主动公开政府信息情况，收到和处理政府信息公开申请情况"

func page(meta string) string {
	return "<html><head>" + meta + "<title>年报</title></head><body><p>" + text + "</p></body></html>"
}

// encode returns s in encoding e, failing tb on a character e lacks.
func encode(tb testing.TB, e encoding.Encoding, s string) []byte {
	tb.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		tb.Fatalf("encode %q: %v", s, err)
	}
	return b
}

func gbk(tb testing.TB, s string) []byte { return encode(tb, simplifiedchinese.GBK, s) }

// TestDecode covers each rung, and each way a declaration the bytes
// contradict falls through to the next.
func TestDecode(t *testing.T) {
	big5 := encode(t, traditionalchinese.Big5, "<html><body>二〇一二年政府資訊公開工作年度報告，主動公開政府資訊情況，收到和處理政府資訊公開申請情況，行政復議</body></html>")
	sjis := encode(t, japanese.ShiftJIS, "<html><head><meta charset=shift_jis></head><body>情報公開の年次報告書です。行政機関の情報公開</body></html>")
	utf16 := encode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), page(""))
	gb18030 := encode(t, simplifiedchinese.GB18030, page("")+"䶮")
	bomUTF8 := append([]byte("\xEF\xBB\xBF"), page("")...)
	tests := []struct {
		name        string
		body        []byte
		contentType string
		forced      string
		want        string
		enc         string
		src         Source
	}{
		// 1. forced
		{"forced gbk over lying header and meta", gbk(t, page(`<meta charset="utf-8">`)), "text/html; charset=utf-8", "gbk", text, "gb18030", Forced},
		{"forced utf-8 contradicted by GBK bytes", gbk(t, page(`<meta charset="gb2312">`)), "", "utf-8", text, "gb18030", Meta},
		{"forced gbk contradicted by a UTF-8 BOM", bomUTF8, "", "gbk", text, "utf-8", BOM},
		{"unknown forced label is skipped", []byte(page("")), "", "no-such-charset", text, "utf-8", Detected},
		// 2. byte-order mark
		{"UTF-8 BOM beats a gbk header", bomUTF8, "text/html; charset=gbk", "", text, "utf-8", BOM},
		{"UTF-16LE BOM", utf16, "text/html", "", text, "utf-16le", BOM},
		// 3. Content-Type
		{"gb2312 header", gbk(t, page("")), "text/html; charset=gb2312", "", text, "gb18030", ContentType},
		{"lenient header syntax", gbk(t, page("")), "text/html;Charset=\"GBK\";", "", text, "gb18030", ContentType},
		{"GB18030-only character under a gbk header", gb18030, "text/html; charset=gbk", "", "䶮", "gb18030", ContentType},
		{"utf-8 header on GBK bytes falls to meta", gbk(t, page(`<meta charset="gb2312">`)), "text/html; charset=utf-8", "", text, "gb18030", Meta},
		{"gbk header on multi-byte UTF-8 falls through", []byte(page("")), "text/html; charset=gbk", "", text, "utf-8", Detected},
		{"short UTF-8 page under a gbk header", []byte("<p>年报</p>"), "text/html; charset=gbk", "", "年报", "utf-8", Detected},
		// 4. <meta>
		{"meta charset", gbk(t, page(`<meta charset="gbk">`)), "text/html", "", text, "gb18030", Meta},
		{"meta http-equiv", gbk(t, page(`<meta http-equiv="Content-Type" content="text/html; charset=GB2312">`)), "", "", text, "gb18030", Meta},
		{"meta shift_jis is Shift_JIS, not a guess", sjis, "text/html", "", "情報公開の年次報告書", "shift_jis", Meta},
		{"utf-8 meta on GBK bytes falls to detection", gbk(t, page(`<meta charset="utf-8">`)), "text/html", "", text, "gb18030", Detected},
		{"meta in a comment does not count", gbk(t, page(`<!-- <meta charset="big5"> -->`)), "", "", text, "gb18030", Detected},
		// 5. detection
		{"undeclared UTF-8", []byte(page("")), "", "", text, "utf-8", Detected},
		{"undeclared GBK", gbk(t, page("")), "", "", text, "gb18030", Detected},
		{"undeclared Big5", big5, "", "", "政府資訊公開", "big5", Detected},
		{"empty body", nil, "text/html; charset=gbk", "", "", "gb18030", ContentType},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := bytes.Clone(tt.body)
			got := Decode(tt.body, tt.contentType, tt.forced)
			if !strings.Contains(string(got.Text), tt.want) || got.Encoding != tt.enc || got.Source != tt.src {
				t.Errorf("Decode = %.120q (%s from %s), want it to contain %q (%s from %s)", got.Text, got.Encoding, got.Source, tt.want, tt.enc, tt.src)
			}
			if bytes.ContainsRune(got.Text, '\uFFFD') || bytes.HasPrefix(got.Text, []byte("\xEF\xBB\xBF")) {
				t.Errorf("Decode left a replacement character or a BOM: %.120q", got.Text)
			}
			if !bytes.Equal(tt.body, in) {
				t.Error("Decode modified its input")
			}
		})
	}
}

func TestMetaCharset(t *testing.T) {
	tests := []struct{ head, want string }{
		{`<meta charset="gbk">`, "gbk"},
		{`<META CHARSET=GB2312>`, "GB2312"},
		{`<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`, "gb2312"},
		{`<meta content="text/html;charset='big5'" http-equiv="content-type">`, "big5"},
		{`<meta http-equiv="Content-Type" content="text/html">`, ""},
		{`<meta content="text/html; charset=gbk">`, ""}, // no http-equiv: not a declaration
		{`<meta name="keywords" content="charset=gbk">`, ""},
		{`<meta charset="utf-16le">`, "utf-8"},
		{`<script>document.write('<meta charset="big5">')</script>`, ""},
		{`<title>年报</title>`, ""},
		{strings.Repeat(" ", prescanBytes) + `<meta charset="gbk">`, ""}, // beyond the first 1024 bytes
	}
	for _, tt := range tests {
		if got := MetaCharset([]byte("<html><head>" + tt.head)); got != tt.want {
			t.Errorf("MetaCharset(%q) = %q, want %q", tt.head, got, tt.want)
		}
	}
}

func TestLookup(t *testing.T) {
	for label, want := range map[string]string{
		"gb2312": "gb18030", "GBK": "gb18030", "x-gbk": "gb18030", "gb18030": "gb18030", `"utf-8"`: "utf-8", "UTF8": "utf-8",
		"big5": "big5", "shift_jis": "shift_jis", "latin1": "windows-1252", "nonsense": "", "": "",
	} {
		if _, got := Lookup(label); got != want {
			t.Errorf("Lookup(%q) = %q, want %q", label, got, want)
		}
	}
}

// FuzzDecode: decoding never panics, always yields valid UTF-8 without a
// BOM, and never modifies its input. Seeds: testdata/fuzz/FuzzDecode.
func FuzzDecode(f *testing.F) {
	f.Add([]byte("<meta charset=gbk>\xc4\xea\xb1\xa8"), "text/html; charset=utf-8", "")
	f.Add([]byte("\xEF\xBB\xBF年报"), "text/html; charset=gbk", "gbk")
	f.Add([]byte("\xFF\xFE\x00"), "", "")
	f.Fuzz(func(t *testing.T, body []byte, ct, forced string) {
		in := bytes.Clone(body)
		got := Decode(body, ct, forced)
		if !utf8.Valid(got.Text) || bytes.HasPrefix(got.Text, []byte("\xEF\xBB\xBF")) {
			t.Errorf("Decode(%q, %q, %q) = %q: not UTF-8, or a BOM left", body, ct, forced, got.Text)
		}
		if !bytes.Equal(body, in) {
			t.Error("Decode modified its input")
		}
	})
}
