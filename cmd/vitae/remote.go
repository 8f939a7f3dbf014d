package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"vitae"
	"vitae/index"
)

// A running `vitae serve` holds its index's lock, so `search`, `match` and
// `jobs` on that index ask the server instead: serve writes its loopback
// address and an id of its own to serve.addr in the index directory and
// removes it on a clean stop. A file left by a crash is read only while
// the lock is held, and the server at its address must answer with the
// same id (instanceHeader): a stale file naming another live server (the
// port reused) is refused, not asked.
const addrFile = "serve.addr"

// instanceHeader is the response header that carries the server's id.
const instanceHeader = "X-Vitae-Instance"

// newInstanceID is a random id for one run of the server.
func newInstanceID() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("server id: %w", err)
	}
	return hex.EncodeToString(b), nil
}

// withInstance sets the server's id on every answer.
func withInstance(h http.Handler, id string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set(instanceHeader, id)
		h.ServeHTTP(w, r)
	})
}

// writeServeAddr records where the server listens and its id; remove
// deletes the file if it still holds this server's.
func writeServeAddr(dir string, addr net.Addr, id string) (remove func(), err error) {
	content := serverBase(addr) + "\n" + id + "\n"
	path := filepath.Join(dir, addrFile)
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(content), 0o600); err != nil {
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	return func() {
		if b, err := os.ReadFile(path); err == nil && string(b) == content {
			os.Remove(path)
		}
	}, nil
}

// serverBase is the URL a process on this machine reaches addr at: an
// unspecified host (0.0.0.0, ::) is reached over loopback.
func serverBase(addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return "http://" + addr.String()
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
		if ip.To4() == nil {
			host = "::1"
		}
	}
	return "http://" + net.JoinHostPort(host, port)
}

// readServeAddr returns the server address recorded in dir, if it is a
// loopback one (the query and the API key go nowhere else), and the
// server's id.
func readServeAddr(dir string) (base, id string, err error) {
	b, err := os.ReadFile(filepath.Join(dir, addrFile))
	if err != nil {
		return "", "", err
	}
	base, id, _ = strings.Cut(strings.TrimSpace(string(b)), "\n")
	base, id = strings.TrimSpace(base), strings.TrimSpace(id)
	u, err := url.Parse(base)
	if err != nil || u.Scheme != "http" || u.Path != "" {
		return "", "", fmt.Errorf("%s holds %q, not a server address", addrFile, base)
	}
	if ip := net.ParseIP(u.Hostname()); u.Hostname() != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return "", "", fmt.Errorf("%s names %s, which is not a loopback address", addrFile, u.Host)
	}
	return base, id, nil
}

// dialServer returns the server recorded in dir's serve.addr once it has
// shown, on /readyz, the id recorded beside its address: a server that
// answers with another id serves another index, and nothing is sent to it.
// timeout bounds each request to it afterwards.
func dialServer(ctx context.Context, dir, apiKey string, timeout time.Duration) (*remote, error) {
	base, id, err := readServeAddr(dir)
	if err != nil {
		return nil, err
	}
	probe := &http.Client{Timeout: probeTimeout}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/readyz", nil)
	if err != nil {
		return nil, fmt.Errorf("ask the server at %s: %w", base, err)
	}
	resp, err := probe.Do(req)
	if err != nil {
		return nil, fmt.Errorf("ask the server at %s (named in %s): %w", base, filepath.Join(dir, addrFile), err)
	}
	resp.Body.Close()
	if id == "" { // a one-line serve.addr: written by a server of an older vitae
		return nil, fmt.Errorf("the server at %s cannot show it serves %s (%s holds no id): restart `vitae serve` (it was started by an older vitae)",
			base, dir, filepath.Join(dir, addrFile))
	}
	if got := resp.Header.Get(instanceHeader); got != id {
		return nil, fmt.Errorf("the server at %s does not serve %s (%s is stale: its id %q, the server's %q); stop the process that holds %s, or remove %s if none does",
			base, dir, addrFile, id, got, dir, filepath.Join(dir, addrFile))
	}
	return &remote{base: base, apiKey: apiKey, client: &http.Client{Timeout: timeout}}, nil
}

// matchTimeout bounds a request that searches or matches on the server.
const matchTimeout = 5 * time.Minute

// probeTimeout bounds the check of the server's id: a port that accepts
// but never answers must not hang a command.
const probeTimeout = 10 * time.Second

// remote is a running server asked over its JSON API.
type remote struct {
	base   string
	apiKey string
	client *http.Client
}

// inUse is the error for an index another process holds when no server
// is named to ask; the holder may be a command as well as a server, and
// the remedy says so.
func inUse(err error) error {
	return fmt.Errorf("%w: another vitae process holds it (a server, or a command still running); stop it or use --index DIR", err)
}

// openOrRemote opens the index like openIndexed; when a running server
// holds it, it returns that server to ask instead (saying so on stderr).
// check vets the flags against the configuration before anything opens.
func (g *globals) openOrRemote(cmd *cobra.Command, local map[string]string, check func(*Config) error) (*app, *remote, *Config, error) {
	cfg, log, err := g.load(cmd, local)
	if err != nil {
		return nil, nil, nil, err
	}
	if err := check(cfg); err != nil {
		return nil, nil, nil, usage(err)
	}
	a, err := openApp(cfg, log)
	if errors.Is(err, index.ErrInUse) {
		if _, _, rerr := readServeAddr(cfg.Index.Path); rerr != nil {
			return nil, nil, nil, inUse(err)
		}
		srv, derr := dialServer(cmd.Context(), cfg.Index.Path, cfg.Server.APIKey, matchTimeout)
		if derr != nil {
			return nil, nil, nil, fmt.Errorf("%s is %w: %w", cfg.Index.Path, err, derr)
		}
		fmt.Fprintf(g.stderr, "vitae: %s is held by the server at %s; asking it\n", cfg.Index.Path, srv.base)
		return nil, srv, cfg, nil
	}
	if err != nil {
		return nil, nil, nil, err
	}
	if err := a.ensureIndexed(cmd.Context(), g.stderr); err != nil {
		a.Close()
		return nil, nil, nil, err
	}
	return a, nil, cfg, nil
}

// post sends in as JSON to the API route path and decodes the answer into
// out; an error answer comes back as the vitae error it carries.
func (r *remote) post(ctx context.Context, path string, in, out any) error {
	_, err := r.do(ctx, http.MethodPost, path, in, out)
	return err
}

// do sends one request to the API route path (in, when not nil, as JSON)
// and decodes a 2xx answer into out, returning its status.
func (r *remote) do(ctx context.Context, method, path string, in, out any) (int, error) {
	var body io.Reader
	if in != nil {
		data, err := json.Marshal(in)
		if err != nil {
			return 0, err
		}
		body = bytes.NewReader(data)
	}
	req, err := http.NewRequestWithContext(ctx, method, r.base+"/api/v1"+path, body)
	if err != nil {
		return 0, err
	}
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if r.apiKey != "" {
		req.Header.Set("Authorization", "Bearer "+r.apiKey)
	}
	resp, err := r.client.Do(req)
	if err != nil {
		return 0, fmt.Errorf("ask the server at %s: %w; stop the server or use --index DIR", r.base, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return 0, fmt.Errorf("read the server's answer: %w", err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		var e struct {
			Error struct{ Code, Message string } `json:"error"`
		}
		if json.Unmarshal(data, &e) != nil || e.Error.Code == "" {
			return resp.StatusCode, fmt.Errorf("the server at %s answered %s", r.base, resp.Status)
		}
		return resp.StatusCode, vitae.Errorf(e.Error.Code, "%s", e.Error.Message)
	}
	if err := json.Unmarshal(data, out); err != nil {
		return resp.StatusCode, fmt.Errorf("read the server's answer: %w", err)
	}
	return resp.StatusCode, nil
}

// searchRequest is the body of POST /api/v1/search the CLI sends.
type searchRequest struct {
	Query         string        `json:"query"`
	Mode          vitae.Mode    `json:"mode,omitempty"`
	SemanticRatio float64       `json:"semantic_ratio"`
	Filters       vitae.Filters `json:"filters"`
	Limit         int           `json:"limit"`
	Offset        int           `json:"offset"`
	GroupBy       string        `json:"group_by,omitempty"`
	Explain       bool          `json:"explain"`
	Facets        bool          `json:"facets"`
}

func (r *remote) search(ctx context.Context, q vitae.Query) (*vitae.Results, error) {
	var res vitae.Results
	err := r.post(ctx, "/search", searchRequest{Query: q.Text, Mode: q.Mode, SemanticRatio: q.SemanticRatio, Filters: q.Filters,
		Limit: q.Limit, Offset: q.Offset, GroupBy: q.GroupBy, Explain: q.Explain, Facets: q.Facets}, &res)
	if err != nil {
		return nil, err
	}
	return &res, nil
}
