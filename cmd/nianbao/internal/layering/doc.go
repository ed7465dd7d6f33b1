// Package layering holds no code: its test keeps the dependencies between
// nianbao's packages pointing one way (docs/architecture.md). It lists
// every package of the module with `go list` and fails on an import a
// package's row of the table does not allow, and on a package the table
// does not know, so a new package must be placed in the layers before it
// can land.
//
// Caveats: the test runs the go command, so it needs the toolchain that
// runs it on PATH; test files are free to import what they need and are
// not checked.
package layering
