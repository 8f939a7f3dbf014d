package web

import (
	"context"
	"crypto/subtle"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"golang.org/x/time/rate"

	"vitae"
)

// The middleware every request passes (recovery, metrics and logs,
// security headers, CORS, rate limiting) and the per-group guards (body
// size, timeout, API key).

// maxLimiters is the number of client buckets above which idle ones are
// forgotten (at most once a second).
const maxLimiters = 10000

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
