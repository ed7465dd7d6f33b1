package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestReadOnlyOpenOfAMissingFileCreatesNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "typo", "archive.db")
	s, err := Open(path, Options{ReadOnly: true})
	if !errors.Is(err, ErrNoArchive) {
		if err == nil {
			s.Close()
		}
		t.Fatalf("Open(missing, ReadOnly) = %v, want ErrNoArchive", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "typo")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("after a read-only Open of a missing file, its directory exists (stat: %v); want nothing created", err)
	}
}

// A copy of an archive with no write permission (a backup, a read-only
// volume) is read; writes are refused with ErrReadOnly, not a bbolt error.
func TestReadOnlyOpenReadsAReadOnlyFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Log("running as root: file permissions do not stop writes, the read-only open still must not write")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "archive.db")
	s, err := Open(path, Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	v := MustRecord(t, s, ok200("http://a.test/report", 0, "年度报告"))
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o400); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("Open(read-only file, ReadOnly) = %v", err)
	}
	// A second reader shares the file.
	ro2, err := Open(path, Options{ReadOnly: true, Timeout: 100 * time.Millisecond})
	if err != nil {
		t.Fatalf("second read-only Open = %v, want it to share the file", err)
	}
	ro2.Close()
	if _, body, err := ro.Raw(ctx, v.ID); err != nil || string(body) != "年度报告" {
		t.Errorf("Raw = %q, %v; want the archived body", body, err)
	}
	if _, err := ro.Record(ctx, ok200("http://a.test/report", 1, "x")); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Record on a read-only store = %v, want ErrReadOnly", err)
	}
	if err := ro.PutExtraction(ctx, v.ID, "extract/1", []byte("{}")); !errors.Is(err, ErrReadOnly) {
		t.Errorf("PutExtraction on a read-only store = %v, want ErrReadOnly", err)
	}
	if err := ro.Close(); err != nil {
		t.Errorf("Close = %v", err)
	}
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(before) != string(after) {
		t.Errorf("the read-only open changed the file")
	}
}

func TestReadOnlyOpenWaitsForAWriter(t *testing.T) {
	path := filepath.Join(t.TempDir(), "archive.db")
	MustOpenAt(t, path)
	_, err := Open(path, Options{ReadOnly: true, Timeout: 100 * time.Millisecond})
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("read-only Open beside a writer = %v, want ErrLocked", err)
	}
}

func TestReadOnlyOpenRefusesSchema1(t *testing.T) {
	path := filepath.Join(t.TempDir(), "archive.db")
	s, err := Open(path, Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	MustRecord(t, s, ok200("http://a.test/1", 0, "one"))
	s.Close()
	downgradeToV1(t, path)
	_, err = Open(path, Options{ReadOnly: true})
	if !errors.Is(err, ErrSchema) || !strings.Contains(err.Error(), "crawl or serve") {
		t.Errorf("read-only Open of schema 1 = %v, want ErrSchema saying crawl or serve converts it", err)
	}
}
