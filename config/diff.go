package config

import (
	"reflect"
	"slices"
)

// Changes says how one config differs from the one before, in the terms a
// running daemon acts on.
type Changes struct {
	Added   []string // portals only the new config has, in its order
	Removed []string // portals only the old config has, in its order
	Changed []string // portals in both whose effective settings differ, in the new order

	// Restart lists the settings whose new value takes effect only when
	// the process restarts: "storage.path", "http.listen".
	Restart []string
}

// Empty reports whether nothing changed.
func (c Changes) Empty() bool {
	return len(c.Added) == 0 && len(c.Removed) == 0 && len(c.Changed) == 0 && len(c.Restart) == 0
}

// Diff compares two configs; a nil old config has no portals. Portals are
// matched by name; a portal that only moved in the file (a different Line)
// has not changed. A change to the top-level crawl defaults or timezone
// shows up as a change of every portal it reaches.
func Diff(old, cur *Config) Changes {
	var ch Changes
	if old == nil {
		old = &Config{Storage: cur.Storage, HTTP: cur.HTTP}
	}
	before := make(map[string]Portal, len(old.Portals))
	for _, p := range old.Portals {
		before[p.Name] = p
	}
	seen := make(map[string]bool, len(cur.Portals))
	for _, p := range cur.Portals {
		seen[p.Name] = true
		q, ok := before[p.Name]
		switch {
		case !ok:
			ch.Added = append(ch.Added, p.Name)
		case !samePortal(p, q):
			ch.Changed = append(ch.Changed, p.Name)
		}
	}
	for _, p := range old.Portals {
		if !seen[p.Name] {
			ch.Removed = append(ch.Removed, p.Name)
		}
	}
	if old.Storage != cur.Storage {
		ch.Restart = append(ch.Restart, "storage.path")
	}
	if old.HTTP.Listen != cur.HTTP.Listen {
		ch.Restart = append(ch.Restart, "http.listen")
	}
	if old.HTTP.Timezone != cur.HTTP.Timezone {
		ch.Restart = append(ch.Restart, "http.timezone")
	}
	return ch
}

// samePortal compares every setting of two portals except their line.
func samePortal(a, b Portal) bool {
	hostsEqual := slices.Equal(a.AllowedHosts, b.AllowedHosts)
	a.AllowedHosts, b.AllowedHosts = nil, nil
	a.Line, b.Line = 0, 0
	return hostsEqual && reflect.DeepEqual(a, b)
}
