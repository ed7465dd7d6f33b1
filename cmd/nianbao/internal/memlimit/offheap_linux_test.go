//go:build linux

package memlimit

import (
	"syscall"
	"testing"
)

func TestStatusKiB(t *testing.T) {
	status := []byte("Name:\tnianbao\nVmRSS:\t  120000 kB\nRssAnon:\t   81920 kB\nRssFile:\t   38080 kB\n")
	for _, c := range []struct {
		name string
		want int64
		ok   bool
	}{
		{"RssAnon:", 81920 << 10, true},
		{"RssFile:", 38080 << 10, true},
		{"RssShmem:", 0, false},
	} {
		if got, ok := statusKiB(status, c.name); got != c.want || ok != c.ok {
			t.Errorf("statusKiB(%q) = %d, %v; want %d, %v", c.name, got, ok, c.want, c.ok)
		}
	}
}

// TestOffHeapSeesMemoryGoDoesNotManage maps and touches 32 MiB outside
// the Go heap, as wazero does for PDFium, and expects OffHeap to grow by
// about that much.
func TestOffHeapSeesMemoryGoDoesNotManage(t *testing.T) {
	before, ok := OffHeap()
	if !ok {
		t.Skip("no /proc/self/status")
	}
	const size = 32 << 20
	mem, err := syscall.Mmap(-1, 0, size, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		t.Fatal(err)
	}
	defer syscall.Munmap(mem)
	for i := 0; i < size; i += 4096 {
		mem[i] = 1
	}
	after, _ := OffHeap()
	if grew := after - before; grew < size*7/8 || grew > size*2 {
		t.Errorf("OffHeap grew by %d MiB after touching %d MiB outside Go, want about that", grew>>20, size>>20)
	}
}
