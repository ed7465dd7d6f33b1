package store

import (
	"encoding/binary"
	"fmt"
)

// The record codec: a format byte, then fields in a fixed order, each a
// uvarint/varint or a uvarint length followed by that many bytes. Compact
// and fast for the millions of version records; decoding never panics on
// damaged input, it reports ErrCorrupt.

// recordFormat is the first byte of every record this build writes.
const recordFormat = 1

type encoder struct{ b []byte }

func newEncoder(size int) *encoder {
	e := &encoder{b: make([]byte, 0, size)}
	e.b = append(e.b, recordFormat)
	return e
}

func (e *encoder) uint(v uint64)   { e.b = binary.AppendUvarint(e.b, v) }
func (e *encoder) int(v int64)     { e.b = binary.AppendVarint(e.b, v) }
func (e *encoder) bytes(p []byte)  { e.uint(uint64(len(p))); e.b = append(e.b, p...) }
func (e *encoder) string(s string) { e.uint(uint64(len(s))); e.b = append(e.b, s...) }

// decoder reads fields in the order they were encoded. The first failure
// sticks: later reads return zero values and err reports what went wrong.
type decoder struct {
	b   []byte
	err error
}

func newDecoder(b []byte, what string) *decoder {
	d := &decoder{b: b}
	switch {
	case len(b) == 0:
		d.err = fmt.Errorf("store: decode %s: empty record: %w", what, ErrCorrupt)
	case b[0] != recordFormat:
		d.err = fmt.Errorf("store: decode %s: record format %d: %w", what, b[0], ErrCorrupt)
	default:
		d.b = b[1:]
	}
	return d
}

func (d *decoder) fail(field string) {
	if d.err == nil {
		d.err = fmt.Errorf("store: decode field %s: %w", field, ErrCorrupt)
	}
	d.b = nil
}

// more reports whether fields remain: records grow by appending optional
// fields, and a record written before them simply ends.
func (d *decoder) more() bool { return d.err == nil && len(d.b) > 0 }

func (d *decoder) uint(field string) uint64 { return readNumber(d, field, binary.Uvarint) }
func (d *decoder) int(field string) int64   { return readNumber(d, field, binary.Varint) }

func readNumber[T uint64 | int64](d *decoder, field string, read func([]byte) (T, int)) T {
	if d.err != nil {
		return 0
	}
	v, n := read(d.b)
	if n <= 0 {
		d.fail(field)
		return 0
	}
	d.b = d.b[n:]
	return v
}

// bytes returns a copy, so the result outlives the transaction.
func (d *decoder) bytes(field string) []byte {
	n := d.uint(field)
	if d.err != nil {
		return nil
	}
	if n > uint64(len(d.b)) {
		d.fail(field)
		return nil
	}
	p := append([]byte(nil), d.b[:n]...)
	d.b = d.b[n:]
	return p
}

func (d *decoder) string(field string) string {
	n := d.uint(field)
	if d.err != nil {
		return ""
	}
	if n > uint64(len(d.b)) {
		d.fail(field)
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}
