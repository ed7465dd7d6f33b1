// Package store owns the archive: a single bbolt file holding every page
// nianbao has fetched, exactly as it was received, for as long as the file
// exists.
//
// Each fetch of a URL appends a Version (new, unchanged, not_modified, gone
// or failed) through Record or RecordBatch, which decide the outcome against
// the URL's previous fetches. Bodies are stored once under their SHA-256,
// zstd-compressed (github.com/klauspost/compress); a version points at its
// blob, and identical bodies under different URLs share one. Nothing is
// overwritten or deleted: an edited page gains a version, a vanished one
// gains a tombstone. A version and its blob commit in one transaction.
// A version also keeps what a replay needs besides the body: the redirect
// answers that led to it (Redirects: each 3xx with its Location and a
// short body) and, for a request other than a plain GET, the method and
// body sent (Method, RequestBody, RequestContentType).
//
// Around the versions the store keeps the validators for conditional GET,
// the index of annual reports by agency and year, cached extraction results
// tagged with the extractor's version, per-portal run records and the crawl
// frontier. Lookups: Latest, At (time travel), Versions, Version, Raw, Body,
// Reports, and EachVersion for exports. Every Report carries its Status
// (live, gone, failing) and when the current one began, and the bounds of
// the latest withdrawal it came back from: the URL state follows them fetch
// by fetch, so listing reports by status walks no history (a state written
// by an older build has its track rebuilt from the history when read).
//
// What it does not do: fetch, parse, extract, or normalise text. It imports
// no other nianbao package; the script normaliser for agency lookups is
// passed in, per query (ReportQuery.Normalize) or once at Open
// (Options.Normalize, whose results are cached per agency name — the fast
// path: a per-query normaliser is called on every distinct agency).
// The WARC export is the package store/warc, built on EachVersion and Body.
//
// Concurrency: a Store is safe for concurrent use. One writer goroutine
// applies fetches; concurrent Record calls are grouped into one transaction
// (group commit) without any timer, so a lone caller pays one commit.
// Readers use bbolt's MVCC read transactions and never wait for the writer;
// every read transaction is short (bodies are decompressed after it ends;
// EachVersion reads in chunks), and values are copied out before it ends,
// so nothing the store returns points into the memory map. The map is
// reserved at 1 GiB up front, because growing it waits for open readers.
//
// Caveats: the file is locked by one process at a time (Open waits
// Options.Timeout, then ErrLocked), except that several Options.ReadOnly
// opens share it; a read-only open creates nothing (ErrNoArchive), reads a
// file without write permission, and refuses writes (ErrReadOnly). The schema version lives in the meta
// bucket; any other version is refused with ErrSchema, never guessed at.
// Outcomes are decided against the most recently recorded fetch of a URL;
// Latest and At order versions by fetch time. The report index's list of
// distinct agency names is also kept in memory (loaded at Open), a few
// hundred kilobytes for thousands of agencies. The bbolt layout is
// described in schema.go.
package store
