package webui

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/service"
	"github.com/nianbao/nianbao/cmd/nianbao/internal/watch"
)

// compliancePage is the data of compliance.html.
type compliancePage struct {
	Year   int
	Region string
	watch.Compliance
}

// compliance serves GET /compliance?year=&region=: every configured
// agency on time, late (days), missing or withdrawn for a report year
// (default: last year), with counts per level and region.
func (u *webUI) compliance(w http.ResponseWriter, r *http.Request) error {
	if u.watch == nil {
		return fmt.Errorf("%w: this server does not judge deadlines", service.ErrUnsupported)
	}
	q := r.URL.Query()
	year := u.watch.Now().Year() - 1
	if s := strings.TrimSpace(q.Get("year")); s != "" {
		y, err := strconv.Atoi(s)
		if err != nil {
			return fmt.Errorf("%w: year %q is not a year such as 2024", service.ErrInvalid, s)
		}
		year = y
	}
	region := strings.TrimSpace(q.Get("region"))
	c, err := u.watch.Compliance(r.Context(), year, region)
	if err != nil {
		return err
	}
	u.render(w, http.StatusOK, "compliance", compliancePage{Year: year, Region: region, Compliance: c})
	return nil
}

// statusLabel is how the UI names a status.
func statusLabel(s watch.Status) string {
	switch s {
	case watch.OnTime:
		return "按时"
	case watch.Late:
		return "逾期"
	case watch.Missing:
		return "缺失"
	case watch.Withdrawn:
		return "已撤下"
	case watch.NotDue:
		return "未到期"
	}
	return string(s)
}
