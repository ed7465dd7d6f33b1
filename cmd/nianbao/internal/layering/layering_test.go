package layering

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/nianbao/nianbao"

// allowed is each package's row: the packages of the module it may import
// (paths relative to the module). Everything below cmd/nianbao/internal
// is written internal/….
var allowed = map[string][]string{
	"config":              nil,
	"store":               nil,
	"store/warc":          {"store"},
	"store/warc/warctest": nil,
	"extract": {"extract/zhconv", "extract/charset", "extract/docfile", "extract/pdf", "extract/docx",
		"extract/xlsx", "extract/ofd"},
	"extract/charset":   nil,
	"extract/zhconv":    nil,
	"extract/docfile":   nil,
	"extract/pdf":       {"extract/docfile"},
	"extract/docx":      {"extract/docfile"},
	"extract/xlsx":      {"extract/docfile"},
	"extract/ofd":       {"extract/docfile", "extract/pdf"},
	"crawler":           {"config", "store", "extract/charset", "extract/zhconv"},
	"crawler/portalsim": nil,

	// The report service is the only way the HTTP surfaces reach the
	// archive; the daemon wires everything; main holds the CLI.
	"internal/service":     {"config", "crawler", "extract", "store", "store/warc"},
	"internal/httpx":       {"internal/service", "internal/watch", "extract", "store"},
	"internal/api":         {"internal/service", "internal/httpx", "internal/watch", "config", "store"},
	"internal/webui":       {"internal/service", "internal/httpx", "internal/watch", "extract", "store"},
	"internal/daemon":      {"internal/service", "internal/httpx", "internal/api", "internal/webui", "internal/watch", "config", "crawler", "store"},
	"internal/testarchive": {"internal/service", "config", "crawler", "extract", "store"},
	"internal/layering":    nil,
	"internal/watch":       {"config", "extract", "store"},
	"internal/export":      {"extract"},
	"internal/memlimit":    nil,
	"cmd/nianbao": {"internal/service", "internal/httpx", "internal/api", "internal/daemon", "internal/watch",
		"internal/export", "internal/memlimit", "config", "crawler", "extract", "store", "store/warc"},
}

// viaServiceOnly are the packages that must not take the store out of the
// service (service.Service.Store is for wiring the crawler).
var viaServiceOnly = []string{"internal/api", "internal/webui"}

// pkg is what `go list -json` says of a package.
type pkg struct {
	ImportPath string
	Dir        string
	GoFiles    []string
	Imports    []string
}

// short is a module path relative to the module, cmd/nianbao/internal/…
// written internal/….
func short(path string) (string, bool) {
	rel, ok := strings.CutPrefix(path, module+"/")
	if !ok {
		return "", false
	}
	if r, ok := strings.CutPrefix(rel, "cmd/nianbao/"); ok && strings.HasPrefix(r, "internal/") {
		rel = r
	}
	return rel, true
}

func listModule(t *testing.T) []pkg {
	t.Helper()
	cmd := exec.Command("go", "list", "-json", module+"/...")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	var pkgs []pkg
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p pkg
		err := dec.Decode(&p)
		if errors.Is(err, io.EOF) {
			return pkgs
		}
		if err != nil {
			t.Fatalf("go list output: %v", err)
		}
		pkgs = append(pkgs, p)
	}
}

// TestLayering checks every package's imports against its row.
func TestLayering(t *testing.T) {
	pkgs := listModule(t)
	if len(pkgs) < len(allowed) {
		t.Fatalf("go list found %d packages, the table has %d", len(pkgs), len(allowed))
	}
	seen := map[string]bool{}
	for _, p := range pkgs {
		name, _ := short(p.ImportPath)
		seen[name] = true
		ok, known := allowed[name]
		if !known {
			t.Errorf("package %s is not in the layering table: add its row (and to docs/architecture.md)", p.ImportPath)
			continue
		}
		for _, imp := range p.Imports {
			dep, internal := short(imp)
			if internal && !slices.Contains(ok, dep) {
				t.Errorf("%s imports %s; it may import only %v", name, dep, ok)
			}
		}
		if slices.Contains(viaServiceOnly, name) {
			for _, f := range p.GoFiles {
				src, err := os.ReadFile(filepath.Join(p.Dir, f))
				if err != nil {
					t.Fatal(err)
				}
				if bytes.Contains(src, []byte(".Store()")) {
					t.Errorf("%s/%s takes the store out of the service: read through service.Service's methods", name, f)
				}
			}
		}
	}
	for name := range allowed {
		if !seen[name] {
			t.Errorf("the layering table names %s, which go list does not find", name)
		}
	}
}
