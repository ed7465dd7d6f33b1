package httpx_test

import (
	"errors"
	"net/url"
	"testing"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/httpx"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/service"
)

func TestParseLimit(t *testing.T) {
	tests := []struct {
		in      string
		want    int
		invalid bool
	}{
		{"", httpx.DefaultLimit, false}, {"1", 1, false}, {"500", 500, false},
		{"0", 0, true}, {"501", 0, true}, {"-3", 0, true}, {"ten", 0, true}, {"1e3", 0, true},
	}
	for _, tt := range tests {
		got, err := httpx.ParseLimit(url.Values{"limit": {tt.in}})
		if (err != nil) != tt.invalid || got != tt.want {
			t.Errorf("httpx.ParseLimit(%q) = %d, %v; want %d, invalid=%v", tt.in, got, err, tt.want, tt.invalid)
		}
		if err != nil && !errors.Is(err, service.ErrInvalid) {
			t.Errorf("httpx.ParseLimit(%q) error %v is not service.ErrInvalid", tt.in, err)
		}
	}
}
