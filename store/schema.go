package store

import (
	"crypto/sha256"
	"encoding/binary"
	"time"
)

// SchemaVersion is the layout this build reads and writes. It is stored
// under metaSchema in the meta bucket; a file with any other value is
// refused with ErrSchema.
const SchemaVersion = 2

// Buckets. All are top-level; there is never a bucket per record.
//
//	meta        "schema"            → uint32 BE SchemaVersion
//	            "stat/<name>"       → uint64 BE running counter (see Stats)
//	versions    seq u64 BE          → version record (codec.go: encodeVersion)
//	urls        urlhash[32]         → URL state record (encodeURLState)
//	            urlhash[32] ‖ time u64 BE ‖ seq u64 BE → empty (the URL's history)
//	bodies      blobseq u64 BE      → blob record (blob.go: codec byte ‖ uvarint raw size ‖ payload)
//	bodyidx     sha256[32]          → blobseq u64 BE
//	reports     rid[8]              → report record (encodeReport)
//	reportidx   agency ‖ 0x00 ‖ year u16 BE ‖ rid[8] → empty
//	extractions seq u64 BE ‖ extractor version → blob record of the cached result
//	runs        portal ‖ 0x00 ‖ start time u64 BE → JSON of Run
//	frontier    portal              → blob record of the JSON frontier
//	events      time u64 BE ‖ event id[16] → event record (scope, data)
//	eventscope  scope ‖ 0x00 ‖ event id[16] → time u64 BE
//	eventmark   scope               → mark u64 BE (how far the scope was derived)
//	outbox      item seq u64 BE     → outbox record (target, event id, body, attempts, next attempt, error, queued)
//	outboxdue   next attempt u64 BE ‖ item seq u64 BE → empty
//	outboxseen  sha256(target)[:8] ‖ event id[16] → time queued u64 BE
//
// urlhash is SHA-256 of the URL exactly as given (for a request other than
// GET, of URL ‖ 0x00 ‖ method ‖ 0x00 ‖ body sent: fetch.go requestKey); time is Unix nanoseconds
// with the sign bit flipped so that keys sort chronologically; seq is the
// version's sequence number (versions bucket NextSequence), which is also
// the version id; blobseq numbers blobs in the order they were stored
// (bodies bucket NextSequence), so a new blob is appended at the end of the
// tree instead of landing on a random page of it; rid is the first 8 bytes
// of SHA-256 of the report's URL. Fields added to the version record
// within schema 2 (a non-GET's request, then the redirect hops; version.go) are
// appended at its end and read only when present, so an older record
// decodes with them empty and an older build ignores them. Schema 1 kept blob records in a bucket
// "blobs" keyed by SHA-256; Open moves such a file to schema 2 (migrate.go).
// The event and outbox buckets (events.go, outbox.go) were added within
// schema 2: Open creates them in a file that lacks them, and a build that
// predates them ignores them.
var (
	bucketMeta        = []byte("meta")
	bucketVersions    = []byte("versions")
	bucketURLs        = []byte("urls")
	bucketBlobs       = []byte("bodies")
	bucketBlobIdx     = []byte("bodyidx")
	bucketReports     = []byte("reports")
	bucketReportIdx   = []byte("reportidx")
	bucketExtractions = []byte("extractions")
	bucketRuns        = []byte("runs")
	bucketFrontier    = []byte("frontier")
	bucketEvents      = []byte("events")
	bucketEventScope  = []byte("eventscope")
	bucketEventMark   = []byte("eventmark")
	bucketOutbox      = []byte("outbox")
	bucketOutboxDue   = []byte("outboxdue")
	bucketOutboxSeen  = []byte("outboxseen")

	allBuckets = [][]byte{
		bucketMeta, bucketVersions, bucketURLs, bucketBlobs, bucketBlobIdx,
		bucketReports, bucketReportIdx, bucketExtractions, bucketRuns, bucketFrontier,
	}

	// addedBuckets joined schema 2 after files were written with it; Open
	// creates any that an existing file lacks.
	addedBuckets = [][]byte{
		bucketEvents, bucketEventScope, bucketEventMark, bucketOutbox, bucketOutboxDue, bucketOutboxSeen,
	}

	metaSchema = []byte("schema")
)

const (
	hashLen     = sha256.Size
	seqLen      = 8
	timeLen     = 8
	ridLen      = 8
	eventIDLen  = 16
	byURLKeyLen = hashLen + timeLen + seqLen
	sep         = 0x00
)

// urlHash is the fixed-width key of a URL.
func urlHash(url string) [hashLen]byte { return sha256.Sum256([]byte(url)) }

// timeKey encodes t so that byte order is time order, including before 1970.
func timeKey(t time.Time) uint64 { return uint64(t.UnixNano()) ^ (1 << 63) }

func timeFromKey(k uint64) time.Time { return time.Unix(0, int64(k^(1<<63))).UTC() }

func seqKey(seq uint64) []byte { return binary.BigEndian.AppendUint64(nil, seq) }

// seqFromKey undoes seqKey.
func seqFromKey(k []byte) uint64 { return binary.BigEndian.Uint64(k) }

// byURLKey is urlhash ‖ time ‖ seq: a history entry in the urls bucket.
func byURLKey(h [hashLen]byte, t uint64, seq uint64) []byte {
	k := make([]byte, 0, byURLKeyLen)
	k = append(k, h[:]...)
	k = binary.BigEndian.AppendUint64(k, t)
	return binary.BigEndian.AppendUint64(k, seq)
}

// seqFromByURLKey returns the version sequence at the end of a history key.
func seqFromByURLKey(k []byte) uint64 { return binary.BigEndian.Uint64(k[hashLen+timeLen:]) }

// reportIdxKey is agency ‖ 0x00 ‖ year ‖ rid.
func reportIdxKey(agency string, year int, rid []byte) []byte {
	k := make([]byte, 0, len(agency)+1+2+ridLen)
	k = append(k, agency...)
	k = append(k, sep)
	k = binary.BigEndian.AppendUint16(k, uint16(year))
	return append(k, rid...)
}

// splitReportIdxKey undoes reportIdxKey; ok is false for a malformed key.
func splitReportIdxKey(k []byte) (agency []byte, year int, rid []byte, ok bool) {
	n := len(k) - 1 - 2 - ridLen
	if n < 0 || k[n] != sep {
		return nil, 0, nil, false
	}
	return k[:n], int(binary.BigEndian.Uint16(k[n+1:])), k[n+3:], true
}

// runKey is portal ‖ 0x00 ‖ start time.
func runKey(portal string, start time.Time) []byte {
	k := make([]byte, 0, len(portal)+1+timeLen)
	k = append(k, portal...)
	k = append(k, sep)
	return binary.BigEndian.AppendUint64(k, timeKey(start))
}

// extractionKey is seq ‖ extractor version.
func extractionKey(seq uint64, extractor string) []byte {
	return append(seqKey(seq), extractor...)
}
