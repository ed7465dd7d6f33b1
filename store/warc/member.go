package warc

import (
	"bufio"
	"fmt"
	"io"

	"github.com/klauspost/compress/gzip"
)

// memberWriter frames each record in its own gzip member, the layout
// .warc.gz readers expect so that an index can point at a record's offset
// and a reader can start there.
type memberWriter struct {
	cw *countingWriter
	bw *bufio.Writer
	gz *gzip.Writer
}

func newMemberWriter(w io.Writer) *memberWriter {
	cw := &countingWriter{w: w}
	bw := bufio.NewWriterSize(cw, 64<<10)
	return &memberWriter{cw: cw, bw: bw, gz: gzip.NewWriter(bw)}
}

// member runs write on a fresh gzip member, closes the member and flushes
// it to the underlying writer. It returns the compressed size of the
// member as written so far.
func (m *memberWriter) member(write func(io.Writer) error) (int64, error) {
	start := m.cw.n + int64(m.bw.Buffered())
	m.gz.Reset(m.bw)
	err := write(m.gz)
	if cerr := m.gz.Close(); err == nil {
		err = cerr
	}
	if ferr := m.bw.Flush(); err == nil {
		err = ferr
	}
	n := m.cw.n + int64(m.bw.Buffered()) - start
	if err != nil {
		return n, fmt.Errorf("gzip member: %w", err)
	}
	return n, nil
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
