// Package warc writes the raw archive as a WARC 1.1 file, one gzip member
// per record (a .warc.gz that pywb, warcio, OpenWayback and other WARC
// readers index and replay). Records are built and serialised with
// github.com/nlnwa/gowarc/v3; this package decides what each stored
// version becomes and frames each record in its own gzip member.
//
// It owns the mapping from store.Version to WARC records, nothing else: it
// does not fetch, extract or change the archive, and reads it only through
// store.EachVersion and store.Body.
//
// # Mapping
//
// The file opens with a warcinfo record (software, format, the archive's
// path, creation time). Then, in recording order:
//
//   - new → response. WARC-Target-URI is the URL that produced the body:
//     the final URL after redirects (the requested URL when there were
//     none). The block is an HTTP/1.1 status line with the recorded status,
//     the response headers the archive keeps (Date, Content-Type, ETag,
//     Last-Modified) and a Content-Length equal to the stored body's length,
//     then the body exactly as stored. The archive keeps bodies with
//     transfer and content coding undone, so no Transfer-Encoding or
//     Content-Encoding is written. The protocol version of the original
//     exchange is not kept; HTTP/1.1 is written for every record.
//   - unchanged, not_modified → revisit with the profile
//     http://netpreserve.org/warc/1.1/revisit/identical-payload-digest,
//     pointing (WARC-Refers-To, WARC-Refers-To-Target-URI,
//     WARC-Refers-To-Date) at the response record of the URL's new version
//     that introduced the body, and carrying that payload's digest. The
//     block holds HTTP headers only: the fetch's own status line and the
//     headers the archive kept, the server response headers WARC 1.1
//     §6.7.2 recommends preserving in a revisit. For unchanged that is a
//     200 with a Content-Length of the body's size; for not_modified it is
//     the 304 itself (HTTP/1.1 304 Not Modified with the Date, ETag and
//     Last-Modified it carried) and no Content-Length, since it had no
//     body. Replay tools serve the payload, status and headers of the
//     record WARC-Refers-To names (ReplayWeb.page does; checked in
//     headless Chromium by this package's tests), so the 304 replays as
//     the page it confirmed while the file still says what the server
//     answered.
//   - gone, failed → metadata record for the requested URL, content type
//     application/warc-fields, listing outcome, http-status (when there was
//     a response), reason, final-url and the store's version id. These
//     versions have no body in the archive, and none is invented; replay
//     tools do not index metadata records as captures, so a tombstone never
//     hides an earlier capture, while the history stays in the file.
//   - each redirect that led to a version (store.Version.Redirects) →
//     a response record of the URL that answered it, written just before
//     the version's own record, with the 3xx status, Date, Location,
//     Content-Type and body as received; when the archive left a long body
//     out, no Content-Length and WARC-Truncated: length. A replay tool
//     asked for the original URL (a content.jsp?id=N link) answers with
//     the redirect and then the page, as the server did.
//   - a capture made by a request other than a plain GET (Hanweb's list
//     API is a POST) → a request record right after the first record of
//     the requested URL (the capture, or its first redirect hop), with the
//     same WARC-Target-URI and WARC-Concurrent-To that record: the request
//     line, Host, the body's Content-Type and Content-Length, and the body
//     as sent. Replay tools pair the two and key the capture by method and
//     body (warcio's CDX: …?__wb_method=post&col=1&page=2…), so each page
//     of a list API replays on its own. A plain GET gets no request record:
//     the archive keeps no request headers; neither does a failed POST
//     (its metadata record says what happened).
//   - a version whose final URL differs from the requested one but whose
//     hops the archive did not keep (recorded before it kept them) is
//     followed by a metadata record for the requested URL (fields outcome
//     and redirected-to, WARC-Refers-To the capture), so the redirect is
//     kept without inventing a 3xx response the archive never stored.
//
// Digests are SHA-256, lowercase hex ("sha256:…"), gowarc's encoding for
// SHA-256 and the form webrecorder's tools write. The payload digest is the
// store's own content address, so a revisit needs no body read.
// WARC-Date is the fetch time in UTC with whole seconds: WARC 1.1 allows
// fractions, but CDX indexes keep 14-digit timestamps and some readers
// (WARC 1.0 era) reject fractions.
//
// Record ids are name-based UUIDs (urn:uuid, version 5) of the export's
// namespace and the version id, so a revisit can name the record it refers
// to without keeping a table of every record written. The namespace is
// random per export unless Options.Namespace fixes it.
//
// # Caveats
//
// Memory is bounded by one body (gowarc spills blocks above 1 MiB to a
// temporary file) plus a bounded cache of the last response per URL, used
// to resolve revisits; a miss reads that URL's versions from the store. A
// body that fails to read (store.ErrCorrupt, or a missing blob) skips its
// version, and the revisits that point at it, with a warning; Export then
// finishes the file and returns an error wrapping store.ErrCorrupt with the
// count. WARC-IP-Address is not written: the archive does not keep it.
package warc
