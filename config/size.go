package config

import (
	"fmt"
	"math"
	"strings"

	"github.com/dustin/go-humanize"
)

// ParseSize reads a byte size such as "20MiB", "512KiB", "1GB" or "1.5 MiB".
// Binary units (KiB, MiB, GiB) are powers of 1024; decimal ones (kB, MB, GB,
// and the bare K, M, G) powers of 1000; a plain number is bytes. Units are
// case-insensitive. The size must be positive and fit in an int64.
func ParseSize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	n, err := humanize.ParseBytes(t)
	if err != nil && strings.Contains(err.Error(), "too large") {
		return 0, fmt.Errorf("%q: size too large", s)
	}
	if err != nil || t == "" || strings.HasPrefix(t, "-") {
		return 0, fmt.Errorf("%q is not a size (write e.g. 20MiB, 512KiB or 1GB)", s)
	}
	if n == 0 {
		return 0, fmt.Errorf("%q: size must be positive", s)
	}
	if n > math.MaxInt64 {
		return 0, fmt.Errorf("%q: size too large", s)
	}
	return int64(n), nil
}

// FormatSize writes n bytes in the largest binary unit that divides it
// exactly ("20MiB", "512KiB", "1000B"), so that ParseSize(FormatSize(n)) == n.
func FormatSize(n int64) string {
	units := []string{"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"}
	i := 0
	for n != 0 && n%1024 == 0 && i < len(units)-1 {
		n /= 1024
		i++
	}
	return fmt.Sprintf("%d%s", n, units[i])
}
