// Package warctest reads WARC files back strictly for tests: every
// record parsed with gowarc's strict validation, which also checks every
// digest and Content-Length, and the HTTP blocks parsed again with
// net/http, independently of the library.
//
// Basics: Read(tb, data) returns the records of a WARC file (gzip per
// record or plain) in order, failing tb on any parse error or validation
// finding. Captures lists them as one line each.
//
// Caveats: it holds whole records in memory; it is for the small files
// tests write, and takes a testing.TB.
package warctest
