package config

import (
	"bytes"
	_ "embed" // the default config
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// maxFileSize bounds the config files read: far above a list of 10 000
// portals (about 2 MB), far below anything that could hurt.
const maxFileSize = 64 << 20

// defaultYAML is the embedded default config (strings are immutable).
//
//go:embed default.yaml
var defaultYAML string

// yamlLine matches the position the YAML library puts in its syntax errors.
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// Load reads and validates the config file at path; an empty path means the
// embedded default list (see Default). The error is a *ValidationError
// (errors.Is(err, ErrInvalid)) when the file was read but is not valid, and
// wraps the os error when it cannot be read.
func Load(path string) (*Config, error) {
	if path == "" {
		return Default()
	}
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) { // its text repeats the path: "open x.yaml: …"
			return nil, fmt.Errorf("config: read %s: %w", path, pe.Err)
		}
		return nil, fmt.Errorf("config: read %s: %w", path, err)
	}
	return Parse(path, data)
}

// Default parses the embedded default config: a starting list of real 年报
// columns across provinces, levels and CMS families. Its File is
// EmbeddedFile.
func Default() (*Config, error) {
	return Parse(EmbeddedFile, DefaultYAML())
}

// DefaultYAML returns the text of the embedded default config, with its
// comments: a file to copy and edit (e.g. for a `nianbao config default`
// command). The slice is a copy.
func DefaultYAML() []byte {
	return []byte(defaultYAML)
}

// Parse validates data as a config file called name (used in problems) and
// returns it with every default filled in. It returns either a config or an
// error, never both: a *ValidationError listing every problem found, each
// with its line and field. Parse is safe for concurrent use.
func Parse(name string, data []byte) (cfg *Config, err error) {
	return parse(name, data, defaultChunking)
}

// parse is Parse with the given chunking of large portal lists.
func parse(name string, data []byte, chunking chunking) (cfg *Config, err error) {
	d := &decoder{file: name}
	if len(data) > maxFileSize {
		d.problem(nil, "", "file too large (%d bytes, at most %d)", len(data), maxFileSize)
		return nil, d.err()
	}
	if line, ok := invalidUTF8(data); ok {
		d.problems = append(d.problems, Problem{File: name, Line: line, Message: "not UTF-8 text (save the file as UTF-8; GBK is not read)"})
		return nil, d.err()
	}
	if head, items, ok := splitPortals(data, chunking.min); ok {
		// A large plain portals list is read a chunk at a time (chunks.go);
		// when the split meets what it cannot read, the whole file is
		// parsed below with a fresh decoder.
		dc := &decoder{file: name}
		if root := dc.yaml(head); root != nil {
			if cfg, ok := dc.document(root, func(each func(*yaml.Node, string)) bool {
				return dc.chunks(data, items, chunking.size, each)
			}); ok {
				if err := dc.err(); err != nil {
					return nil, err
				}
				return cfg, nil
			}
		}
	}
	root := d.yaml(data)
	if root == nil {
		return nil, d.err()
	}
	cfg, _ = d.document(root, nil)
	if err := d.err(); err != nil {
		return nil, err
	}
	return cfg, nil
}

// yaml parses data into a node tree; it returns nil after recording a
// problem.
func (d *decoder) yaml(data []byte) (root *yaml.Node) {
	defer func() {
		// The YAML library is third-party code fed with untrusted input: a
		// panic in it becomes a problem with the file, not a crash.
		if r := recover(); r != nil {
			d.problem(nil, "", "invalid YAML (the parser failed: %v)", r)
			root = nil
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			d.problem(nil, "", "the file is empty")
		} else {
			d.syntax(data, err)
		}
		return nil
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == nil:
		d.problem(&next, "", "a config file holds one YAML document; remove the second (---)")
		return nil
	case !errors.Is(err, io.EOF):
		d.syntax(data, err)
		return nil
	}
	if len(doc.Content) == 0 || isNull(doc.Content[0]) {
		d.problem(nil, "", "the file is empty")
		return nil
	}
	return doc.Content[0]
}

// syntax records a YAML syntax error.
func (d *decoder) syntax(data []byte, err error) {
	if line, msg, ok := locateSyntaxError(data); ok {
		d.problems = append(d.problems, Problem{File: d.file, Line: line, Message: "invalid YAML: " + strings.ReplaceAll(msg, "\t", `\t`)})
		return
	}
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		d.problems = append(d.problems, Problem{File: d.file, Line: line, Message: "invalid YAML: " + m[2]})
		return
	}
	d.problem(nil, "", "invalid YAML: %s", strings.TrimPrefix(msg, "yaml: "))
}

// invalidUTF8 returns the line of the first byte that is not UTF-8.
func invalidUTF8(data []byte) (int, bool) {
	if utf8.Valid(data) {
		return 0, false
	}
	line := 1
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size <= 1 {
			return line, true
		}
		if r == '\n' {
			line++
		}
		data = data[size:]
	}
	return line, true
}
