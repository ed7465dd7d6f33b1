package daemon

import (
	"sync"

	"github.com/nianbao/nianbao/config"
)

// portalSet is the configured portal list, replaced whole on a reload.
// Safe for concurrent use; the returned slice must not be modified.
type portalSet struct {
	mu   sync.RWMutex
	list []config.Portal
}

func (p *portalSet) get() []config.Portal {
	p.mu.RLock()
	defer p.mu.RUnlock()
	return p.list
}

func (p *portalSet) set(list []config.Portal) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.list = list
}
