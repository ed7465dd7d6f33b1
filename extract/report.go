package extract

// Schema is the value of Report.Schema.
const Schema = "nianbao.report/v1"

// Template versions (Report.Template).
const (
	TemplateT2019   = "T2019"
	TemplateT2021   = "T2021"
	TemplatePre2019 = "pre2019"
	TemplateUnknown = "unknown"
)

// Table status values (Report.TableStatus).
const (
	StatusOK      = "ok"      // every expected cell found
	StatusPartial = "partial" // some rows or cells missing
	StatusEmpty   = "empty"   // the table is there but holds no numbers
	StatusImage   = "image"   // the section shows an image instead of a table
	StatusAbsent  = "absent"  // no table found
)

// Check status values (Check.Status).
const (
	CheckPass      = "pass"
	CheckFail      = "fail"
	CheckUncertain = "uncertain"
)

// Report is the extracted report, marshalled as nianbao.report/v1
// (shared/docs/report-schema.md). Text fields are in Simplified script.
// Slices are never nil, so they marshal as [] rather than null. ID and
// Source are left for the caller (the archive) to fill.
type Report struct {
	Schema         string  `json:"schema"`
	ID             string  `json:"id,omitempty"`
	Source         *Source `json:"source,omitempty"`
	IsReport       bool    `json:"is_report"`
	IsReportReason string  `json:"is_report_reason"`
	Title          string  `json:"title"`
	Agency         string  `json:"agency"`
	Region         string  `json:"region,omitempty"`
	Year           int     `json:"year,omitempty"` // the year reported on; 0 when unknown
	Published      string  `json:"published,omitempty"`
	Script         string  `json:"script"` // "hans" or "hant": the original's script
	// Format is the document format when the report was read from an
	// attachment rather than a page: "pdf", "docx", "xlsx" or "ofd"
	// (also for one recognised but not read: "doc", "xls", "ole",
	// "image", "zip"); absent for HTML and text. An added field.
	Format string `json:"format,omitempty"`
	// Pages is the number of pages (sheets for XLSX) read from a document.
	Pages       int               `json:"pages,omitempty"`
	Template    string            `json:"template"`
	Provenance  Provenance        `json:"provenance"`
	Metadata    map[string]string `json:"metadata,omitempty"` // page metadata lines (来源, 索引号 …)
	Sections    []Section         `json:"sections"`
	Tables      Tables            `json:"tables"`
	TableStatus TableStatus       `json:"table_status"`
	Checks      []Check           `json:"checks"`
	Facts       []Fact            `json:"facts"`
	Warnings    []string          `json:"warnings"`
}

// Source says where an archived report came from; set by the caller.
type Source struct {
	URL       string `json:"url"`
	Version   string `json:"version"`
	FetchedAt string `json:"fetched_at"`
	SHA256    string `json:"sha256"`
}

// Provenance names where Agency and Year were read: "title", "text",
// "metadata" or "config" for the agency; "title", "period", "text" or
// "config" for the year. Empty when the value is unknown.
type Provenance struct {
	Agency string `json:"agency"`
	Year   string `json:"year"`
}

// Section is one of the numbered top-level parts of a report.
type Section struct {
	No      int    `json:"no"`
	Heading string `json:"heading"`
	Text    string `json:"text"`
}

// Tables holds the three template tables; a table the page does not carry
// is nil (JSON null), never zeros.
type Tables struct {
	Active   *Active   `json:"active"`
	Requests *Requests `json:"requests"`
	Reviews  *Reviews  `json:"reviews"`
}

// Active is table 二 (主动公开政府信息情况). Rows maps a row key
// (regulations, normative_documents, licensing, other_services, penalties,
// coercion, fees, procurement) to its fields, which depend on the template
// (report-schema.md); a blank cell is nil. procurement also carries the
// string field amount_unit.
type Active struct {
	Rows map[string]map[string]any `json:"rows"`
}

// Requests is table 三 (收到和处理政府信息公开申请情况): every row has seven
// values in the order of Columns; a blank cell is nil.
type Requests struct {
	Columns []string              `json:"columns"`
	Rows    map[string][]*float64 `json:"rows"`
}

// requestColumnKeys is the fixed column order of Requests.Columns.
var requestColumnKeys = []string{"natural_person", "commercial", "research", "social_welfare", "legal_service", "other", "total"}

// Reviews is table 四 (行政复议、行政诉讼情况): 15 cells.
type Reviews struct {
	Review                ReviewCells `json:"review"`
	LitigationDirect      ReviewCells `json:"litigation_direct"`
	LitigationAfterReview ReviewCells `json:"litigation_after_review"`
}

// ReviewCells are the five cells of one group; a blank cell is nil.
type ReviewCells struct {
	Upheld    *float64 `json:"upheld"`
	Corrected *float64 `json:"corrected"`
	Other     *float64 `json:"other"`
	Pending   *float64 `json:"pending"`
	Total     *float64 `json:"total"`
}

// TableStatus says, per table, whether it was found and how completely.
type TableStatus struct {
	Active   string `json:"active"`
	Requests string `json:"requests"`
	Reviews  string `json:"reviews"`
}

// Check is the outcome of one consistency rule at one place.
type Check struct {
	Rule   string `json:"rule"`   // B1, B2, B3, C1, N1, T1, T2, X1, X2, X3
	Where  string `json:"where"`  // e.g. "column 自然人"
	Status string `json:"status"` // pass, fail, uncertain
	Detail string `json:"detail"` // the numbers compared
	// Cells are the table cells the check compares, as paths into
	// "tables": "requests.<row>.<column>" (column keys of
	// Requests.Columns) and "reviews.<group>.<field>". N1 lists only the
	// cells that break it; a check over a missing table lists none.
	Cells []string `json:"cells,omitempty"`
}

// Fact is a number stated in prose or in a pre-2019 statistics table.
type Fact struct {
	Key   string  `json:"key"`
	Value float64 `json:"value"`
	Unit  string  `json:"unit"`
	Quote string  `json:"quote"`
	// Source is FactTable for a statistics-table row, FactText for a
	// sentence (an added field; report-schema.md allows it).
	Source string `json:"source,omitempty"`
}

// Fact sources (Fact.Source).
const (
	FactTable = "table"
	FactText  = "text"
)
