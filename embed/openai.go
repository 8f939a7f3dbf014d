package embed

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	openai "github.com/sashabaranov/go-openai"

	"vitae"
)

// OpenAIConfig points the provider at any OpenAI-compatible server.
type OpenAIConfig struct {
	BaseURL       string // e.g. https://api.openai.com/v1, http://localhost:11434/v1
	APIKey        string
	Model         string
	Dimensions    int           // 0: the model's own; otherwise asked for and checked
	BatchSize     int           // inputs per request; default 128
	Parallel      int           // requests at once; default 2
	Timeout       time.Duration // per request; default 30s
	MaxRetries    int           // on 429, 5xx, timeouts; default 5
	MaxInputChars int           // longer inputs are truncated; default 8000
	APIType       string        // "openai" (default) or "azure"
	APIVersion    string        // azure only
	HTTPClient    *http.Client
	// baseBackoff is the first retry delay; tests shorten it.
	baseBackoff time.Duration
}

// Validate lists every problem at once.
func (c OpenAIConfig) Validate() error {
	var errs []string
	if u, err := url.Parse(c.BaseURL); err != nil || u.Scheme == "" || u.Host == "" {
		errs = append(errs, fmt.Sprintf("base URL %q is not an absolute URL", c.BaseURL))
	}
	if c.Model == "" {
		errs = append(errs, "model is required")
	}
	if c.Dimensions < 0 || c.BatchSize < 0 || c.Parallel < 0 || c.MaxRetries < 0 || c.MaxInputChars < 0 {
		errs = append(errs, "dimensions, batch size, parallel, retries and max input chars must not be negative")
	}
	if c.APIType != "" && c.APIType != "openai" && c.APIType != "azure" {
		errs = append(errs, fmt.Sprintf("API type %q is not openai or azure", c.APIType))
	}
	if c.APIType == "azure" && c.APIVersion == "" {
		errs = append(errs, "azure needs an API version")
	}
	if len(errs) > 0 {
		return vitae.Errorf(vitae.EINVALID, "embedding provider: %s", strings.Join(errs, "; "))
	}
	return nil
}

// OpenAI embeds through an OpenAI-compatible /embeddings endpoint.
type OpenAI struct {
	cfg    OpenAIConfig
	client *openai.Client
	mu     sync.Mutex
	dim    int
}

var _ vitae.Embedder = (*OpenAI)(nil)

// NewOpenAI builds the provider; it makes no request until used.
func NewOpenAI(cfg OpenAIConfig) (*OpenAI, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if cfg.BatchSize == 0 {
		cfg.BatchSize = 128
	}
	if cfg.Parallel == 0 {
		cfg.Parallel = 2
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = 30 * time.Second
	}
	if cfg.MaxRetries == 0 {
		cfg.MaxRetries = 5
	}
	if cfg.MaxInputChars == 0 {
		cfg.MaxInputChars = 8000
	}
	if cfg.baseBackoff == 0 {
		cfg.baseBackoff = 500 * time.Millisecond
	}
	var oc openai.ClientConfig
	if cfg.APIType == "azure" {
		oc = openai.DefaultAzureConfig(cfg.APIKey, cfg.BaseURL)
		oc.APIVersion = cfg.APIVersion
	} else {
		oc = openai.DefaultConfig(cfg.APIKey)
		oc.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	}
	hc := cfg.HTTPClient
	if hc == nil {
		hc = &http.Client{}
	}
	// Keep each response's Retry-After: go-openai hides headers.
	base := hc.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	wrapped := *hc
	wrapped.Transport = retryAfterTransport{base}
	oc.HTTPClient = &wrapped
	return &OpenAI{cfg: cfg, client: openai.NewClientWithConfig(oc), dim: cfg.Dimensions}, nil
}

// Model identifies server, model and dimensions.
func (o *OpenAI) Model() string {
	host := o.cfg.BaseURL
	if u, err := url.Parse(o.cfg.BaseURL); err == nil {
		host = u.Host
	}
	return fmt.Sprintf("openai:%s:%s:%d", host, o.cfg.Model, o.cfg.Dimensions)
}

// Dimension is the configured dimension, or the one learnt from the first
// answer (0 before any request when not configured).
func (o *OpenAI) Dimension() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.dim
}

// Embed sends texts in batches, Parallel at a time, and returns vectors in
// input order. Provider failures wrap vitae.ErrUnavailable.
func (o *OpenAI) Embed(ctx context.Context, texts []string, kind vitae.InputKind) ([][]float32, error) {
	out := make([][]float32, len(texts))
	type job struct{ lo, hi int }
	jobs := make(chan job)
	errc := make(chan error, 1)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	for w := 0; w < o.cfg.Parallel; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				vecs, err := o.batch(ctx, texts[j.lo:j.hi])
				if err != nil {
					select {
					case errc <- err:
					default:
					}
					cancel()
					continue
				}
				copy(out[j.lo:j.hi], vecs)
			}
		}()
	}
feed:
	for lo := 0; lo < len(texts); lo += o.cfg.BatchSize {
		select {
		case jobs <- job{lo, min(lo+o.cfg.BatchSize, len(texts))}:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	select {
	case err := <-errc:
		return nil, err
	default:
	}
	if err := ctx.Err(); err != nil {
		return nil, vitae.Wrap(vitae.EUNAVAILABLE, err, "embedding cancelled")
	}
	return out, nil
}

// batch embeds one request's worth, retrying what is worth retrying.
func (o *OpenAI) batch(ctx context.Context, texts []string) ([][]float32, error) {
	inputs := make([]string, len(texts))
	for i, t := range texts {
		inputs[i] = truncate(t, o.cfg.MaxInputChars)
		if inputs[i] == "" {
			inputs[i] = " " // servers reject empty inputs
		}
	}
	req := openai.EmbeddingRequestStrings{Input: inputs, Model: openai.EmbeddingModel(o.cfg.Model), Dimensions: o.cfg.Dimensions}
	var lastErr error
	for attempt := 0; attempt <= o.cfg.MaxRetries; attempt++ {
		if attempt > 0 {
			wait := o.backoff(attempt, lastErr)
			select {
			case <-time.After(wait):
			case <-ctx.Done():
				return nil, vitae.Wrap(vitae.EUNAVAILABLE, ctx.Err(), "embedding provider: cancelled while retrying")
			}
		}
		rctx, cancel := context.WithTimeout(ctx, o.cfg.Timeout)
		ra := &retryAfter{}
		rctx = context.WithValue(rctx, retryAfterKey{}, ra)
		resp, err := o.client.CreateEmbeddings(rctx, req)
		cancel()
		if err == nil {
			return o.check(resp, len(texts))
		}
		lastErr = &providerError{err: err, retryAfter: ra.d}
		if !retryable(err) || ctx.Err() != nil {
			break
		}
	}
	return nil, vitae.Wrap(vitae.EUNAVAILABLE, lastErr, "embedding provider failed")
}

func (o *OpenAI) check(resp openai.EmbeddingResponse, n int) ([][]float32, error) {
	if len(resp.Data) != n {
		return nil, vitae.Errorf(vitae.EUNAVAILABLE, "embedding provider returned %d vectors for %d inputs", len(resp.Data), n)
	}
	out := make([][]float32, n)
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, d := range resp.Data {
		if d.Index < 0 || d.Index >= n {
			return nil, vitae.Errorf(vitae.EUNAVAILABLE, "embedding provider returned index %d of %d", d.Index, n)
		}
		if o.dim == 0 {
			o.dim = len(d.Embedding)
		}
		if len(d.Embedding) != o.dim || o.dim == 0 {
			return nil, vitae.Errorf(vitae.EUNAVAILABLE, "embedding provider returned a vector of %d dimensions, want %d", len(d.Embedding), o.dim)
		}
		out[d.Index] = d.Embedding
	}
	for i, v := range out {
		if v == nil {
			return nil, vitae.Errorf(vitae.EUNAVAILABLE, "embedding provider returned no vector for input %d", i)
		}
	}
	return out, nil
}

// backoff is exponential with full jitter, or the server's Retry-After.
func (o *OpenAI) backoff(attempt int, err error) time.Duration {
	var pe *providerError
	if errors.As(err, &pe) && pe.retryAfter > 0 {
		return min(pe.retryAfter, time.Minute)
	}
	ceil := o.cfg.baseBackoff << (attempt - 1)
	if ceil > 20*time.Second {
		ceil = 20 * time.Second
	}
	return time.Duration(rand.Int64N(int64(ceil)) + 1)
}

func retryable(err error) bool {
	var apiErr *openai.APIError
	if errors.As(err, &apiErr) {
		return apiErr.HTTPStatusCode == 429 || apiErr.HTTPStatusCode >= 500
	}
	var reqErr *openai.RequestError
	if errors.As(err, &reqErr) {
		return reqErr.HTTPStatusCode == 429 || reqErr.HTTPStatusCode >= 500
	}
	var ne net.Error
	if errors.As(err, &ne) || errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	// Malformed answers and connection resets are worth one more try.
	return true
}

type providerError struct {
	err        error
	retryAfter time.Duration
}

func (e *providerError) Error() string { return e.err.Error() }
func (e *providerError) Unwrap() error { return e.err }

func truncate(s string, maxChars int) string {
	if utf8.RuneCountInString(s) <= maxChars {
		return s
	}
	r := []rune(s)
	return string(r[:maxChars])
}

type retryAfterKey struct{}

type retryAfter struct{ d time.Duration }

// retryAfterTransport records a response's Retry-After in the request's
// context, where the retry loop reads it.
type retryAfterTransport struct{ base http.RoundTripper }

func (t retryAfterTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(req)
	if err != nil || resp == nil {
		return resp, err
	}
	if ra, ok := req.Context().Value(retryAfterKey{}).(*retryAfter); ok {
		if v := resp.Header.Get("Retry-After"); v != "" {
			if secs, err := strconv.Atoi(v); err == nil {
				ra.d = time.Duration(secs) * time.Second
			} else if when, err := http.ParseTime(v); err == nil {
				ra.d = time.Until(when)
			}
		}
	}
	return resp, nil
}
