package pdf

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// shared is one Reader for the package's tests: the module is compiled
// once per test binary (from wazero's cache when the user cache has it).
var shared struct {
	once sync.Once
	r    *Reader
}

func reader(tb testing.TB) *Reader {
	tb.Helper()
	shared.once.Do(func() {
		dir, err := os.UserCacheDir()
		if err == nil {
			dir = filepath.Join(dir, "nianbao", "wazero")
		}
		shared.r = New(Options{CacheDir: dir})
	})
	if err := shared.r.Init(); err != nil {
		tb.Fatal(err)
	}
	return shared.r
}

func fixture(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "documents", name))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func TestReadPageLimit(t *testing.T) {
	d, err := reader(t).WithLimits(20, 0).Read(context.Background(), fixture(t, "pages200.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if d.Pages != 20 || len(d.Warnings) != 1 || d.Warnings[0] != "PDF has 200 pages: only the first 20 read" {
		t.Errorf("pages %d, warnings %q", d.Pages, d.Warnings)
	}
	if len(d.Blocks) != 20 || d.Blocks[19].Text != "正文第20段" {
		t.Errorf("blocks = %s", dump(d))
	}
}

// A document that runs past its deadline is cut off with a warning (or
// not read at all), promptly; the pool replaces the interrupted instance.
func TestReadTimeout(t *testing.T) {
	r := reader(t)
	start := time.Now()
	d, err := r.WithLimits(200, 30*time.Millisecond).Read(context.Background(), fixture(t, "pages200.pdf"))
	if time.Since(start) > 10*time.Second {
		t.Errorf("a 30 ms deadline took %v", time.Since(start))
	}
	switch {
	case err != nil:
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("error = %v, want a deadline", err)
		}
	case d.Pages >= 200 || !strings.Contains(strings.Join(d.Warnings, " "), "stopped after"):
		t.Errorf("pages %d, warnings %q; want a partial read", d.Pages, d.Warnings)
	}
	d, err = r.Read(context.Background(), fixture(t, "report.pdf"))
	if err != nil || d.Pages != 2 || len(d.Warnings) != 0 {
		t.Fatalf("read after a timeout: %v, %+v", err, d)
	}
}

func TestReadBroken(t *testing.T) {
	for name, body := range map[string][]byte{
		"garbage":   []byte("%PDF-1.7\n1 0 obj << /Type /Catalog"),
		"truncated": fixture(t, "report.pdf")[:200],
	} {
		if _, err := reader(t).Read(context.Background(), body); !errors.Is(err, ErrBroken) {
			t.Errorf("%s: error = %v, want ErrBroken", name, err)
		}
	}
}

// Readers share the pool safely (run with -race).
func TestReadConcurrent(t *testing.T) {
	r := reader(t)
	body := fixture(t, "report.pdf")
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Go(func() {
			d, err := r.Read(context.Background(), body)
			if err == nil && len(d.Blocks) == 0 {
				err = errors.New("no blocks")
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}
