package api_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/api"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/service"
)

func TestSliceCursor(t *testing.T) {
	items := []int{1, 2, 3, 4, 5}
	var got []int
	cursor := ""
	for range 10 {
		page, next, err := api.SliceCursor(items, 2, cursor)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, page...)
		if next == "" {
			break
		}
		cursor = next
	}
	if fmt.Sprint(got) != fmt.Sprint(items) {
		t.Errorf("paged %v, want %v", got, items)
	}
	for _, bad := range []string{"x", "-1", "6"} {
		if _, _, err := api.SliceCursor(items, 2, bad); !errors.Is(err, service.ErrInvalid) {
			t.Errorf("cursor %q: err %v, want service.ErrInvalid", bad, err)
		}
	}
}
