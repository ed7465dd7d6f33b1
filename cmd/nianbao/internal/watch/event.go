package watch

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"

	"github.com/nianbao/nianbao/extract"
)

// Kind is what happened.
type Kind string

// The event kinds. config.EventKinds lists the same names for the
// notify: list (a test keeps the two equal).
const (
	KindNew       Kind = "report_new"       // a report's page first answered with content
	KindChanged   Kind = "report_changed"   // its content (tables, section text, title, year, date) changed
	KindWithdrawn Kind = "report_withdrawn" // its page started answering 404/410
	KindRestored  Kind = "report_restored"  // a withdrawn page answered with content again
	KindLate      Kind = "report_late"      // the agency-year's report is dated after the deadline
	KindMissing   Kind = "report_missing"   // the deadline passed and the archive holds no report for the agency-year
	KindBroken    Kind = "portal_broken"    // a crawl run of a portal raised coverage flags after one that did not
)

// Kinds lists every kind in the order above.
var Kinds = []Kind{KindNew, KindChanged, KindWithdrawn, KindRestored, KindLate, KindMissing, KindBroken}

// Event is one derived event, as the feed, the API, the CLI and webhooks
// carry it (JSON field names are the contract).
type Event struct {
	// ID is 32 hex digits derived from the event's inputs (kind, report,
	// versions, agency, year), so deriving again — a rebuild, a backfill —
	// gives the same ID. Webhooks send it as the idempotency key.
	ID        string    `json:"id"`
	Kind      Kind      `json:"kind"`
	Time      time.Time `json:"time"`
	Agency    string    `json:"agency"`
	Region    string    `json:"region,omitempty"`
	Level     string    `json:"level,omitempty"`
	Portal    string    `json:"portal,omitempty"`
	Year      int       `json:"year,omitempty"`
	ReportID  string    `json:"report_id,omitempty"`
	Title     string    `json:"title,omitempty"`
	URL       string    `json:"url,omitempty"`      // the report's page
	Versions  []string  `json:"versions,omitempty"` // archive version ids: [new], [old, new], [last content, gone], [gone, back]
	Link      string    `json:"link"`               // path of the web UI page that shows it
	Published string    `json:"published,omitempty"`
	Deadline  string    `json:"deadline,omitempty"` // YYYY-MM-DD, for late and missing
	DaysLate  int       `json:"days_late,omitempty"`
	// Cells are the table cells that changed (report_changed).
	Cells []extract.CellChange `json:"cells,omitempty"`
	// Text is a short line diff of the section text ("- old", "+ new"),
	// at most maxDiffLines lines; TextSummary counts what changed.
	Text        []string `json:"text,omitempty"`
	TextSummary string   `json:"text_summary,omitempty"`
	// Run and Flags are the crawl run and its coverage flags
	// (portal_broken): "kind: detail" each.
	Run   string   `json:"run,omitempty"`
	Flags []string `json:"flags,omitempty"`
}

// eventID hashes the parts that identify an event.
func eventID(kind Kind, parts ...string) string {
	h := sha256.New()
	h.Write([]byte(kind))
	for _, p := range parts {
		h.Write([]byte{0})
		h.Write([]byte(p))
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// Summary is one line saying what happened, for feed titles and tables.
func (e Event) Summary() string {
	year := ""
	if e.Year != 0 {
		year = strconv.Itoa(e.Year) + "年度 "
	}
	switch e.Kind {
	case KindNew:
		return e.Agency + " " + year + "报告发布: " + e.Title
	case KindChanged:
		var parts []string
		if n := len(e.Cells); n > 0 {
			parts = append(parts, strconv.Itoa(n)+" 个表格数字")
		}
		if e.TextSummary != "" {
			parts = append(parts, e.TextSummary)
		}
		return e.Agency + " " + year + "报告变动 (" + strings.Join(parts, ", ") + "): " + e.Title
	case KindWithdrawn:
		return e.Agency + " " + year + "报告已撤下: " + e.Title
	case KindRestored:
		return e.Agency + " " + year + "报告已恢复: " + e.Title
	case KindLate:
		return e.Agency + " " + year + "报告逾期 " + strconv.Itoa(e.DaysLate) + " 天发布 (期限 " + e.Deadline + ")"
	case KindMissing:
		return e.Agency + " " + year + "报告缺失 (期限 " + e.Deadline + ")"
	case KindBroken:
		return e.Agency + " 门户 " + e.Portal + " 抓取异常: " + strings.Join(e.Flags, "; ")
	}
	return string(e.Kind)
}
