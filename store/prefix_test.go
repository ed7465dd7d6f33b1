package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestResolveReportID(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	var ids []string
	for i := range 40 {
		r := mustIndex(t, s, ReportEntry{Agency: "甲", Year: 2020, URL: fmt.Sprintf("http://a.test/%d", i)})
		ids = append(ids, r.ID)
	}
	if slices.Contains(ids, "ffffffffffffffff") {
		t.Fatal("a test id is ffffffffffffffff; pick other URLs")
	}
	id := ids[0]
	// A prefix long enough to be unique among 40 ids, and one digit that several share.
	var shared string
	counts := map[string]int{}
	for _, x := range ids {
		counts[x[:1]]++
		if counts[x[:1]] == 2 {
			shared = x[:1]
		}
	}
	tests := []struct {
		name, prefix, want string
		err                error
	}{
		{"whole id", id, id, nil},
		{"upper case", strings.ToUpper(id), id, nil},
		{"unique prefix, odd length", id[:9], id, nil},
		{"unique prefix, even length", id[:10], id, nil},
		{"ambiguous", shared, "", ErrAmbiguous},
		{"no match", "ffffffffffffffff", "", ErrNotFound},
		{"not hex", "xyz", "", ErrInvalid},
		{"too long", id + "0", "", ErrInvalid},
		{"empty", "", "", ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.ResolveReportID(ctx, tt.prefix)
			ok := errors.Is(err, tt.err)
			if tt.err == nil {
				ok = err == nil
			}
			if got != tt.want || !ok {
				t.Errorf("ResolveReportID(%q) = %q, %v; want %q, %v", tt.prefix, got, err, tt.want, tt.err)
			}
		})
	}
	_, err := s.ResolveReportID(ctx, shared)
	var amb *AmbiguousError
	if !errors.As(err, &amb) || len(amb.Matches) != counts[shared] || !strings.Contains(err.Error(), amb.Matches[0]) {
		t.Errorf("ambiguous prefix %q: %v; want an AmbiguousError naming its %d matches", shared, err, counts[shared])
	}
}

// FuzzResolveReportID: any text is answered without a panic, and a
// resolved id is a report's whole id that starts with the prefix.
func FuzzResolveReportID(f *testing.F) {
	for _, seed := range []string{"", "0", "3f", "3F2A", "0123456789abcdef", "0123456789abcdef0", "xyz", "/", "\x00"} {
		f.Add(seed)
	}
	s := MustOpen(f)
	ctx := context.Background()
	for i := range 20 {
		mustIndex(f, s, ReportEntry{Agency: "甲", Year: 2020, URL: fmt.Sprintf("http://a.test/%d", i)})
	}
	f.Fuzz(func(t *testing.T, prefix string) {
		id, err := s.ResolveReportID(ctx, prefix)
		if err != nil {
			if !errors.Is(err, ErrInvalid) && !errors.Is(err, ErrNotFound) && !errors.Is(err, ErrAmbiguous) {
				t.Fatalf("ResolveReportID(%q) = %v: not one of the documented kinds", prefix, err)
			}
			return
		}
		if len(id) != 16 || !strings.HasPrefix(id, strings.ToLower(prefix)) {
			t.Fatalf("ResolveReportID(%q) = %q", prefix, id)
		}
		if _, err := s.Report(ctx, id); err != nil {
			t.Fatalf("resolved id %s: %v", id, err)
		}
	})
}
