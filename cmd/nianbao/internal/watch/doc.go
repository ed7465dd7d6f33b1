// Package watch tells people when a report appears, changes, disappears
// or is late: it derives events from the archive, judges agencies against
// the legal deadlines, renders Atom feeds and delivers webhooks.
//
// Events are derived, never recorded as they happen: a Deriver walks each
// report's fetches in the archive (report_new, report_changed,
// report_withdrawn, report_restored), judges each configured agency's
// report years against DeadlineFor (report_late, report_missing) and reads
// each portal's crawl runs (portal_broken). An
// event's ID is a hash of what identifies it (kind, report, version ids,
// agency, year), so deriving again — after a restart, or over an archive
// that never ran this code (a backfill) — gives the same events with the
// same IDs. Derived events are kept in the archive (store.ReplaceEvents, one
// scope per report plus one for the deadlines) so feeds and lists read
// them without deriving; a report is derived again only when its record
// changed since the last pass — a new content version, a withdrawal or
// return, a corrected field (a fingerprint kept with store.EventMark) — so
// a pass over an archive whose refetches brought nothing new reads no
// version lists.
//
// What counts as a change: the content the extractor reads — title, year,
// published date, the section text and every table cell
// (extract.CellsOf) — never the bytes. A page whose view counter, print
// date or navigation changed gains a version in the archive but raises no
// event. report_changed carries the changed cells (old → new) and the first
// lines of a line diff of the section text (sergi/go-diff).
//
// Deadlines (report-format.md §1) follow the portal's level and the report
// year; a portal's deadline: override wins. A report is judged by its
// published date, else the day the archive first saw it. report_missing
// is raised only for years the archive watched: from the agency's earliest
// archived report year, or whose deadline ended after the portal's column
// was first fetched — a new install does not announce a decade of missing
// reports. Late and missing are derived again on every pass: when a
// missing report turns up, the missing event leaves the index (a late one
// may take its place). ComplianceOf judges any year asked.
//
// Webhooks: a Dispatcher turns events into one outbox item per target in
// the archive (store.Enqueue, which never queues a (target, event) pair
// twice) and POSTs each as JSON with Idempotency-Key (the event ID) and an
// HMAC-SHA256 signature of timestamp "." body (Sign, Verify). An item leaves
// the outbox only after a 2xx answer, so a process killed mid-delivery
// sends it again after restart — at least once; failures back off
// exponentially (30 s doubling to 1 h) and are retried until delivered.
// Service runs passes and the dispatcher for the daemon; its first pass
// over an archive backfills without queueing.
//
// Atom renders events as RFC 4287 with gorilla/feeds' Atom structures;
// the content of each entry is HTML, escaped in the XML.
//
// Caveats: a report counts for a configured agency when its agency name
// equals the portal's after the store's normaliser; reports of
// sub-agencies listed on a portal are not judged against deadlines. Late
// and missing depend on the clock: Derive takes now. portal_broken comes
// from the crawl runs' coverage flags (store.Coverage): a run that raised
// flags after one that raised none; runs recorded before coverage existed
// count as unflagged.
package watch
