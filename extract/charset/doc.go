// Package charset turns the bytes of a fetched or archived page into
// UTF-8: the one decoder of nianbao, used by the crawler (to find links)
// and the extractor (to read reports), so both read a page alike.
//
// Basics: Decode(body, contentType, forced) tries, in order,
//
//  1. forced — a charset the caller insists on (a portal's `charset:`);
//  2. a byte-order mark (UTF-8, UTF-16LE/BE);
//  3. the charset parameter of the Content-Type;
//  4. a <meta charset> or <meta http-equiv="Content-Type"> in the first
//     1024 bytes, found by tokenising them (golang.org/x/net/html);
//  5. detection: valid UTF-8 is UTF-8, anything else GB18030 or Big5,
//     whichever reading has more common Han characters and fewer
//     replacement characters.
//
// A declared charset (rungs 1, 3, 4) is only believed when the bytes do
// not contradict it: a label of UTF-8 on bytes that are not valid UTF-8,
// or a legacy label (gbk, big5, …) on bytes that carry a UTF-8 BOM or are
// valid UTF-8 with non-ASCII text, falls through to the next rung. GB2312
// and GBK are read as GB18030, their superset, so characters pages use
// beyond GB2312 survive. Labels are resolved as WHATWG labels
// (golang.org/x/text/encoding/htmlindex). Result says which rung decided.
//
// Caveats: the <meta> rung is a tokeniser scan of the head, not the
// byte-exact WHATWG prescan (golang.org/x/net/html/charset exports none
// that tells a declaration from its own guesses); a <meta> inside a
// comment or script is skipped, as browsers do. The detection score is
// written here: no served library tells GB18030 from Big5 reliably on
// short government pages. Decode never fails: bytes a decoder rejects
// become U+FFFD. The input is never modified.
package charset
