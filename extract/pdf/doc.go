// Package pdf reads PDF documents into text blocks and tables
// (docfile.Document) with PDFium compiled to WebAssembly
// (github.com/klippa-app/go-pdfium/webassembly, run by wazero: pure Go, no
// cgo, no external program).
//
// engine.go owns PDFium: the module is compiled once per Reader, on the
// first document (wazero's compilation cache can keep it on disk for the
// next process), and instances come from a pool of Options.Instances.
// Compiling holds some 250 MB of wazero's compiler state at its peak (its
// pools grow to PDFium's biggest functions; no RuntimeConfig option
// shrinks them), all garbage afterwards: Init collects it and returns the
// pages to the system at once (debug.FreeOSMemory): 64 MB resident after
// the first document instead of 104 MB (GOMEMLIMIT=72MiB, as serve). Each
// document is bounded: a page limit (the rest is a warning), a deadline,
// a memory limit per instance, and no file system. PDFium runs on a
// goroutine of its own; the read stops at the deadline between pages and
// every few hundred characters, and should a single PDFium call run past
// it, the caller gets what was read by then at once and the instance is
// discarded when that call returns (wazero's interruption of calls inside
// the module would cost a goroutine per call, four times a read's CPU).
// An instance that read a big document is discarded rather than reused, so
// the memory it grew to goes back. A page PDFium fails on is a warning;
// only a document it cannot open at all is an error (ErrBroken).
//
// layout.go, ruled.go, lines.go, borderless.go and borderless_head.go are
// the layout step, written here
// because no served Go library rebuilds tables from PDF positions: characters
// (loose boxes, so that a line's characters line up; tight boxes for
// rotated ones) are grouped into lines; thin paths are ruling lines, and
// crossing ruling lines make a ruled table whose cells are the spaces
// between them — a missing border merges cells, as rowspan and colspan do —
// holding the characters whose centre lies inside (a label wrapped over two
// lines stays one cell). Runs of unruled lines that end in numbers make a
// borderless table (borderless.go, whose comment lists what it assumes):
// number columns are the merged x-extents of the rows' numbers (so right-
// aligned numbers fall in their column), label columns start where labels
// of several lines start, a group label printed beside a row label is cut
// off into its own column and spans the rows of its group, wrapped label
// lines join the row whose numbers are nearest, a short table may have
// a one-line header, and the column headings above the first row (wrapped
// over several lines, under group headings) become the table's header
// rows with merged cells (borderless_head.go). A table that opens a page with the column lines of the
// one that closed the page before continues it (a repeated header row is
// dropped; an empty cell or an unnumbered label at the top carries on the
// merged cell above it); a borderless one with the same number columns is
// laid out again together with it. Text lines that run to the right margin join the
// next line when it starts at the left margin; page numbers go.
//
// Caveats: paths inside form XObjects and curves are not read as ruling
// lines; rotated pages and multi-column text are read as they lie; a
// document whose pages carry images but no text is a scan (ImagePages), and
// nothing is OCR'd.
package pdf
