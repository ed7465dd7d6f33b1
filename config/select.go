package config

import (
	"fmt"
	"slices"
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

// Select returns the portals with the given names, in the order given, or
// all portals when names is empty. An unknown name is an error wrapping
// ErrUnknownPortal that lists the names that exist.
func (c *Config) Select(names []string) ([]Portal, error) {
	if len(names) == 0 {
		return slices.Clone(c.Portals), nil
	}
	out := make([]Portal, 0, len(names))
	for _, name := range names {
		p, ok := c.Portal(name)
		if !ok {
			return nil, fmt.Errorf("%w %q (%d portals configured in %s)", ErrUnknownPortal, name, len(c.Portals), c.File)
		}
		out = append(out, p)
	}
	return out, nil
}
