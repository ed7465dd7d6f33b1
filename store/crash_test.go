package store

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// crashChildEnv names the archive a re-executed test binary appends to
// until it is killed.
const crashChildEnv = "NIANBAO_STORE_CRASH_CHILD"

// TestCrashSafety re-executes the test binary as a child that records
// fetches in a loop and prints each committed version; the parent SIGKILLs
// it at random moments. After every kill the file must open, pass
// tx.Check, hold every version the child reported with a readable blob, and
// hold no version whose blob is missing.
func TestCrashSafety(t *testing.T) {
	if os.Getenv(crashChildEnv) != "" {
		t.Skip("running as the crash child")
	}
	kills := 24
	if testing.Short() {
		kills = 20
	}
	path := filepath.Join(t.TempDir(), "crash.db")
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))
	committed := map[string]string{} // version id → sha256 reported by a child
	for round := range kills {
		lines := runCrashChild(t, path, rng)
		for _, l := range lines {
			id, sha, _ := strings.Cut(l, " ")
			committed[id] = sha
		}
		verifyAfterCrash(t, path, round, committed)
		if t.Failed() {
			return
		}
	}
	t.Logf("%d kills, %d versions reported committed", kills, len(committed))
	if len(committed) < kills {
		t.Errorf("children committed only %d versions in %d runs: the kills came too early to test anything", len(committed), kills)
	}
}

// runCrashChild starts a child, kills it at a random moment after its first
// commit and returns the complete lines it printed.
func runCrashChild(t *testing.T, path string, rng *rand.Rand) []string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$")
	cmd.Env = append(os.Environ(), crashChildEnv+"="+path, fmt.Sprintf("NIANBAO_STORE_CRASH_SEED=%d", rng.Uint64()))
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string, 1024)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if l, ok := strings.CutPrefix(sc.Text(), "COMMIT "); ok {
				lines <- l
			}
		}
	}()
	var got []string
	var failure string
	select {
	case l, ok := <-lines:
		if ok {
			got = append(got, l)
			time.Sleep(time.Duration(rng.IntN(80)) * time.Millisecond)
		} else {
			failure = "crash child exited before its first commit"
		}
	case <-time.After(30 * time.Second):
		failure = "crash child committed nothing in 30s"
	}
	// Kill and reap the child on every path, so it never outlives the test.
	if err := cmd.Process.Kill(); err != nil && failure == "" {
		failure = fmt.Sprintf("kill crash child: %v", err)
	}
	for l := range lines {
		got = append(got, l)
	}
	_ = cmd.Wait() // "signal: killed" is the point
	if failure != "" {
		t.Fatal(failure)
	}
	return got
}

func verifyAfterCrash(t *testing.T, path string, round int, committed map[string]string) {
	t.Helper()
	ctx := context.Background()
	s, err := Open(path, Options{Timeout: 10 * time.Second})
	if err != nil {
		t.Fatalf("round %d: Open after kill = %v", round, err)
	}
	defer s.Close()
	MustCheck(t, s)
	for id, sha := range committed {
		v, err := s.Version(ctx, id)
		if err != nil {
			t.Fatalf("round %d: reported version %s: %v", round, id, err)
		}
		if v.SHA256 != sha {
			t.Errorf("round %d: version %s sha256 = %s, reported %s", round, id, v.SHA256, sha)
		}
	}
	var n int64
	err = s.EachVersion(ctx, func(v Version) error {
		n++
		if !v.HasBody() {
			return nil
		}
		if _, err := s.Body(ctx, v.SHA256); err != nil {
			return fmt.Errorf("version %s without its blob: %w", v.ID, err)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("round %d: %v", round, err)
	}
	st, err := s.Stats(ctx)
	if err != nil || st.Versions != n {
		t.Errorf("round %d: Stats.Versions = %d (%v), walked %d: counters and versions disagree", round, st.Versions, err, n)
	}
}

// TestCrashChild is the child half of TestCrashSafety; it does nothing in a
// normal run.
func TestCrashChild(t *testing.T) {
	path := os.Getenv(crashChildEnv)
	if path == "" {
		t.Skip("only runs as a child of TestCrashSafety")
	}
	var seed uint64
	fmt.Sscan(os.Getenv("NIANBAO_STORE_CRASH_SEED"), &seed)
	rng := rand.New(rand.NewPCG(seed, 11))
	s, err := Open(path, Options{Timeout: 10 * time.Second})
	if err != nil {
		fmt.Fprintln(os.Stderr, "crash child:", err)
		os.Exit(2)
	}
	ctx := context.Background()
	// The parent kills the child within seconds; the deadline only stops an
	// orphan (a parent that died leaves a broken pipe, which also ends it).
	deadline := time.Now().Add(2 * time.Minute)
	for i := 0; time.Now().Before(deadline); i++ {
		fs := make([]Fetch, 1+rng.IntN(40)*rng.IntN(2))
		for j := range fs {
			fs[j] = crashFetch(rng)
		}
		vs, err := s.RecordBatch(ctx, fs)
		if err != nil {
			fmt.Fprintln(os.Stderr, "crash child:", err)
			os.Exit(2)
		}
		var b strings.Builder
		for _, v := range vs {
			fmt.Fprintf(&b, "COMMIT %s %s\n", v.ID, v.SHA256)
		}
		os.Stdout.WriteString(b.String())
		if i%10 == 0 {
			s.IndexReport(ctx, ReportEntry{Agency: "某局", Year: 2000 + i%30, URL: vs[0].URL, VersionID: vs[0].ID})
			s.SaveFrontier(ctx, "p", []FrontierItem{{URL: vs[0].URL}}, []string{vs[0].URL})
		}
	}
}

// crashFetch is a random fetch: mostly 200s over a small set of URLs and
// bodies (so there are unchanged versions and shared blobs), some large,
// some failures and tombstones.
func crashFetch(rng *rand.Rand) Fetch {
	f := Fetch{Portal: "p", URL: fmt.Sprintf("http://crash.test/%d", rng.IntN(50)), FetchedAt: time.Now()}
	switch r := rng.IntN(20); {
	case r == 0:
		f.Status = 404
	case r == 1:
		f.Reason = "timeout"
	case r == 2:
		f.Status = 304
	default:
		f.Status = 200
		body := make([]byte, 100+rng.IntN(1+rng.IntN(60000)))
		const text = "年报<td>0123456789</td>"
		seed := rng.IntN(200)
		for k := range body {
			body[k] = text[(k+seed)%len(text)]
		}
		f.Body = body
	}
	return f
}
