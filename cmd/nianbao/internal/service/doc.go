// Package service is nianbao's report service: the one way the CLI, the
// HTTP API and the web UI read the archive. It owns the archive opened
// for reading and writing (store plus extractor), the extraction cache
// (extracted reports stored beside the versions they came from), the
// lookups every surface shares — a report by id and version, its cleaned
// text and raw bytes, the versions of a URL, the report index — and the
// crawler's Classifier, which extracts fetched pages through the same
// cache.
//
// Basics: Open builds a Service from a config; the caller closes it.
// Every lookup takes a context and returns an error of a kind callers
// can test with errors.Is: ErrInvalid (bad input), ErrNotFound (the
// archive holds no such thing), or one of store's and extract's kinds.
// A Service is safe for concurrent use.
//
// Caveats: bbolt locks the archive file, so one process at a time holds
// a Service over a given archive (store.ErrLocked otherwise). Cached
// extractions are keyed by extract.Version: a new extractor version
// recomputes them on first read. A portal's forced charset reaches
// re-extraction from the config the Service was opened with (a reload
// reaches the crawl at once, re-extraction on restart). Store is exported for wiring the crawler
// and scheduler only; the API and the web UI never call it.
package service
