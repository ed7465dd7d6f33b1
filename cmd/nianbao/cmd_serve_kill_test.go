package main

import (
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/watch"
	"github.com/nianbao/nianbao/crawler/portalsim"
)

// envAsNianbao makes the test binary act as the nianbao binary (see
// TestMain), so a test can run the real daemon as a process and kill it.
const envAsNianbao = "NIANBAO_TEST_AS_NIANBAO"

func TestMain(m *testing.M) {
	if os.Getenv(envAsNianbao) != "" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// TestServeSIGKILLDuringDelivery runs `nianbao serve` as a process with a
// webhook target, kills it with SIGKILL while a delivery is in flight,
// starts it again on the same archive, and checks that every event
// arrives: none lost, the one in flight sent again (at least once), no
// other repeated.
func TestServeSIGKILLDuringDelivery(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the daemon as a process")
	}
	farm := portalsim.NewTestFarmOf(t, portalsim.FarmOptions{Hosts: 1, Reports: 3})
	var (
		mu       sync.Mutex
		arrivals []string
		inFlight = make(chan struct{})
		release  = make(chan struct{})
	)
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		mu.Lock()
		arrivals = append(arrivals, r.Header.Get(watch.HeaderIdempotencyKey))
		n := len(arrivals)
		mu.Unlock()
		if n == 2 {
			close(inFlight)
			<-release // the daemon dies while this request is open
		}
	}))
	defer hook.Close()
	var releaseOnce sync.Once
	unblock := func() { releaseOnce.Do(func() { close(release) }) }
	defer unblock()

	dir := t.TempDir()
	cfgPath := simConfig(t, filepath.Join(dir, "nianbao.yaml"), farm.Hosts())
	f, err := os.OpenFile(cfgPath, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("notify:\n  - url: " + hook.URL + "/hook\n    events: [report_new]\n")
	f.Close()
	db := filepath.Join(dir, "archive.db")
	serve := func() (*exec.Cmd, string) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := ln.Addr().String()
		ln.Close()
		cmd := exec.Command(os.Args[0], "serve", "-c", cfgPath, "--db", db, "--listen", addr, "--log-level", "error")
		cmd.Env = append(os.Environ(), envAsNianbao+"=1")
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd, "http://" + addr
	}

	first, _ := serve()
	select {
	case <-inFlight:
	case <-time.After(60 * time.Second):
		first.Process.Kill()
		t.Fatal("the daemon never made a second delivery")
	}
	if err := first.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	first.Wait()
	unblock()

	second, base := serve()
	defer func() {
		second.Process.Signal(syscall.SIGTERM)
		second.Wait()
	}()
	var events struct{ Items []watch.Event }
	waitFor(t, "the restarted daemon's API", 30*time.Second, func() bool {
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
		}
		return err == nil && resp.StatusCode == 200
	})
	getJSON(t, base, "/api/v1/events?kind=report_new", &events)
	if len(events.Items) != 3 {
		t.Fatalf("the archive holds %d report_new events, want 3 (one per report)", len(events.Items))
	}
	waitFor(t, "every report_new event delivered", 30*time.Second, func() bool {
		mu.Lock()
		defer mu.Unlock()
		seen := map[string]bool{}
		for _, id := range arrivals {
			seen[id] = true
		}
		for _, e := range events.Items {
			if !seen[e.ID] {
				return false
			}
		}
		return true
	})
	mu.Lock()
	defer mu.Unlock()
	count := map[string]int{}
	for _, id := range arrivals {
		count[id]++
	}
	for id, n := range count {
		want := 1
		if id == arrivals[1] {
			want = 2 // in flight when the daemon was killed
		}
		if n != want {
			t.Errorf("event %s arrived %d times, want %d (arrivals %q)", id, n, want, arrivals)
		}
	}
}
