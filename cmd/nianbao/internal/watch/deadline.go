package watch

import (
	"fmt"
	"time"

	"github.com/nianbao/nianbao/config"
)

// china is the zone deadlines are read in: a deadline day ends at
// midnight China Standard Time (UTC+8, no daylight saving since 1991).
var china = time.FixedZone("CST", 8*3600)

// Deadline is when an agency's report for a year is due.
type Deadline struct {
	// Day is the last day on which publishing is on time (00:00 of it,
	// China time).
	Day time.Time
	// Rule says which rule gave it: "override", "2019 department",
	// "2019 government", "2019 township", "2019 unknown level", "2007".
	Rule string
}

// String is the day, YYYY-MM-DD.
func (d Deadline) String() string { return d.Day.Format(time.DateOnly) }

// End is the first instant after the deadline day.
func (d Deadline) End() time.Time { return d.Day.AddDate(0, 0, 1) }

// DeadlineFor returns the deadline of the report for year of a portal
// (report-format.md §1):
//
//   - override ("MM-DD", the portal's deadline:) wins;
//   - reports for 2019 on (国务院令第711号 art. 49): departments
//     (level department) by 1月31日 of the next year; the 本级政府 report of
//     a province, city or county government by 3月31日;
//   - townships (乡镇/街道) are not named in art. 49 and their timing is set
//     locally: 3月31日, the latest statutory date, unless overridden;
//   - a portal without a level: 3月31日 likewise;
//   - reports for 2008–2018 (国务院令第492号): every agency by 3月31日.
func DeadlineFor(year int, level, override string) (Deadline, error) {
	if override != "" {
		m, d, err := config.ParseDeadline(override)
		if err != nil {
			return Deadline{}, fmt.Errorf("watch: deadline: %w", err)
		}
		return Deadline{Day: time.Date(year+1, m, d, 0, 0, 0, 0, china), Rule: "override"}, nil
	}
	march := time.Date(year+1, time.March, 31, 0, 0, 0, 0, china)
	if year < 2019 {
		return Deadline{Day: march, Rule: "2007"}, nil
	}
	switch level {
	case "department":
		return Deadline{Day: time.Date(year+1, time.January, 31, 0, 0, 0, 0, china), Rule: "2019 department"}, nil
	case "province", "city", "county":
		return Deadline{Day: march, Rule: "2019 government"}, nil
	case "township":
		return Deadline{Day: march, Rule: "2019 township"}, nil
	}
	return Deadline{Day: march, Rule: "2019 unknown level"}, nil
}

// lastDueYear is the latest report year whose deadline ended at or before
// now for the given level and override (0 when none).
func lastDueYear(now time.Time, level, override string) int {
	for y := now.In(china).Year() - 1; y > 2000; y-- {
		d, err := DeadlineFor(y, level, override)
		if err != nil {
			return 0
		}
		if !d.End().After(now) {
			return y
		}
	}
	return 0
}

// dateOf reads a report's published date (YYYY-MM-DD, or with a time) as a
// day in China time; ok is false when it is not a date.
func dateOf(published string) (time.Time, bool) {
	if len(published) < len(time.DateOnly) {
		return time.Time{}, false
	}
	t, err := time.ParseInLocation(time.DateOnly, published[:len(time.DateOnly)], china)
	return t, err == nil
}

// dayOf is the China-time day of an instant.
func dayOf(t time.Time) time.Time {
	c := t.In(china)
	return time.Date(c.Year(), c.Month(), c.Day(), 0, 0, 0, 0, china)
}
