// Package store owns the archive: a single bbolt file holding every page
// nianbao has fetched, exactly as it was received, for as long as the file
// exists.
//
// Each fetch of a URL appends a Version (new, unchanged, not_modified, gone
// or failed). Bodies are stored once under their SHA-256, compressed; a
// version points at its blob. Nothing is overwritten or deleted: an edited
// page gains a version, a vanished one gains a tombstone. Around the
// versions the store keeps the validators for conditional GET, the index of
// annual reports by agency and year, cached extraction results tagged with
// the extractor's version, per-portal run records and the crawl frontier.
//
// The store does not fetch, parse or extract; it imports no other nianbao
// package. Functions that need script-aware matching take a normaliser as a
// parameter.
package store
