package web

import (
	"context"
	"crypto/subtle"
	"embed"
	"errors"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"golang.org/x/time/rate"

	"vitae"
	"vitae/ingest"
	"vitae/search"
)

// Backend is everything the web layer needs; *search.Engine implements it.
type Backend interface {
	Search(ctx context.Context, q vitae.Query) (*vitae.Results, error)
	Rank(ctx context.Context, r search.RankRequest) (*search.RankResult, error)
	Match(ctx context.Context, r search.MatchRequest) (*search.MatchResult, error)
	Add(ctx context.Context, resumes []*vitae.Resume) (*search.AddResult, error)
	Delete(ctx context.Context, resumeID string) error
	Resume(ctx context.Context, id string) (*vitae.Resume, error)
	Resumes(ctx context.Context, offset, limit int) ([]*vitae.Resume, int, error)
	Stats(ctx context.Context) (*search.Stats, error)
}

// Config is the server's settings, plain values (cmd reads the config).
type Config struct {
	APIKey         string
	ProtectReads   bool
	CORSOrigins    []string
	MaxBodyBytes   int64         // default 10 MiB
	MaxQueryLen    int           // default 1000
	MaxLimit       int           // default 100
	RequestTimeout time.Duration // default 30s
	RateLimit      float64       // requests/s per client address; 0 = off
	RateBurst      int
	// TrustedProxies lists the addresses (IPs or CIDRs) of reverse proxies
	// whose X-Forwarded-For / X-Real-IP name the client. Empty: none, the
	// client is the connection's peer — a header cannot pick its own
	// rate-limit bucket.
	TrustedProxies []string
	SemanticRatio  float64 // default for requests that do not say; 0.5
	Logger         *slog.Logger
	Ready          func() bool
	IngestOptions  ingest.Options
}

// Validate reports every problem at once.
func (c Config) Validate() error {
	var errs []string
	if c.MaxBodyBytes < 0 || c.MaxQueryLen < 0 || c.MaxLimit < 0 || c.RequestTimeout < 0 || c.RateLimit < 0 {
		errs = append(errs, "limits must not be negative")
	}
	if !(c.SemanticRatio >= 0 && c.SemanticRatio <= 1) { // NaN too
		errs = append(errs, "semantic ratio must be within 0..1")
	}
	if len(errs) > 0 {
		return vitae.Errorf(vitae.EINVALID, "web config: %s", strings.Join(errs, "; "))
	}
	return nil
}

func (c Config) withDefaults() Config {
	if c.MaxBodyBytes == 0 {
		c.MaxBodyBytes = 10 << 20
	}
	if c.MaxQueryLen == 0 {
		c.MaxQueryLen = 1000
	}
	if c.MaxLimit == 0 {
		c.MaxLimit = 100
	}
	if c.RequestTimeout == 0 {
		c.RequestTimeout = 30 * time.Second
	}
	if c.RateBurst <= 0 {
		c.RateBurst = 20
	}
	if c.SemanticRatio == 0 {
		c.SemanticRatio = 0.5
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	if c.Ready == nil {
		c.Ready = func() bool { return true }
	}
	c.IngestOptions = c.IngestOptions.WithDefaults()
	return c
}

//go:embed templates/*.html static/*
var assets embed.FS

// Server is the HTTP handler.
type Server struct {
	b        Backend
	cfg      Config
	engine   *gin.Engine
	tmpl     *template.Template
	registry *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	limiters sync.Map // client address → *rate.Limiter
	nLimit   atomic.Int64
	sweepMu  sync.Mutex
	swept    time.Time
}

// maxLimiters is the number of client buckets above which idle ones are
// forgotten (at most once a second).
const maxLimiters = 10000

// New builds the router.
func New(b Backend, cfg Config) (*Server, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	gin.SetMode(gin.ReleaseMode)
	tmpl, err := template.New("").Funcs(funcs).ParseFS(assets, "templates/*.html")
	if err != nil {
		return nil, err
	}
	s := &Server{b: b, cfg: cfg, engine: gin.New(), tmpl: tmpl, registry: prometheus.NewRegistry()}
	if err := s.engine.SetTrustedProxies(cfg.TrustedProxies); err != nil {
		return nil, vitae.Wrap(vitae.EINVALID, err, "web config: trusted proxies")
	}
	s.requests = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "vitae_http_requests_total", Help: "HTTP requests by route, method and status."}, []string{"route", "method", "status"})
	s.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "vitae_http_request_duration_seconds", Help: "HTTP request latency by route.", Buckets: prometheus.ExponentialBuckets(0.0005, 2, 16)}, []string{"route", "method"})
	s.registry.MustRegister(s.requests, s.latency, prometheus.NewGoCollector())
	s.registry.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "vitae_index_bullets", Help: "Bullets in the index."}, func() float64 {
		st, err := b.Stats(context.Background())
		if err != nil {
			return 0
		}
		return float64(st.Bullets)
	}))

	e := s.engine
	e.HandleMethodNotAllowed = true
	e.Use(s.recovery, s.observe, s.securityHeaders, s.cors, s.rateLimit)
	e.NoRoute(func(c *gin.Context) {
		if strings.HasPrefix(c.Request.URL.Path, "/api/") {
			s.fail(c, vitae.Errorf(vitae.ENOTFOUND, "no such route: %s %s", c.Request.Method, c.Request.URL.Path))
			return
		}
		c.String(http.StatusNotFound, "not found")
	})
	e.NoMethod(func(c *gin.Context) {
		s.failStatus(c, http.StatusMethodNotAllowed, "method_not_allowed", "method not allowed")
	})
	static, _ := fs.Sub(assets, "static")
	e.StaticFS("/static", http.FS(static))
	e.GET("/healthz", func(c *gin.Context) { c.JSON(http.StatusOK, gin.H{"status": "ok"}) })
	e.GET("/readyz", func(c *gin.Context) {
		if !s.cfg.Ready() {
			c.JSON(http.StatusServiceUnavailable, gin.H{"status": "indexing"})
			return
		}
		c.JSON(http.StatusOK, gin.H{"status": "ready"})
	})
	e.GET("/metrics", gin.WrapH(promhttp.HandlerFor(s.registry, promhttp.HandlerOpts{})))

	api := e.Group("/api/v1", s.limitBody, s.timeout)
	reads := api.Group("", s.auth(s.cfg.ProtectReads))
	writes := api.Group("", s.auth(true))
	s.registerSearchRoutes(reads)
	s.registerResumeRoutes(reads, writes)
	s.registerStatsRoutes(reads)
	api.GET("/openapi.json", func(c *gin.Context) { c.Data(http.StatusOK, "application/json", openapiJSON) })

	pages := e.Group("", s.auth(s.cfg.ProtectReads), s.limitBody, s.timeout)
	s.registerPages(pages)
	return s, nil
}

// Registry lets the binary add its own collectors (embedding calls).
func (s *Server) Registry() *prometheus.Registry { return s.registry }

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.engine.ServeHTTP(w, r) }

// Routes lists registered method+path pairs (for the OpenAPI check).
func (s *Server) Routes() gin.RoutesInfo { return s.engine.Routes() }

// statusOf maps error codes to HTTP status: the one table.
func statusOf(code string) int {
	switch code {
	case vitae.EINVALID:
		return http.StatusBadRequest
	case vitae.ENOTFOUND:
		return http.StatusNotFound
	case vitae.EUNAUTHORIZED:
		return http.StatusUnauthorized
	case vitae.ETOOLARGE:
		return http.StatusRequestEntityTooLarge
	case vitae.ERATELIMIT:
		return http.StatusTooManyRequests
	case vitae.ETIMEOUT:
		return http.StatusGatewayTimeout
	case vitae.EUNAVAILABLE:
		return http.StatusServiceUnavailable
	case vitae.EUNSUPPORTED:
		return http.StatusUnsupportedMediaType
	}
	return http.StatusInternalServerError
}

// fail answers with the JSON error of err; causes stay in the log.
func (s *Server) fail(c *gin.Context, err error) {
	code := vitae.ErrorCode(err)
	if code == vitae.EINTERNAL {
		s.cfg.Logger.Error("request failed", "route", c.FullPath(), "error", err)
	}
	s.failStatus(c, statusOf(code), code, vitae.ErrorMessage(err))
}

func (s *Server) failStatus(c *gin.Context, status int, code, msg string) {
	c.AbortWithStatusJSON(status, gin.H{"error": gin.H{"code": code, "message": msg}})
}

func (s *Server) recovery(c *gin.Context) {
	defer func() {
		if p := recover(); p != nil {
			s.cfg.Logger.Error("panic serving request", "route", c.FullPath(), "panic", p)
			s.failStatus(c, http.StatusInternalServerError, vitae.EINTERNAL, "internal error")
		}
	}()
	c.Next()
}

// observe logs and measures every request; no query text or résumé
// content reaches the log.
func (s *Server) observe(c *gin.Context) {
	start := time.Now()
	c.Next()
	route := c.FullPath()
	if route == "" {
		route = "unmatched"
	}
	d := time.Since(start)
	status := c.Writer.Status()
	s.requests.WithLabelValues(route, c.Request.Method, http.StatusText(status)).Inc()
	s.latency.WithLabelValues(route, c.Request.Method).Observe(d.Seconds())
	s.cfg.Logger.Info("request", "method", c.Request.Method, "route", route, "status", status, "duration_ms", float64(d.Microseconds())/1000, "bytes", c.Writer.Size())
}

func (s *Server) securityHeaders(c *gin.Context) {
	h := c.Writer.Header()
	h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	c.Next()
}

func (s *Server) cors(c *gin.Context) {
	origin := c.GetHeader("Origin")
	allowed := false
	for _, o := range s.cfg.CORSOrigins {
		if o == origin && origin != "" {
			allowed = true
		}
	}
	if allowed {
		h := c.Writer.Header()
		h.Set("Access-Control-Allow-Origin", origin)
		h.Set("Vary", "Origin")
		h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type")
		h.Set("Access-Control-Allow-Methods", "GET, POST, DELETE")
		if c.Request.Method == http.MethodOptions {
			c.AbortWithStatus(http.StatusNoContent)
			return
		}
	}
	c.Next()
}

func (s *Server) rateLimit(c *gin.Context) {
	if s.cfg.RateLimit <= 0 || strings.HasPrefix(c.Request.URL.Path, "/healthz") || strings.HasPrefix(c.Request.URL.Path, "/readyz") {
		c.Next()
		return
	}
	if !s.limiter(c.ClientIP()).Allow() {
		s.fail(c, vitae.Errorf(vitae.ERATELIMIT, "too many requests; slow down"))
		return
	}
	c.Next()
}

// limiter is the token bucket of one client address.
func (s *Server) limiter(addr string) *rate.Limiter {
	if l, ok := s.limiters.Load(addr); ok {
		return l.(*rate.Limiter)
	}
	l, loaded := s.limiters.LoadOrStore(addr, rate.NewLimiter(rate.Limit(s.cfg.RateLimit), s.cfg.RateBurst))
	if !loaded && s.nLimit.Add(1) > maxLimiters {
		s.sweepLimiters()
	}
	return l.(*rate.Limiter)
}

// sweepLimiters forgets the clients whose bucket has filled up again:
// a new bucket for them would be the same, and the map stays bounded by
// the clients active in the last few seconds.
func (s *Server) sweepLimiters() {
	s.sweepMu.Lock()
	defer s.sweepMu.Unlock()
	if time.Since(s.swept) < time.Second {
		return
	}
	s.swept = time.Now()
	s.limiters.Range(func(k, v any) bool {
		if v.(*rate.Limiter).Tokens() >= float64(s.cfg.RateBurst) {
			s.limiters.Delete(k)
			s.nLimit.Add(-1)
		}
		return true
	})
}

func (s *Server) limitBody(c *gin.Context) {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, s.cfg.MaxBodyBytes)
	c.Next()
}

func (s *Server) timeout(c *gin.Context) {
	ctx, cancel := context.WithTimeout(c.Request.Context(), s.cfg.RequestTimeout)
	defer cancel()
	c.Request = c.Request.WithContext(ctx)
	c.Next()
}

// auth requires the API key when one is set and required is true.
func (s *Server) auth(required bool) gin.HandlerFunc {
	return func(c *gin.Context) {
		if !required || s.cfg.APIKey == "" {
			c.Next()
			return
		}
		got := strings.TrimPrefix(c.GetHeader("Authorization"), "Bearer ")
		if got == "" {
			if ck, err := c.Cookie("vitae_key"); err == nil {
				got = ck
			}
		}
		if c.Request.Method == http.MethodPost && got == "" {
			got = c.PostForm("api_key")
		}
		if subtle.ConstantTimeCompare([]byte(got), []byte(s.cfg.APIKey)) != 1 {
			s.fail(c, vitae.Errorf(vitae.EUNAUTHORIZED, "missing or wrong API key"))
			return
		}
		c.Next()
	}
}

// tooLarge reports whether err came from the body size limit.
func tooLarge(err error) bool {
	var mbe *http.MaxBytesError
	return errors.As(err, &mbe)
}
