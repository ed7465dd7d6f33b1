//go:build linux

package store

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
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

func TestReleaseMappedDropsResidentArchivePages(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(1, 2))
	var fs []Fetch
	for i := range 64 {
		body := make([]byte, 64<<10) // random bytes: stored as they are
		for j := range body {
			body[j] = byte(rng.Uint32())
		}
		fs = append(fs, ok200(fmt.Sprintf("http://a.test/%d", i), 0, string(body)))
	}
	vs, err := s.RecordBatch(ctx, fs)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		if _, err := s.Body(ctx, v.SHA256); err != nil {
			t.Fatal(err)
		}
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
