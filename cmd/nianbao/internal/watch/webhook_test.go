package watch_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/watch"
	"github.com/nianbao/nianbao/store"
)

// Environment of the re-executed test binary acting as the daemon's
// webhook dispatcher (see TestSIGKILLDuringDelivery).
const (
	envChildDB     = "NIANBAO_WATCH_CHILD_DB"
	envChildTarget = "NIANBAO_WATCH_CHILD_TARGET"
	envChildDrain  = "NIANBAO_WATCH_CHILD_DRAIN" // set: exit 0 once the outbox is empty
)

func TestMain(m *testing.M) {
	if db := os.Getenv(envChildDB); db != "" {
		os.Exit(dispatcherChild(db, os.Getenv(envChildTarget), os.Getenv(envChildDrain) != ""))
	}
	os.Exit(m.Run())
}

// dispatcherChild delivers the outbox of the archive at db to target until
// it is signalled (or killed) or, with drain, until the outbox is empty.
func dispatcherChild(db, target string, drain bool) int {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	st, err := store.Open(db, store.Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer st.Close()
	d, err := watch.NewDispatcher(ctx, st, []watch.Target{watch.NewTarget(target, nil, "k")}, watch.DispatcherOptions{Backoff: 50 * time.Millisecond})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	if !drain {
		_ = d.Run(ctx)
		return 0
	}
	for ctx.Err() == nil {
		if _, _, err := d.DeliverDue(ctx); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		if left, err := st.Outbox(ctx); err != nil || len(left) == 0 {
			return 0
		}
		time.Sleep(20 * time.Millisecond)
	}
	return 1
}

func testEvents(n int) []watch.Event {
	evs := make([]watch.Event, n)
	for i := range evs {
		evs[i] = watch.Event{ID: fmt.Sprintf("%032x", i+1), Kind: watch.KindNew, Time: time.Date(2026, 1, 1, 0, i, 0, 0, time.UTC),
			Agency: "甲县教育局", Year: 2025, Link: fmt.Sprintf("/reports/%016x", i)}
	}
	return evs
}

func TestSIGKILLDuringDelivery(t *testing.T) {
	if testing.Short() {
		t.Skip("re-executes the test binary")
	}
	const total, blockAt = 20, 5
	var (
		mu       sync.Mutex
		arrivals []string
		inFlight = make(chan struct{})
		release  = make(chan struct{})
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		mu.Lock()
		arrivals = append(arrivals, r.Header.Get(watch.HeaderIdempotencyKey))
		n := len(arrivals)
		mu.Unlock()
		if n == blockAt {
			close(inFlight)
			<-release // the daemon is killed while this request is open
		}
	}))
	defer srv.Close()
	defer func() {
		select {
		case <-release:
		default:
			close(release)
		}
	}()
	db := filepath.Join(t.TempDir(), "archive.db")
	st, err := store.Open(db, store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	d, err := watch.NewDispatcher(context.Background(), st, []watch.Target{watch.NewTarget(srv.URL, nil, "k")}, watch.DispatcherOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if n, err := d.Enqueue(context.Background(), testEvents(total)); n != total || err != nil {
		t.Fatalf("Enqueue = %d, %v; want %d", n, err, total)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	start := func(env ...string) *exec.Cmd {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(append(os.Environ(), envChildDB+"="+db, envChildTarget+"="+srv.URL), env...)
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	first := start()
	select {
	case <-inFlight:
	case <-time.After(30 * time.Second):
		first.Process.Kill()
		t.Fatal("the dispatcher never reached the blocking delivery")
	}
	if err := first.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	first.Wait()
	close(release)
	// Restarted, the daemon delivers the rest from the outbox and, here,
	// exits once it is empty.
	second := start(envChildDrain + "=1")
	exited := make(chan error, 1)
	go func() { exited <- second.Wait() }()
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("restarted dispatcher exited with %v", err)
		}
	case <-time.After(30 * time.Second):
		second.Process.Kill()
		t.Fatal("the restarted dispatcher did not empty the outbox in 30 s")
	}
	mu.Lock()
	defer mu.Unlock()
	count := map[string]int{}
	for _, id := range arrivals {
		count[id]++
	}
	if len(count) != total {
		t.Errorf("%d distinct events arrived, want %d (none lost)", len(count), total)
	}
	for id, n := range count {
		want := 1
		if id == arrivals[blockAt-1] {
			want = 2 // in flight when killed: sent again (at least once)
		}
		if n != want {
			t.Errorf("event %s arrived %d times, want %d", id, n, want)
		}
	}
	st, err = store.Open(db, store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if left, _ := st.Outbox(context.Background()); len(left) != 0 {
		t.Errorf("outbox keeps %d items", len(left))
	}
}

func TestDispatcherBackoffAndSignature(t *testing.T) {
	ctx := context.Background()
	c := &clock{}
	c.Set(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	var mu sync.Mutex
	var attempts []string
	status := http.StatusServiceUnavailable
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		defer mu.Unlock()
		ok := watch.Verify([]byte("s3cret"), r.Header.Get(watch.HeaderTimestamp), body, r.Header.Get(watch.HeaderSignature))
		attempts = append(attempts, fmt.Sprintf("%s #%s sig=%v", c.Now().Format("15:04:05"), r.Header.Get(watch.HeaderAttempt), ok))
		w.WriteHeader(status)
	}))
	defer srv.Close()
	st, err := store.Open(filepath.Join(t.TempDir(), "a.db"), store.Options{NoSync: true, Now: c.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	d, err := watch.NewDispatcher(ctx, st, []watch.Target{
		watch.NewTarget(srv.URL, []string{"report_new"}, "s3cret"),
		watch.NewTarget(srv.URL+"/late-only", []string{"report_late"}, ""),
	}, watch.DispatcherOptions{Now: c.Now, Backoff: 10 * time.Second, MaxBackoff: 30 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := d.Enqueue(ctx, testEvents(1)); n != 1 {
		t.Fatalf("Enqueue = %d, want 1 (only the target wanting report_new)", n)
	}
	for i := 0; i < 5; i++ {
		if i == 4 {
			mu.Lock()
			status = http.StatusNoContent
			mu.Unlock()
		}
		if _, _, err := d.DeliverDue(ctx); err != nil {
			t.Fatal(err)
		}
		items, _ := st.Outbox(ctx)
		if len(items) > 0 {
			c.Set(items[0].NextAttempt)
		}
	}
	want := "00:00:00 #1 sig=true|00:00:10 #2 sig=true|00:00:30 #3 sig=true|00:01:00 #4 sig=true|00:01:30 #5 sig=true"
	if got := strings.Join(attempts, "|"); got != want {
		t.Errorf("attempts:\n%s\nwant (backoff 10 s doubling to 30 s):\n%s", got, want)
	}
	if items, _ := st.Outbox(ctx); len(items) != 0 {
		t.Errorf("outbox keeps %+v after a 204", items)
	}
	if !watch.Verify([]byte("k"), "1", []byte("b"), watch.Sign([]byte("k"), time.Unix(1, 0), []byte("b"))) ||
		watch.Verify([]byte("k"), "2", []byte("b"), watch.Sign([]byte("k"), time.Unix(1, 0), []byte("b"))) {
		t.Error("Verify does not bind the timestamp")
	}
	if _, err := watch.NewDispatcher(ctx, st, []watch.Target{watch.NewTarget("ftp://x/", nil, "")}, watch.DispatcherOptions{}); err == nil {
		t.Error("NewDispatcher accepted an ftp target")
	}
}
