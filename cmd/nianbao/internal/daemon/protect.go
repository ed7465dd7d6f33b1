package daemon

import (
	"log/slog"
	"net"
	"net/http"
	"strings"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/httpx"
	"github.com/nianbao/nianbao/config"
)

// Bounds on what a request may carry. Every route is a GET whose input is
// its path and query string, so they are far above any real use and small
// for abuse.
const (
	maxRequestURI  = 8 << 10  // path and query string; longer is 414
	maxRequestBody = 64 << 10 // a body (no route reads one); larger is 413
	maxHeaderBytes = 64 << 10 // request line and headers (http.Server.MaxHeaderBytes)
)

// defaultCSP is the Content-Security-Policy of every response whose
// handler sets none (JSON, errors, metrics): nothing loads, nothing frames
// it. The web UI sets its own; raw archived bodies get "sandbox".
const defaultCSP = "default-src 'none'; frame-ancestors 'none'"

// gate is the outer layer of the daemon's HTTP surface: security headers
// on every response, bounded request URIs and bodies, and — when a token
// is set — the token on every route but /healthz (and /metrics unless
// protectMetrics).
type gate struct {
	next           http.Handler
	token          config.Secret
	protectMetrics bool
	log            *slog.Logger
}

func (g *gate) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", defaultCSP)
	httpx.NoSniff(w)
	switch {
	case len(r.RequestURI) > maxRequestURI:
		g.refuse(w, r, http.StatusRequestURITooLong, "the request URI (path and query) is longer than 8 KiB")
		return
	case r.ContentLength > maxRequestBody:
		g.refuse(w, r, http.StatusRequestEntityTooLarge, "request bodies are limited to 64 KiB")
		return
	}
	if r.Body != nil && r.Body != http.NoBody {
		r.Body = http.MaxBytesReader(w, r.Body, maxRequestBody)
	}
	if g.token.IsSet() && g.needsToken(r.URL.Path) && !g.token.Equal(presentedToken(r)) {
		h.Add("WWW-Authenticate", `Bearer realm="nianbao"`)
		h.Add("WWW-Authenticate", `Basic realm="nianbao", charset="UTF-8"`)
		g.log.Debug("request without the API token refused", "method", r.Method, "path", r.URL.Path, "remote", r.RemoteAddr)
		g.refuse(w, r, http.StatusUnauthorized, "this nianbao wants its API token: send Authorization: Bearer TOKEN (the token is http.token or NIANBAO_TOKEN)")
		return
	}
	g.next.ServeHTTP(w, r)
}

// needsToken reports whether path is behind the token: everything but
// /healthz, and /metrics only when protect_metrics is set.
func (g *gate) needsToken(path string) bool {
	switch path {
	case "/healthz":
		return false
	case "/metrics":
		return g.protectMetrics
	}
	return true
}

// presentedToken is the token a request carries: the Bearer credentials,
// or the password of Basic credentials (so a browser can ask for it; the
// user name is ignored). "" when there is none.
func presentedToken(r *http.Request) string {
	scheme, cred, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	if strings.EqualFold(scheme, "Bearer") {
		return strings.TrimSpace(cred)
	}
	if _, pw, ok := r.BasicAuth(); ok {
		return pw
	}
	return ""
}

// refuse answers with status and msg: {"error": msg} under /api/ and for
// /metrics, plain text elsewhere (the web UI's pages).
func (g *gate) refuse(w http.ResponseWriter, r *http.Request, status int, msg string) {
	if strings.HasPrefix(r.URL.Path, "/api/") || r.URL.Path == "/metrics" {
		httpx.WriteJSON(w, status, httpx.Error{Error: msg})
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(http.StatusText(status) + ": " + msg + "\n"))
}

// loopbackListen reports whether addr (http.listen) accepts connections
// from this machine only: a loopback IP or "localhost". An empty host
// listens on every interface.
func loopbackListen(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil || host == "" {
		return false
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// logExposure says at start who can reach the archive: a WARN when
// http.listen is not loopback and no token is set (anyone who reaches the
// port reads everything), and one when the config file holding the token
// is readable by other users. The token itself is never logged.
func logExposure(log *slog.Logger, cfg *config.Config) {
	switch {
	case cfg.HTTP.Token.IsSet():
		log.Info("API token required on /api/ and the web UI", "listen", cfg.HTTP.Listen, "metrics_protected", cfg.HTTP.ProtectMetrics)
	case !loopbackListen(cfg.HTTP.Listen):
		log.Warn("the archive is public: http.listen is not a loopback address and no API token is set (http.token or "+config.EnvToken+")",
			"listen", cfg.HTTP.Listen)
	}
	if warn, err := cfg.SecretFileWarning(); err != nil {
		log.Warn("config file permissions", "error", err)
	} else if warn != "" {
		log.Warn(warn)
	}
}

// restartNeeded reports whether a reload changed settings the running
// daemon keeps until restart (besides storage.path and http.listen).
func restartNeeded(old, cfg *config.Config) bool {
	sameToken := old.HTTP.Token.IsSet() == cfg.HTTP.Token.IsSet() &&
		(!old.HTTP.Token.IsSet() || old.HTTP.Token.Equal(cfg.HTTP.Token.Reveal()))
	return !sameToken || old.HTTP.ProtectMetrics != cfg.HTTP.ProtectMetrics || old.AllowPrivateNetworks != cfg.AllowPrivateNetworks
}
