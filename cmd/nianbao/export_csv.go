package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/api"
	"github.com/nianbao/nianbao/extract"
)

// csvReport is the part of a nianbao.report/v1 object (report-schema.md)
// that the CSV export flattens. It is decoded from the JSON contract, not
// from the extractor's Go types.
type csvReport struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Agency    string `json:"agency"`
	Region    string `json:"region"`
	Year      int    `json:"year"`
	Published string `json:"published"`
	Template  string `json:"template"`
	IsReport  bool   `json:"is_report"`
	Source    struct {
		URL       string `json:"url"`
		Version   string `json:"version"`
		FetchedAt string `json:"fetched_at"`
		SHA256    string `json:"sha256"`
	} `json:"source"`
	TableStatus map[string]string `json:"table_status"`
	Tables      struct {
		Requests *struct {
			Columns []string              `json:"columns"`
			Rows    map[string][]*float64 `json:"rows"`
		} `json:"requests"`
		Reviews map[string]map[string]*float64 `json:"reviews"`
	} `json:"tables"`
	Checks []struct {
		Status string `json:"status"`
	} `json:"checks"`
}

// csvRequestRows are the 表三 rows whose 总计 column the CSV carries.
var csvRequestRows = []string{"new", "carried_in", "granted", "partly_granted", "total", "carried_out"}

// csvReviewParts are the 表四 parts whose 总计 the CSV carries.
var csvReviewParts = []string{"review", "litigation_direct", "litigation_after_review"}

func csvHeader() []string {
	h := []string{"id", "agency", "region", "year", "title", "url", "published", "template", "version", "fetched_at", "sha256",
		"is_report", "active_status", "requests_status", "reviews_status"}
	for _, r := range csvRequestRows {
		h = append(h, "requests_"+r+"_total")
	}
	for _, p := range csvReviewParts {
		h = append(h, "reviews_"+p+"_total")
	}
	return append(h, "checks_pass", "checks_fail", "checks_uncertain")
}

// csvRow flattens one report; a blank cell or absent table is an empty field,
// never 0.
func csvRow(data []byte) ([]string, error) {
	var r csvReport
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, err
	}
	row := []string{r.ID, r.Agency, r.Region, strconv.Itoa(r.Year), r.Title, r.Source.URL, r.Published, r.Template,
		r.Source.Version, r.Source.FetchedAt, r.Source.SHA256, strconv.FormatBool(r.IsReport),
		r.TableStatus["active"], r.TableStatus["requests"], r.TableStatus["reviews"]}
	for _, key := range csvRequestRows {
		var v *float64
		if t := r.Tables.Requests; t != nil {
			if i := slices.Index(t.Columns, "total"); i >= 0 && i < len(t.Rows[key]) {
				v = t.Rows[key][i]
			}
		}
		row = append(row, extract.FormatCell(v))
	}
	for _, p := range csvReviewParts {
		row = append(row, extract.FormatCell(r.Tables.Reviews[p]["total"]))
	}
	counts := map[string]int{}
	for _, c := range r.Checks {
		counts[c.Status]++
	}
	return append(row, strconv.Itoa(counts["pass"]), strconv.Itoa(counts["fail"]), strconv.Itoa(counts["uncertain"])), nil
}

func exportCSV(ctx context.Context, rd reader, w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader()); err != nil {
		return err
	}
	err := eachExtracted(ctx, rd, func(r api.ReportSummary, data []byte) error {
		row, err := csvRow(data)
		if err != nil {
			return fmt.Errorf("flatten report %s: %w", r.ID, err)
		}
		return cw.Write(row)
	})
	cw.Flush()
	if err != nil {
		return err
	}
	return cw.Error()
}
