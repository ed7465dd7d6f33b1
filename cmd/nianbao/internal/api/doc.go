// Package api is nianbao's JSON API, /api/v1: the report index, the
// extracted reports and their cleaned text, the versions of a URL, the
// raw bytes of a version, the configured portals with their last and next
// runs, and the whole archive as WARC. interfaces.md is its contract.
//
// Basics: NewHandler returns the handler of every /api/ path over a
// service.Service; its routes are registered in one function (routes in
// api.go). Lists are {"items": […], "next": "cursor"} pages (Page) of at
// most ?limit= items; the wire types (ReportSummary, VersionEntry,
// PortalInfo) are also what the commands print with --format json.
// Errors are {"error": "…"} with the status from httpx.StatusOf.
//
// Caveats: the handler reaches the archive only through the service; the
// portal list and next runs come from the daemon through Options, since
// the config can be reloaded while it serves. The WARC export sends its
// status before it starts: its outcome comes in trailers
// (TrailerWARCSummary, TrailerWARCError). One export runs at a time per
// handler; another meanwhile gets 429 with Retry-After.
package api
