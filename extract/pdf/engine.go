package pdf

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"slices"
	"sync"
	"time"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/enums"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
	"github.com/wasilibs/wazero-helpers/allocator"

	"github.com/nianbao/nianbao/extract/docfile"
)

// Options bound what one document may cost. Zero fields take the defaults.
type Options struct {
	Instances   int           // PDFium instances at once, each one document at a time (default 2)
	MaxPages    int           // pages read per document; the rest is a warning (default 100)
	Timeout     time.Duration // per document; a slower one is cut off with a warning (default 30 s)
	MemoryLimit int64         // bytes of WebAssembly memory per instance (default 256 MiB)
	// KeepBelow: an instance that read a document of this many bytes or
	// more is discarded instead of reused, so the memory a big document
	// made it grow is returned (default 4 MiB).
	KeepBelow int
	// CacheDir, when set, keeps wazero's compiled module on disk so that
	// the next process skips the compilation.
	CacheDir string
}

func (o Options) withDefaults() Options {
	if o.Instances <= 0 {
		o.Instances = 2
	}
	if o.MaxPages <= 0 {
		o.MaxPages = 100
	}
	if o.Timeout <= 0 {
		o.Timeout = 30 * time.Second
	}
	if o.MemoryLimit <= 0 {
		o.MemoryLimit = 256 << 20
	}
	if o.KeepBelow <= 0 {
		o.KeepBelow = 4 << 20
	}
	return o
}

// Reader reads PDFs with PDFium compiled to WebAssembly. The module is
// compiled on the first Read and shared by every Read after it; instances
// come from a small pool. Safe for concurrent use.
type Reader struct {
	opts Options
	eng  *engine
}

// engine is the compiled module and its pool, shared by a Reader and the
// Readers WithLimits makes from it.
type engine struct {
	once sync.Once
	pool pdfium.Pool
	err  error
}

// New returns a Reader; nothing is compiled until the first Read.
func New(opts Options) *Reader { return &Reader{opts: opts.withDefaults(), eng: &engine{}} }

// WithLimits returns a Reader that shares r's module and instances but
// reads at most maxPages pages per document within timeout (zero keeps
// r's).
func (r *Reader) WithLimits(maxPages int, timeout time.Duration) *Reader {
	o := r.opts
	if maxPages > 0 {
		o.MaxPages = maxPages
	}
	if timeout > 0 {
		o.Timeout = timeout
	}
	return &Reader{opts: o, eng: r.eng}
}

// Init compiles the module now (Read does it on first use).
func (r *Reader) Init() error {
	e := r.eng
	e.once.Do(func() {
		e.pool, e.err = r.start(r.opts.CacheDir)
		if e.err != nil && r.opts.CacheDir != "" {
			// A cache directory that cannot be written (read-only, full)
			// fails the compilation: compile without it.
			e.pool, e.err = r.start("")
		}
		if e.err != nil {
			e.err = fmt.Errorf("pdf: start pdfium: %w", e.err)
		}
		// Compiling the module holds some 250 MB of compiler state
		// (wazero's pools, sized by PDFium's biggest functions), all
		// garbage once it is done: collect it and return the pages now
		// rather than keep them resident until the scavenger gets to them.
		debug.FreeOSMemory()
	})
	return e.err
}

// start compiles the module (through wazero's cache in cacheDir, when set)
// and makes the instance pool.
func (r *Reader) start(cacheDir string) (pdfium.Pool, error) {
	rc := wazero.NewRuntimeConfig().
		WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling).
		WithMemoryLimitPages(uint32(min(r.opts.MemoryLimit>>16, 65536)))
	if cacheDir != "" {
		cache, err := wazero.NewCompilationCacheWithDir(cacheDir)
		if err != nil {
			return nil, err
		}
		rc = rc.WithCompilationCache(cache)
	}
	// Instances' linear memory is mapped outside the Go heap (reserved up
	// to the limit, committed as it grows, unmapped when the instance
	// goes): growing it does not copy it, and the collector neither
	// counts nor scans it.
	ctx := experimental.WithMemoryAllocator(context.Background(), allocator.NewNonMoving())
	return webassembly.Init(webassembly.Config{
		Context: ctx,
		MinIdle: 0, MaxIdle: r.opts.Instances, MaxTotal: r.opts.Instances,
		FSConfig:      wazero.NewFSConfig(), // no file system: documents come from memory
		RuntimeConfig: rc,
		Stdout:        io.Discard, Stderr: io.Discard,
		ReuseWorkers: true,
	})
}

// Close releases the module and its instances (of every Reader sharing
// them).
func (r *Reader) Close() error {
	if r.eng.pool == nil {
		return nil
	}
	return r.eng.pool.Close()
}

// ErrBroken is returned for a body PDFium cannot open.
var ErrBroken = errors.New("pdf: damaged or encrypted document")

// Read reads a PDF's pages and lays them out. A document cut short (page
// limit, timeout, a page PDFium fails on) is a partial result with
// Warnings; an error means nothing was read.
func (r *Reader) Read(ctx context.Context, body []byte) (*docfile.Document, error) {
	pages, warnings, err := r.Pages(ctx, body)
	if err != nil {
		return nil, err
	}
	d := Layout(pages)
	d.Warnings = append(d.Warnings, warnings...)
	return d, nil
}

// progress is what a read has produced so far, shared between the
// goroutine that drives PDFium and the caller that may stop waiting.
type progress struct {
	mu       sync.Mutex
	pages    []Page
	warnings []string
	total    int  // the document's page count, once known
	stopped  bool // the read saw the deadline and said so in warnings
	max      int  // pages to read
}

// snapshot copies the progress; a read cut short by ctx says so.
func (p *progress) snapshot(ctx context.Context) ([]Page, []string, int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	warnings := slices.Clone(p.warnings)
	if ctx.Err() != nil && !p.stopped && p.total > 0 && len(p.pages) < min(p.total, p.max) {
		warnings = append(warnings, stopped(len(p.pages), p.total, ctx))
	}
	return slices.Clone(p.pages), warnings, p.total
}

// Pages reads the characters, ruling lines and images of each page. PDFium
// runs on a goroutine of its own: the read stops between pages (and every
// few hundred characters) at the deadline, and should one PDFium call run
// past it, Pages returns what was read by then without waiting; the
// instance is discarded once that call returns. (Interrupting calls inside
// the module — wazero's close-on-context-done — costs a goroutine per call,
// four times the CPU of a read.)
func (r *Reader) Pages(ctx context.Context, body []byte) ([]Page, []string, error) {
	if err := r.Init(); err != nil {
		return nil, nil, err
	}
	// Waiting for a free instance is bounded by the caller's context only:
	// the deadline is the document's own reading time, so documents queued
	// behind others are not cut short (and cached so) for having waited.
	inst, err := r.eng.pool.GetInstanceWithContext(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("pdf: get instance: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, r.opts.Timeout)
	defer cancel()
	prog := &progress{}
	done := make(chan error, 1)
	go func() {
		var err error
		defer func() {
			if p := recover(); p != nil {
				err = fmt.Errorf("pdf: pdfium failed: %v", p)
			}
			// An instance that ran past the deadline or read a big
			// document is replaced; others go back to the pool.
			if ctx.Err() != nil || len(body) >= r.opts.KeepBelow || err != nil {
				inst.Kill()
			} else {
				inst.Close()
			}
			done <- err
		}()
		err = r.readAll(ctx, inst, body, prog)
	}()
	select {
	case err := <-done:
		if err != nil {
			return nil, nil, err
		}
		pages, warnings, _ := prog.snapshot(ctx)
		return pages, warnings, nil
	case <-ctx.Done():
		pages, warnings, total := prog.snapshot(ctx)
		if total == 0 {
			return nil, nil, fmt.Errorf("pdf: open document: %w", context.Cause(ctx))
		}
		return pages, warnings, nil
	}
}

func stopped(read, total int, ctx context.Context) string {
	return fmt.Sprintf("PDF reading stopped after %d of %d pages: %v", read, total, context.Cause(ctx))
}

// readAll opens the document and reads its pages into prog.
func (r *Reader) readAll(ctx context.Context, inst pdfium.Pdfium, body []byte, prog *progress) error {
	doc, err := inst.OpenDocument(&requests.OpenDocument{File: &body})
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("pdf: open document: %w", context.Cause(ctx))
		}
		return fmt.Errorf("%w: %v", ErrBroken, err)
	}
	defer inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: doc.Document})
	count, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: doc.Document})
	if err != nil {
		return fmt.Errorf("%w: page count: %v", ErrBroken, err)
	}
	n := min(count.PageCount, r.opts.MaxPages)
	prog.mu.Lock()
	prog.total, prog.max = count.PageCount, n
	if n < count.PageCount {
		prog.warnings = append(prog.warnings, fmt.Sprintf("PDF has %d pages: only the first %d read", count.PageCount, n))
	}
	prog.mu.Unlock()
	for i := 0; i < n; i++ {
		p, err := readPage(ctx, inst, doc.Document, i)
		prog.mu.Lock()
		switch {
		case ctx.Err() != nil:
			prog.warnings = append(prog.warnings, stopped(len(prog.pages), prog.total, ctx))
			prog.stopped = true
			prog.mu.Unlock()
			return nil
		case err != nil:
			prog.warnings = append(prog.warnings, fmt.Sprintf("PDF page %d not read: %v", i+1, err))
		default:
			prog.pages = append(prog.pages, p)
		}
		prog.mu.Unlock()
	}
	return nil
}

// readPage reads one page's characters (loose boxes, which span the font's
// full height, so that a line's characters line up), its thin paths and
// its images, in top-down coordinates.
func readPage(ctx context.Context, inst pdfium.Pdfium, doc references.FPDF_DOCUMENT, index int) (Page, error) {
	var p Page
	pg, err := inst.FPDF_LoadPage(&requests.FPDF_LoadPage{Document: doc, Index: index})
	if err != nil {
		return p, err
	}
	defer inst.FPDF_ClosePage(&requests.FPDF_ClosePage{Page: pg.Page})
	page := requests.Page{ByReference: &pg.Page}
	w, err := inst.FPDF_GetPageWidthF(&requests.FPDF_GetPageWidthF{Page: page})
	if err != nil {
		return p, err
	}
	h, err := inst.FPDF_GetPageHeightF(&requests.FPDF_GetPageHeightF{Page: page})
	if err != nil {
		return p, err
	}
	p.Width, p.Height = float64(w.PageWidth), float64(h.PageHeight)
	tp, err := inst.FPDFText_LoadPage(&requests.FPDFText_LoadPage{Page: page})
	if err != nil {
		return p, err
	}
	defer inst.FPDFText_ClosePage(&requests.FPDFText_ClosePage{TextPage: tp.TextPage})
	nc, err := inst.FPDFText_CountChars(&requests.FPDFText_CountChars{TextPage: tp.TextPage})
	if err != nil {
		return p, err
	}
	for i := 0; i < min(nc.Count, maxChars); i++ {
		if i%256 == 255 && ctx.Err() != nil {
			return p, ctx.Err()
		}
		u, err := inst.FPDFText_GetUnicode(&requests.FPDFText_GetUnicode{TextPage: tp.TextPage, Index: i})
		if err != nil {
			return p, err
		}
		if u.Unicode <= ' ' {
			continue // generated spaces and line breaks: positions say it
		}
		b, err := inst.FPDFText_GetLooseCharBox(&requests.FPDFText_GetLooseCharBox{TextPage: tp.TextPage, Index: i})
		if err != nil {
			return p, err
		}
		rc := b.Rect
		if w, h := rc.Right-rc.Left, rc.Top-rc.Bottom; w > 2*h || max(w, h) > 48 {
			// The loose box of a rotated character covers the span of
			// its rotation; the tight box is where it is.
			tb, err := inst.FPDFText_GetCharBox(&requests.FPDFText_GetCharBox{TextPage: tp.TextPage, Index: i})
			if err != nil {
				return p, err
			}
			rc.Left, rc.Right, rc.Bottom, rc.Top = float32(tb.Left), float32(tb.Right), float32(tb.Bottom), float32(tb.Top)
		}
		p.Chars = append(p.Chars, Char{R: rune(u.Unicode),
			X0: float64(rc.Left), X1: float64(rc.Right), Y0: p.Height - float64(rc.Top), Y1: p.Height - float64(rc.Bottom)})
	}
	no, err := inst.FPDFPage_CountObjects(&requests.FPDFPage_CountObjects{Page: page})
	if err != nil {
		return p, err
	}
	for i := 0; i < no.Count; i++ {
		obj, err := inst.FPDFPage_GetObject(&requests.FPDFPage_GetObject{Page: page, Index: i})
		if err != nil {
			return p, err
		}
		ty, err := inst.FPDFPageObj_GetType(&requests.FPDFPageObj_GetType{PageObject: obj.PageObject})
		if err != nil {
			return p, err
		}
		switch ty.Type {
		case enums.FPDF_PAGEOBJ_IMAGE:
			p.Images++
		case enums.FPDF_PAGEOBJ_PATH:
			if len(p.Rules) >= maxRules {
				continue
			}
			bd, err := inst.FPDFPageObj_GetBounds(&requests.FPDFPageObj_GetBounds{PageObject: obj.PageObject})
			if err != nil {
				return p, err
			}
			r := Rect{X0: float64(bd.Left), X1: float64(bd.Right), Y0: p.Height - float64(bd.Top), Y1: p.Height - float64(bd.Bottom)}
			if min(r.X1-r.X0, r.Y1-r.Y0) <= ruleThick {
				p.Rules = append(p.Rules, r)
				continue
			}
			// One path may draw every border of a table (Chromium's
			// collapsed borders): its thin subpaths are the lines.
			sub, err := subpathRules(inst, obj.PageObject, p.Height)
			if err != nil {
				return p, err
			}
			p.Rules = append(p.Rules, sub[:min(len(sub), maxRules-len(p.Rules))]...)
		}
	}
	return p, nil
}

// maxSegments is how many segments of one path are looked at for ruling
// lines.
const maxSegments = 20000

// subpathRules returns the boxes of a path's thin subpaths (straight
// segments only), in top-down page coordinates.
func subpathRules(inst pdfium.Pdfium, obj references.FPDF_PAGEOBJECT, height float64) ([]Rect, error) {
	n, err := inst.FPDFPath_CountSegments(&requests.FPDFPath_CountSegments{PageObject: obj})
	if err != nil || n.Count > maxSegments {
		return nil, err
	}
	m, err := inst.FPDFPageObj_GetMatrix(&requests.FPDFPageObj_GetMatrix{PageObject: obj})
	if err != nil {
		return nil, err
	}
	mx := m.Matrix
	var out []Rect
	var cur Rect
	points := 0
	flush := func() {
		if points >= 2 && min(cur.X1-cur.X0, cur.Y1-cur.Y0) <= ruleThick && max(cur.X1-cur.X0, cur.Y1-cur.Y0) >= ruleMinLen {
			out = append(out, Rect{cur.X0, height - cur.Y1, cur.X1, height - cur.Y0})
		}
		points = 0
	}
	for i := 0; i < n.Count; i++ {
		seg, err := inst.FPDFPath_GetPathSegment(&requests.FPDFPath_GetPathSegment{PageObject: obj, Index: i})
		if err != nil {
			return nil, err
		}
		ty, err := inst.FPDFPathSegment_GetType(&requests.FPDFPathSegment_GetType{PathSegment: seg.PathSegment})
		if err != nil {
			return nil, err
		}
		pt, err := inst.FPDFPathSegment_GetPoint(&requests.FPDFPathSegment_GetPoint{PathSegment: seg.PathSegment})
		if err != nil {
			return nil, err
		}
		x := float64(mx.A)*float64(pt.X) + float64(mx.C)*float64(pt.Y) + float64(mx.E)
		y := float64(mx.B)*float64(pt.X) + float64(mx.D)*float64(pt.Y) + float64(mx.F)
		if ty.Type == enums.FPDF_SEGMENT_MOVETO {
			flush()
		}
		if points == 0 {
			cur = Rect{x, y, x, y}
		} else {
			cur = Rect{min(cur.X0, x), min(cur.Y0, y), max(cur.X1, x), max(cur.Y1, y)}
		}
		points++
	}
	flush()
	return out, nil
}
