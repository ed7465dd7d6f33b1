// Package crawler turns a portal's configuration into archived pages. It
// schedules runs with cron, walks a 年报 column and its pagination, finds
// the annual-report links and their attachments, and fetches them politely
// (per-host delay and parallelism, robots.txt, conditional GET, retries,
// timeouts, size caps). Every response, success or failure, is handed to the
// archive; pages the classifier recognises as reports are indexed.
//
// The crawler keeps the raw bytes untouched; decoding for link discovery is
// done on a copy. It depends on the archive and the classifier only through
// the small interfaces it declares, so it imports store for types but never
// extract.
package crawler
