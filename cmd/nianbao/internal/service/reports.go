package service

import (
	"context"
	"errors"
	"fmt"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/store"
)

// Report returns the extracted report id at version vid ("" = latest),
// with id and source filled, as the object of report-schema.md; its
// checks end with the cross-year checks (CrossYear) when the archive holds
// the agency's report for the year before.
func (s *Service) Report(ctx context.Context, id, vid string) (*extract.Report, error) {
	r, v, err := s.reportVersion(ctx, id, vid)
	if err != nil {
		return nil, err
	}
	rep, err := s.Extraction(ctx, r, v)
	if err != nil {
		return nil, err
	}
	checks, _ := s.CrossYear(ctx, r, rep)
	rep.Checks = append(rep.Checks, checks...)
	return rep, nil
}

// CleanText returns the cleaned text of report id at version vid ("" =
// latest), as `show --clean` prints it.
func (s *Service) CleanText(ctx context.Context, id, vid string) (string, error) {
	r, v, err := s.reportVersion(ctx, id, vid)
	if err != nil {
		return "", err
	}
	return s.CleanTextOf(ctx, r, v)
}

// CleanTextOf returns the cleaned text of version v of report r (which may
// be a bare store.Report{URL: …}, as for Extraction).
func (s *Service) CleanTextOf(ctx context.Context, r store.Report, v store.Version) (string, error) {
	body, err := s.store.Body(ctx, v.SHA256)
	if err != nil {
		return "", fmt.Errorf("body of version %s: %w", v.ID, err)
	}
	return s.x.CleanText(s.inputOf(v, body, r))
}

// Raw returns the bytes of report id at version vid ("" = latest) as
// fetched.
func (s *Service) Raw(ctx context.Context, id, vid string) ([]byte, error) {
	_, v, err := s.reportVersion(ctx, id, vid)
	if err != nil {
		return nil, err
	}
	return s.store.Body(ctx, v.SHA256)
}

// RawVersion returns version vid (of any URL) and its bytes as fetched; a
// version without a body (a failed fetch) is ErrNotFound.
func (s *Service) RawVersion(ctx context.Context, vid string) (store.Version, []byte, error) {
	v, err := s.store.Version(ctx, vid)
	if errors.Is(err, store.ErrInvalid) {
		return v, nil, fmt.Errorf("%w: version %q", ErrNotFound, vid)
	}
	if err != nil {
		return v, nil, fmt.Errorf("version %q: %w", vid, err)
	}
	if v.SHA256 == "" {
		return v, nil, fmt.Errorf("%w: version %s holds no body (%s)", ErrNotFound, vid, v.Outcome)
	}
	body, err := s.store.Body(ctx, v.SHA256)
	if err != nil {
		return v, nil, fmt.Errorf("body of version %s: %w", vid, err)
	}
	return v, body, nil
}

// ReportRecord returns the index entry of report id, which may be a
// unique prefix of the id (1 to 16 hex digits, as git takes a commit's);
// a prefix several reports share is ErrInvalid naming them, an id or
// prefix no report has (or no id at all) ErrNotFound.
func (s *Service) ReportRecord(ctx context.Context, id string) (store.Report, error) {
	r, err := s.store.Report(ctx, id)
	if errors.Is(err, store.ErrInvalid) { // not a whole id: a prefix of one, as git takes a commit's
		full, perr := s.store.ResolveReportID(ctx, id)
		switch {
		case errors.Is(perr, store.ErrAmbiguous):
			return r, fmt.Errorf("%w: %v", ErrInvalid, perr)
		case perr != nil:
			return r, fmt.Errorf("%w: report %q", ErrNotFound, id)
		}
		r, err = s.store.Report(ctx, full)
	}
	if err != nil {
		return r, fmt.Errorf("report %q: %w", id, err)
	}
	return r, nil
}

// ReportVersions returns the content versions of report id, oldest first.
func (s *Service) ReportVersions(ctx context.Context, id string) ([]store.Version, error) {
	return s.store.ReportVersions(ctx, id)
}

// Pick returns the report's version vid, or its latest content version
// when vid is empty. A vid that is not a version of the report's URL, or
// one that holds no content, is ErrNotFound.
func (s *Service) Pick(ctx context.Context, r store.Report, vid string) (store.Version, error) {
	if vid == "" {
		vs, err := s.store.ReportVersions(ctx, r.ID)
		if err != nil {
			return store.Version{}, err
		}
		if len(vs) == 0 {
			return store.Version{}, fmt.Errorf("%w: report %s has no archived content", ErrNotFound, r.ID)
		}
		return vs[len(vs)-1], nil
	}
	v, err := s.store.Version(ctx, vid)
	if errors.Is(err, store.ErrNotFound) || errors.Is(err, store.ErrInvalid) || (err == nil && v.URL != r.URL && v.FinalURL != r.URL) {
		return store.Version{}, fmt.Errorf("%w: report %s has no version %q", ErrNotFound, r.ID, vid)
	}
	if err == nil && v.SHA256 == "" {
		return store.Version{}, fmt.Errorf("%w: version %s of report %s holds no content (%s)", ErrNotFound, vid, r.ID, v.Outcome)
	}
	return v, err
}

// reportVersion returns the record of report id and its version vid (see
// Pick).
func (s *Service) reportVersion(ctx context.Context, id, vid string) (store.Report, store.Version, error) {
	r, err := s.ReportRecord(ctx, id)
	if err != nil {
		return r, store.Version{}, err
	}
	v, err := s.Pick(ctx, r, vid)
	return r, v, err
}

// History returns every version of url, oldest first; ErrNotFound when
// the archive holds none.
func (s *Service) History(ctx context.Context, url string) ([]store.Version, error) {
	vs, err := s.store.Versions(ctx, url)
	if err != nil {
		return nil, fmt.Errorf("versions of %s: %w", url, err)
	}
	if len(vs) == 0 {
		return nil, fmt.Errorf("%w: no archived versions of %s", ErrNotFound, url)
	}
	return vs, nil
}

// Changed says whether a version brought content different from the one
// before it: new content, or the page gone.
func Changed(v store.Version) bool {
	return v.Outcome == store.OutcomeNew || v.Outcome == store.OutcomeGone
}

// Reports returns one page of the report index matching q (agency in
// either script, substrings) and the cursor of the next page.
func (s *Service) Reports(ctx context.Context, q store.ReportQuery) ([]store.Report, string, error) {
	return s.store.Reports(ctx, q)
}

// allReportsPage is how many index entries AllReports reads per query.
const allReportsPage = 500

// AllReports returns every report matching q's agency, year and status
// (its Limit and Cursor are ignored), in index order.
func (s *Service) AllReports(ctx context.Context, q store.ReportQuery) ([]store.Report, error) {
	q.Limit, q.Cursor = allReportsPage, ""
	var out []store.Report
	for {
		rs, next, err := s.store.Reports(ctx, q)
		if err != nil {
			return nil, err
		}
		out = append(out, rs...)
		if next == "" {
			return out, nil
		}
		q.Cursor = next
	}
}

// LastRun returns the record of portal's last crawl run;
// store.ErrNotFound when it never ran.
func (s *Service) LastRun(ctx context.Context, portal string) (store.Run, error) {
	return s.store.LastRun(ctx, portal)
}

// LastRunEnds calls fn with how the last run of each of portals that ran
// ended, reading the archive once (store.LastRunEnds).
func (s *Service) LastRunEnds(ctx context.Context, portals []string, fn func(portal string, r store.RunEnd)) error {
	return s.store.LastRunEnds(ctx, portals, fn)
}

// Stats returns the archive's size and what deduplication saved.
func (s *Service) Stats(ctx context.Context) (store.Stats, error) {
	return s.store.Stats(ctx)
}
