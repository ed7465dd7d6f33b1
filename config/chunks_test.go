package config

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// atColumn0 moves a generated file's portal items to column 0.
func atColumn0(file string) string {
	head, list, _ := strings.Cut(file, "portals:\n")
	return head + "portals:\n" + strings.TrimPrefix(strings.ReplaceAll(list, "\n  ", "\n"), "  ")
}

// small makes every list of more than one portal read in chunks of three.
var small = chunking{min: 1, size: 3}

// TestChunkedParseMatchesWholeTree: a file read in chunks gives the same
// Config, or the same problems with the same lines and fields, as the file
// parsed into one tree; files the split cannot read go to the one tree.
func TestChunkedParseMatchesWholeTree(t *testing.T) {
	plain := string(generated(10))
	tests := []struct {
		name     string
		file     string
		chunked  bool // the split reads it
		problems int
	}{
		{"a valid file", plain, true, 0},
		{"comments and blank lines between portals", strings.Replace(plain, "  - name: portal-00004", "\n# the fifth\n\n  - name: portal-00004", 1), true, 0},
		{"a top-level key after the list", plain + "storage:\n  path: /tmp/x.db\n", true, 0},
		{"items at column 0", atColumn0(plain), true, 0},
		{"a name repeated across chunks", strings.Replace(plain, "name: portal-00008", "name: portal-00001", 1), true, 1},
		{"problems in several chunks", strings.NewReplacer(
			"schedule: \"1 2 * * *\"", "schedule: \"61 2 * * *\"",
			"level: county\n    column: http://www.p00007", "level: nowhere\n    column: http://www.p00007",
			"      parallelism: 1\n  - name: portal-00009", "      parallelism: 0\n    delay: 3s\n  - name: portal-00009",
		).Replace(plain), true, 4},
		{"a portal without a column", strings.Replace(plain, "    column: http://www.p00005.gov.cn/zwgk/zfxxgk/zfxxgknb/\n", "", 1), true, 1},
		{"an anchor reused by portals", strings.Replace(strings.Replace(plain, "crawl:\n  delay: 1s", "x-slow: &slow {delay: 9s}\ncrawl:\n  delay: 1s", 1),
			"    crawl:\n      delay: 2s\n      parallelism: 1\n  - name: portal-00003", "    crawl: *slow\n  - name: portal-00003", 1), false, 0},
		{"a flow list of portals", "portals: [{name: a, agency: b, column: 'http://a.gov.cn/'}, {name: c, agency: d, column: 'http://c.gov.cn/'}]\n", false, 0},
		// The split takes it, the chunk does not parse: the one tree reports it.
		{"an unterminated quote in a chunk", strings.Replace(plain, "agency: 某某县人民政府6", "agency: \"某某县人民政府6", 1), true, 1},
		{"a tag", strings.Replace(plain, "level: county", "level: !!str county", 1), false, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			head, items, ok := splitPortals([]byte(tc.file), small.min)
			if ok != tc.chunked {
				t.Errorf("splitPortals ok=%v, want %v", ok, tc.chunked)
			}
			if ok {
				// Whether the chunks parse, or the file goes to the one tree.
				d := &decoder{file: "c.yaml"}
				_, read := d.document(d.yaml(head), func(each func(*yaml.Node, string)) bool {
					return d.chunks([]byte(tc.file), items, small.size, each)
				})
				if fallback := strings.Contains(tc.name, "quote"); read == fallback {
					t.Errorf("chunks read=%v, want %v", read, !fallback)
				}
			}
			want, wantErr := parse("c.yaml", []byte(tc.file), chunking{})
			got, gotErr := parse("c.yaml", []byte(tc.file), small)
			var ve *ValidationError
			if n := 0; errors.As(wantErr, &ve) && len(ve.Problems) != tc.problems || wantErr == nil && tc.problems != n {
				t.Fatalf("one tree: %v; want %d problems", wantErr, tc.problems)
			}
			if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
				t.Fatalf("chunked: %v\nwant (one tree): %v", gotErr, wantErr)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("chunked config differs from the one-tree config:\n%+v\nwant\n%+v", got, want)
			}
		})
	}
}

// FuzzChunkedParse: whatever the file, reading it in chunks (of two
// portals, from two portals up) gives what the one tree gives.
func FuzzChunkedParse(f *testing.F) {
	f.Add(generated(5))
	f.Add([]byte(atColumn0(string(generated(4)))))
	f.Add([]byte("portals:\n  - name: a\n    agency: b\n    column: http://a.gov.cn/\n  # c\n  - name: c\n    agency: d\n    column: 'http://c.gov.cn/'\n  - {name: e, agency: f,\n     column: http://e.gov.cn/}\ncrawl: {delay: 2s}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		want, wantErr := parse("f.yaml", data, chunking{})
		got, gotErr := parse("f.yaml", data, chunking{min: 1, size: 2})
		if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) || !reflect.DeepEqual(got, want) {
			t.Fatalf("chunked: %+v, %v\nwant (one tree): %+v, %v", got, gotErr, want, wantErr)
		}
	})
}
