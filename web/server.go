package web

import (
	"context"
	"crypto/rand"
	"embed"
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

	"vitae"
	"vitae/audit"
	"vitae/ingest"
	"vitae/match"
	"vitae/pipeline"
	"vitae/search"
	"vitae/web/workbench"
)

// Backend is what the web layer needs of the search engine, in the
// engine's request and answer shapes; *search.Engine implements it.
// Errors carry vitae error codes, which statusOf maps to HTTP status.
type Backend interface {
	Search(ctx context.Context, q vitae.Query) (*vitae.Results, error)
	Rank(ctx context.Context, r search.RankRequest) (*search.RankResult, error)
	Add(ctx context.Context, resumes []*vitae.Resume) (*search.AddResult, error)
	AddFiles(ctx context.Context, files []pipeline.File) (*search.FilesResult, error)
	Delete(ctx context.Context, resumeID string) error
	Resume(ctx context.Context, id string) (*vitae.Resume, error)
	Resumes(ctx context.Context, offset, limit int) ([]*vitae.Resume, int, error)
	Stats(ctx context.Context) (*search.Stats, error)
	// Copies lists the résumé IDs of one candidate identity.
	Copies(ctx context.Context, identity string) ([]string, error)
	// Similar: candidates like one résumé (by its bullets' vectors);
	// EUNAVAILABLE without vectors.
	Similar(ctx context.Context, resumeID string, limit int) ([]vitae.Candidate, error)
}

// Matcher ranks candidates for a job description; *match.Matcher
// implements it. Errors carry vitae error codes (EINVALID for a JD
// without requirements or too long, ETOOLARGE for a PDF too large).
type Matcher interface {
	Match(ctx context.Context, r match.Request) (*match.Result, error)
	// Fits scores one résumé against stored jobs, best fit first;
	// ENOTFOUND for an unknown résumé.
	Fits(ctx context.Context, resumeID string, jobs []match.Job) ([]match.JobFit, error)
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
	// Audit is the audit log (docs/compliance.md); nil: nothing is
	// logged and /api/v1/audit answers 503.
	Audit Auditor
	// Pseudonyms name candidates in blind review; nil: a key for this
	// process only (pseudonyms change on restart).
	Pseudonyms *audit.Pseudonyms
	// Contact is where a person contests a decision, printed in their
	// explanation packet.
	Contact string
	Uploads UploadLimits
	// Workbench holds shortlists and saved searches; nil: those routes
	// answer 503 unavailable.
	Workbench *workbench.Store
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
	errs = append(errs, c.Uploads.problems()...)
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
	if c.Pseudonyms == nil {
		key := make([]byte, 32)
		_, _ = rand.Read(key)
		c.Pseudonyms = audit.NewPseudonyms(key)
	}
	c.IngestOptions = c.IngestOptions.WithDefaults()
	c.Uploads = c.Uploads.withDefaults()
	return c
}

//go:embed templates/*.html static/*
var assets embed.FS

// Server is the HTTP handler.
type Server struct {
	b        Backend
	m        Matcher
	cfg      Config
	pseudo   *audit.Pseudonyms
	engine   *gin.Engine
	tmpl     *template.Template
	registry *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	limiters sync.Map // client address → *rate.Limiter
	nLimit   atomic.Int64
	sweepMu  sync.Mutex
	swept    time.Time
	parses   chan struct{} // a slot per résumé parse running (Uploads.ParseSlots)
	origins  *originGuard  // cross-site writes (csrf.go)
	// corsMethods answers a CORS preflight: the API routes' methods
	// (apiMethods), read from the router once every route is in.
	corsMethods string
}

// New builds the router over the search engine b and the job matcher m.
func New(b Backend, m Matcher, cfg Config) (*Server, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	gin.SetMode(gin.ReleaseMode)
	tmpl, err := template.New("").Funcs(funcs).ParseFS(assets, "templates/*.html")
	if err != nil {
		return nil, err
	}
	if cfg.Workbench != nil {
		b = erasing{Backend: b, wb: cfg.Workbench} // erasure reaches the shortlists
	}
	if cfg.Audit != nil && b != nil {
		b = audited{Backend: b, log: cfg.Audit}
	}
	s := &Server{b: b, m: m, cfg: cfg, pseudo: cfg.Pseudonyms, engine: gin.New(), tmpl: tmpl, registry: prometheus.NewRegistry(),
		parses: make(chan struct{}, cfg.Uploads.ParseSlots)}
	if err := s.engine.SetTrustedProxies(cfg.TrustedProxies); err != nil {
		return nil, vitae.Wrap(vitae.EINVALID, err, "web config: trusted proxies")
	}
	if s.origins, err = newOriginGuard(cfg.CORSOrigins); err != nil {
		return nil, vitae.Wrap(vitae.EINVALID, err, "web config")
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
	e.Use(s.recovery, s.observe, s.securityHeaders, s.cors, s.rateLimit, s.sameOrigin, s.identify)
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
	// Metrics name routes and count bullets: a read like any other.
	e.GET("/metrics", s.auth(s.cfg.ProtectReads), gin.WrapH(promhttp.HandlerFor(s.registry, promhttp.HandlerOpts{})))

	api := e.Group("/api/v1", s.limitBody, s.timeout)
	reads := api.Group("", s.auth(s.cfg.ProtectReads))
	writes := api.Group("", s.auth(true))
	s.registerSearchRoutes(reads)
	s.registerMatchRoutes(reads)
	s.registerResumeRoutes(reads, writes)
	s.registerStatsRoutes(reads)
	s.registerAuditRoutes(reads, writes)
	s.registerWorkbenchRoutes(reads, writes)
	s.registerJobRoutes(reads, writes)
	api.GET("/openapi.json", func(c *gin.Context) { c.Data(http.StatusOK, "application/json", openapiJSON) })

	pages := e.Group("", s.auth(s.cfg.ProtectReads), s.limitBody, s.timeout)
	s.registerPages(pages)
	s.registerAuditPages(pages)
	s.registerWorkbenchPages(pages)
	s.corsMethods = apiMethods(e.Routes())
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
	case vitae.EFORBIDDEN:
		return http.StatusForbidden
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
	case vitae.EINSUFFICIENT:
		return http.StatusInsufficientStorage
	case vitae.EUNPROCESSABLE:
		return http.StatusUnprocessableEntity
	case vitae.ECONFLICT:
		return http.StatusConflict
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
