package daemon

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"strconv"
	"syscall"
	"time"
)

// The address file: a running daemon records where it listens in a small
// JSON file beside the archive (ARCHIVE.daemon), so that the read commands
// find it whatever --listen, NIANBAO_LISTEN or the config said. Run writes
// it once the daemon serves and removes it when it shuts down cleanly; a
// file left behind by a killed daemon is stale, and Find ignores it.

// AddrFileSuffix is appended to the archive's path to name the address file.
const AddrFileSuffix = ".daemon"

// Recorded is what the address file holds.
type Recorded struct {
	URL     string    `json:"url"`     // base URL of the HTTP server, e.g. http://127.0.0.1:8080
	Archive string    `json:"archive"` // the archive's path as the daemon opened it
	PID     int       `json:"pid"`
	Host    string    `json:"host"` // os.Hostname of the daemon: its PID means something only there
	Started time.Time `json:"started"`
}

// AddrFile is the address file of the archive at archivePath.
func AddrFile(archivePath string) string { return archivePath + AddrFileSuffix }

// writeAddrFile records rec beside the archive, replacing any file left
// there: written under a temporary name, then renamed.
func writeAddrFile(archivePath string, rec Recorded) error {
	data, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	path := AddrFile(archivePath)
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, append(data, '\n'), 0o600); err != nil {
		return fmt.Errorf("daemon: record the listen address: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("daemon: record the listen address: %w", err)
	}
	return nil
}

// removeAddrFile removes the address file when it is still this
// process's (a newer daemon on the same archive may have replaced it).
func removeAddrFile(archivePath string) error {
	path := AddrFile(archivePath)
	rec, err := readAddrFile(path)
	if err != nil || rec.PID != os.Getpid() {
		return nil
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("daemon: remove %s: %w", path, err)
	}
	return nil
}

func readAddrFile(path string) (Recorded, error) {
	var rec Recorded
	data, err := os.ReadFile(path)
	if err != nil {
		return rec, err
	}
	if err := json.Unmarshal(data, &rec); err != nil || rec.URL == "" {
		return rec, fmt.Errorf("%s is not a daemon address file", path)
	}
	return rec, nil
}

// Find returns the base URL of the daemon recorded beside the archive at
// archivePath when it answers /healthz. When there is none, or the file is
// stale (its process is gone, or nothing healthy answers at its address),
// base is "" and why says which, for an error message.
func Find(ctx context.Context, archivePath string) (base, why string) {
	path := AddrFile(archivePath)
	rec, err := readAddrFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", "no daemon recorded in " + path
	case err != nil:
		return "", err.Error()
	}
	if host, _ := os.Hostname(); host == rec.Host && !processAlive(rec.PID) {
		return "", fmt.Sprintf("%s is stale: its process %d is gone", path, rec.PID)
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	if err := Probe(ctx, rec.URL+"/healthz"); err != nil {
		return "", fmt.Sprintf("%s is stale: %v", path, err)
	}
	return rec.URL, ""
}

// processAlive reports whether a process with pid exists on this machine.
func processAlive(pid int) bool {
	if pid <= 0 {
		return false
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// Probe GETs a daemon's health URL until ctx ends: nil on 200, otherwise
// an error saying what answered, or that nothing did.
func Probe(ctx context.Context, url string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("nothing answers at %s: %w", url, err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s answered %s", url, resp.Status)
	}
	return nil
}

// baseURL is the URL a client on this machine reaches a listener at: a
// wildcard address becomes the loopback address.
func baseURL(addr net.Addr) string {
	tcp, ok := addr.(*net.TCPAddr)
	if !ok {
		return "http://" + addr.String()
	}
	host := tcp.IP.String()
	if tcp.IP.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, strconv.Itoa(tcp.Port))
}
