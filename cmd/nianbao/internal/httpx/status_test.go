package httpx_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/httpx"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/service"
	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/store"
)

func TestStatusOf(t *testing.T) {
	tests := []struct {
		err  error
		want int
	}{
		{fmt.Errorf("%w: year", service.ErrInvalid), 400},
		{fmt.Errorf("report x: %w", store.ErrNotFound), 404},
		{fmt.Errorf("cursor: %w", store.ErrInvalid), 400},
		{fmt.Errorf("%w: --warc", service.ErrUnsupported), 501},
		{fmt.Errorf("extract version v: %w", extract.ErrUnsupported), 422},
		{extract.ErrEmpty, 422},
		{errors.New("disk on fire"), 500},
	}
	for _, tt := range tests {
		if got := httpx.StatusOf(tt.err); got != tt.want {
			t.Errorf("httpx.StatusOf(%v) = %d, want %d", tt.err, got, tt.want)
		}
	}
}
