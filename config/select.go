package config

import (
	"fmt"
	"slices"
	"strings"
)

// Portal returns the portal named name.
func (c *Config) Portal(name string) (Portal, bool) {
	for _, p := range c.Portals {
		if p.Name == name {
			return p, true
		}
	}
	return Portal{}, false
}

// maxListedNames bounds how many configured names an unknown-portal error
// lists: a config of a hundred thousand portals is not printed whole.
const maxListedNames = 20

// Select returns the portals with the given names, in the order given, or
// all portals when names is empty. An unknown name is an error wrapping
// ErrUnknownPortal that suggests the closest configured name (within two
// edits) and lists the names configured (all of them when there are at
// most 20, else the 20 closest).
func (c *Config) Select(names []string) ([]Portal, error) {
	if len(names) == 0 {
		return slices.Clone(c.Portals), nil
	}
	out := make([]Portal, 0, len(names))
	for _, name := range names {
		p, ok := c.Portal(name)
		if !ok {
			return nil, c.unknownPortal(name)
		}
		out = append(out, p)
	}
	return out, nil
}

// unknownPortal builds Select's error for name.
func (c *Config) unknownPortal(name string) error {
	type scored struct {
		name string
		dist int
	}
	all := make([]scored, len(c.Portals))
	for i, p := range c.Portals {
		all[i] = scored{p.Name, editDistance(strings.ToLower(name), strings.ToLower(p.Name))}
	}
	slices.SortStableFunc(all, func(a, b scored) int { return a.dist - b.dist })
	var hint string
	if len(all) > 0 && all[0].dist <= 2 {
		hint = fmt.Sprintf(" (did you mean %q?)", all[0].name)
	}
	listed := "names"
	if len(all) > maxListedNames {
		all, listed = all[:maxListedNames], fmt.Sprintf("%d closest names", maxListedNames)
	}
	shown := make([]string, len(all))
	for i, s := range all {
		shown[i] = s.name
	}
	if len(all) > 0 && len(c.Portals) <= maxListedNames {
		slices.Sort(shown) // the whole list reads best in order
	}
	if len(shown) == 0 {
		return fmt.Errorf("%w %q: no portals are configured in %s", ErrUnknownPortal, name, c.File)
	}
	return fmt.Errorf("%w %q%s; %d portals are configured in %s, %s: %s",
		ErrUnknownPortal, name, hint, len(c.Portals), c.File, listed, strings.Join(shown, ", "))
}
