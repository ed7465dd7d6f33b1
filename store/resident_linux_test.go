//go:build linux

package store

import (
	"bufio"
	"context"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// mappedResident returns the resident bytes of this process's mappings of
// path, from /proc/self/smaps.
func mappedResident(t *testing.T, path string) int64 {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skipf("no smaps: %v", err)
	}
	defer f.Close()
	var total int64
	inFile := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		switch {
		case len(fields) >= 5 && strings.Contains(fields[0], "-") && !strings.HasSuffix(fields[0], ":"):
			inFile = fields[len(fields)-1] == path
		case inFile && len(fields) == 3 && fields[0] == "Rss:":
			kb, _ := strconv.ParseInt(fields[1], 10, 64)
			total += kb << 10
		}
	}
	return total
}

// randomBodies returns 64 fetches of 64 KiB of random bytes each (stored
// as they are: 4 MiB of blobs) from host.
func randomBodies(host string, seed uint64) []Fetch {
	rng := rand.New(rand.NewPCG(seed, seed+1))
	var fs []Fetch
	for i := range 64 {
		body := make([]byte, 64<<10)
		for j := range body {
			body[j] = byte(rng.Uint32())
		}
		fs = append(fs, ok200(fmt.Sprintf("http://%s/%d", host, i), 0, string(body)))
	}
	return fs
}

func TestReleaseMappedDropsResidentArchivePages(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	fs := randomBodies("a.test", 1)
	vs, err := s.RecordBatch(ctx, fs)
	if err != nil {
		t.Fatal(err)
	}
	var key [hashLen]byte
	// Touch every blob through the map directly, with the clock stopped:
	// the store's own reads and its clock release what is mapped.
	s.releaser.stop()
	if err := s.db.View(func(tx *bolt.Tx) error {
		for _, v := range vs {
			if _, err := hex.Decode(key[:], []byte(v.SHA256)); err != nil {
				return err
			}
			sum := 0
			for _, b := range getBlob(tx, key[:]) {
				sum += int(b)
			}
			_ = sum
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	before := mappedResident(t, s.Path())
	if before < 2<<20 {
		t.Fatalf("after reading 4 MiB of bodies, %d bytes of the archive are resident; want the bodies' pages", before)
	}
	if err := s.releaseMapped(); err != nil {
		t.Fatal(err)
	}
	after := mappedResident(t, s.Path())
	t.Logf("archive pages resident: %d KiB before release, %d KiB after", before>>10, after>>10)
	if after > before/8 {
		t.Errorf("after releaseMapped %d bytes resident, before %d", after, before)
	}
	for i, v := range vs { // the bytes are still there
		if body, err := s.Body(ctx, v.SHA256); err != nil || string(body) != string(fs[i].Body) {
			t.Fatalf("Body after release = %d bytes, %v", len(body), err)
		}
	}
}

// TestReadsLeaveLittleOfTheArchiveResident reads 4 MiB of bodies through
// the store, as the daemon's readers do, and waits for the archive's
// resident pages to fall back: the readers and the clock release them.
func TestReadsLeaveLittleOfTheArchiveResident(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	fs := randomBodies("b.test", 2)
	vs, err := s.RecordBatch(ctx, fs)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		if _, err := s.Body(ctx, v.SHA256); err != nil {
			t.Fatal(err)
		}
	}
	var resident int64
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if resident = mappedResident(t, s.Path()); resident <= 512<<10 {
			return
		}
	}
	t.Errorf("10 s after reading 4 MiB of bodies, %d KiB of the archive are still mapped resident; want at most 512 KiB", resident>>10)
}
