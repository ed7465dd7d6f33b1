package config

import (
	"fmt"
	"hash/fnv"
	"regexp"
	"strings"
	"time"

	_ "time/tzdata" // zones for CRON_TZ= and timezone: without a system zoneinfo

	"github.com/robfig/cron/v3"
)

// minEvery is the shortest "@every" interval accepted: a shorter one would
// start a run of a portal before the previous one could finish.
const minEvery = time.Minute

// cronFields names the five fields of a standard cron spec with their ranges.
var cronFields = [5]struct {
	name     string
	min, max int
}{{"minute", 0, 59}, {"hour", 0, 23}, {"day of month", 1, 31}, {"month", 1, 12}, {"day of week", 0, 6}}

// rangeErr matches robfig/cron's out-of-range messages.
var rangeErr = regexp.MustCompile(`^(?:beginning|end) of range \((\d+)\) (?:below minimum|above maximum)`)

// ParseSchedule parses a cron spec the way every schedule in a config is
// read: five fields (minute hour day-of-month month day-of-week), or a
// descriptor (@yearly, @monthly, @weekly, @daily, @midnight, @hourly,
// "@every DURATION" of at least one minute), optionally preceded by
// "CRON_TZ=Zone " to pin a time zone. Without one, Next interprets the spec
// in the location of the time it is given.
//
// The error explains what is wrong in words a config author can act on,
// e.g. `"0 25 * * *" is not a valid cron spec (hour 25 out of range 0-23)`.
func ParseSchedule(spec string) (cron.Schedule, error) {
	sched, err := parseSchedule(spec)
	if err != nil {
		return nil, fmt.Errorf("%q is not a valid cron spec (%s)", spec, err)
	}
	return sched, nil
}

func parseSchedule(spec string) (cron.Schedule, error) {
	body := strings.TrimSpace(spec)
	if body == "" {
		return nil, fmt.Errorf("empty")
	}
	if zone, rest, ok := splitZone(body); ok {
		if rest == "" {
			return nil, fmt.Errorf("CRON_TZ=%s is not followed by a schedule", zone)
		}
		if _, err := time.LoadLocation(zone); err != nil || zone == "" {
			return nil, fmt.Errorf("unknown time zone %q", zone)
		}
		body = rest
	}
	parser := cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)
	sched, err := parser.Parse(strings.TrimSpace(spec))
	if err != nil {
		return nil, explainCron(parser, body, err)
	}
	if every, ok := sched.(cron.ConstantDelaySchedule); ok && every.Delay < minEvery {
		return nil, fmt.Errorf("@every must be at least %s", formatDuration(minEvery))
	}
	return sched, nil
}

// explainCron turns a robfig/cron error into a short reason naming the
// offending field.
func explainCron(parser cron.Parser, body string, err error) error {
	fields := strings.Fields(body)
	if strings.HasPrefix(body, "@") {
		return err
	}
	if len(fields) != len(cronFields) {
		return fmt.Errorf("expected 5 fields (minute hour day-of-month month day-of-week), found %d", len(fields))
	}
	for i, f := range fields {
		probe := []string{"*", "*", "*", "*", "*"}
		probe[i] = f
		_, ferr := parser.Parse(strings.Join(probe, " "))
		if ferr == nil {
			continue
		}
		def := cronFields[i]
		if m := rangeErr.FindStringSubmatch(ferr.Error()); m != nil {
			return fmt.Errorf("%s %s out of range %d-%d", def.name, m[1], def.min, def.max)
		}
		return fmt.Errorf("%s %q: %v", def.name, f, ferr)
	}
	return err
}

// DefaultSchedule is the schedule of a portal whose block gives none: once a
// day at a time between 01:00 and 05:59 derived from the portal's name, so
// that a long list of portals spreads over the night instead of starting
// together, and a portal keeps its time across restarts.
func DefaultSchedule(name string) string {
	h := fnv.New32a()
	h.Write([]byte(name))
	sum := h.Sum32()
	return fmt.Sprintf("%d %d * * *", sum%60, 1+(sum/60)%5)
}

// hasZone reports whether a spec starts with its own time zone.
func hasZone(spec string) bool {
	return strings.HasPrefix(spec, "TZ=") || strings.HasPrefix(spec, "CRON_TZ=")
}

// scheduleZone returns the zone a spec pins with CRON_TZ= (or TZ=), if any.
func scheduleZone(spec string) (*time.Location, bool) {
	zone, _, ok := splitZone(strings.TrimSpace(spec))
	if !ok {
		return nil, false
	}
	loc, err := time.LoadLocation(zone)
	return loc, err == nil
}

// splitZone splits "CRON_TZ=Zone rest" (or "TZ=Zone rest") into Zone and
// rest; ok is false for a spec without a zone.
func splitZone(spec string) (zone, rest string, ok bool) {
	if !hasZone(spec) {
		return "", spec, false
	}
	head, rest, _ := strings.Cut(spec, " ")
	_, zone, _ = strings.Cut(head, "=")
	return zone, strings.TrimSpace(rest), true
}
