package portalsim

// WgetArgs are the arguments of the wget command the benchmarks compare
// the crawler with: recursive, unbounded depth (the farm has no traps),
// robots.txt obeyed as the crawler does, no waits, nothing kept on disk
// (files go to dir and are deleted after parsing), starting from the given
// column URLs, which one wget crawls one after another.
func WgetArgs(dir string, columns ...string) []string {
	return append([]string{"--recursive", "--level=inf", "--no-directories", "--quiet", "--delete-after",
		"-e", "robots=on", "--directory-prefix=" + dir}, columns...)
}

// ColumnURLs returns the column URL of every host, in host order.
func (f *Farm) ColumnURLs() []string {
	urls := make([]string, 0, len(f.hosts))
	for _, h := range f.hosts {
		urls = append(urls, h.ColumnURL())
	}
	return urls
}
