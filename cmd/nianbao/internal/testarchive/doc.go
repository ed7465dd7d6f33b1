// Package testarchive builds the archives nianbao's command, API, web UI
// and daemon tests read, and holds the test helpers they share: the
// report fixture, substring checks and a discarding logger. (Golden files
// are compared with gotest.tools/v3/golden, as everywhere in the module.)
//
// Basics: Seed builds an archive holding one real report page (the
// fixture, 宿迁市人民政府's 2021 report) fetched four times — new,
// unchanged, edited, failed — classified by the real extractor through
// the service's Classifier and indexed, as a crawl would leave it. SeedUI
// adds two more edited versions, the agency's 2020 report and index
// entries of other agencies. Both close the archive again, so the caller
// can open it (or hand its path to a command).
//
// Caveats: it is imported by tests only, and takes a testing.TB. Its
// archives use a fixed clock (T0) and are rebuilt per test.
package testarchive
