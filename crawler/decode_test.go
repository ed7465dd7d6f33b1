package crawler

import (
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func gbk(tb testing.TB, s string) []byte {
	tb.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}
