// Package webui is nianbao's web UI: server-rendered HTML pages over the
// report service — the agencies × years matrix (GET /), a report with its
// tables, checks and versions (GET /reports/{id}), the history of a
// report's or any URL's versions with text and cell diffs
// (GET /reports/{id}/history, GET /history?url=), the compliance page
// (GET /compliance) and its one stylesheet.
//
// Basics: NewHandler(svc, opts) returns the handler of every path it is
// mounted on (the daemon mounts it at "/"); all pages are registered in
// one function, routes. Pages are html/template files embedded from
// templates/, parsed once at NewHandler; handlers return errors, which
// become an HTML error page with the status httpx.StatusOf gives. The
// tables are drawn from extract's template layout (extract.ActiveBlocks,
// RequestRows, ReviewGroups …): the UI holds no labels of its own.
//
// Caveats: the pages serve no script and load nothing from other origins;
// every page is sent with a Content-Security-Policy of 'self' only and
// nosniff, so a template must not add inline styles or scripts. The UI
// reaches the archive only through service.Service (the layering test
// checks it). A history page diffs at most five content changes; the
// matrix reads at most 2 000 index entries per page.
package webui
