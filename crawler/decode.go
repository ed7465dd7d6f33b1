package crawler

import "github.com/nianbao/nianbao/extract/charset"

// decodeHTML returns body as UTF-8 for parsing, decoded by extract/charset
// (the extractor's decoder too) with forced, the portal's charset, first.
// The archive never sees the result: raw bytes stay raw.
func decodeHTML(body []byte, contentType, forced string) []byte {
	return charset.Decode(body, contentType, forced).Text
}
