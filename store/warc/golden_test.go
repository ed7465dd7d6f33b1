package warc_test

import (
	"bytes"
	"testing"

	"gotest.tools/v3/assert"
	"gotest.tools/v3/golden"
)

// The header lines of a response, the revisit of a 304, a tombstone's
// metadata record and a redirect hop's response, byte for byte under fixed
// options (the first body cut).
func TestExportGolden(t *testing.T) {
	_, data, _ := exportFixture(t)
	members := gzipMembers(t, data)
	var got bytes.Buffer
	for _, i := range []int{1, 3, 7, 12} { // response, not_modified revisit, gone, redirect hop
		m := members[i]
		head := bytes.Index(m, []byte("\r\n\r\n")) + 4 // WARC header
		if i == 1 {
			head += bytes.Index(m[head:], []byte("\r\n\r\n")) + 4 // and the HTTP header, not the body
			got.Write(m[:head])
			got.WriteString("[body]\r\n\r\n")
			continue
		}
		got.Write(m)
	}
	assert.Check(t, golden.Bytes(got.Bytes(), "records.golden"))
}
