package main

import "context"

// cmdHistory lists every archived version of one URL, oldest first.
func cmdHistory(c *cli, ctx context.Context, args []string) error {
	var (
		cf     commonFlags
		format string
	)
	fs := c.newFlags("history", "history URL [--format table|json]", &cf)
	fs.StringVar(&format, "format", "table", "output: table or json")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError(fs, "want exactly one URL")
	}
	if !oneOf(format, "table", "json") {
		return usageError(fs, "--format %q: want table or json", format)
	}
	rd, err := c.openReader(cf)
	if err != nil {
		return err
	}
	defer rd.Close()
	vs, err := rd.history(ctx, pos[0])
	if err != nil {
		return err
	}
	if format == "json" {
		return writeJSONTo(c.stdout, vs)
	}
	t := &table{header: []string{"VERSION", "FETCHED_AT", "STATUS", "OUTCOME", "CHANGED", "SIZE", "SHA256", "REASON"}}
	for _, v := range vs {
		t.add(v.Version, v.FetchedAt.Format(timeLayout), v.Status, v.Outcome, yesNo(v.changed()), v.Size, short(v.SHA256), v.Reason)
	}
	return t.writeText(c.stdout)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// short abbreviates a SHA-256 for tables; history --format json has it whole.
func short(sha string) string {
	if len(sha) > 12 {
		return sha[:12]
	}
	return sha
}
