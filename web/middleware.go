package web

import (
	"context"
	"crypto/subtle"
	"net/http"
	"runtime/debug"
	"slices"
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
	// A fault reading a mapped index file (truncated under us) becomes a
	// panic answered here, not the end of the process.
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if p := recover(); p != nil {
			s.cfg.Logger.Error("panic serving request", "route", c.FullPath(), "panic", p, "stack", string(debug.Stack()))
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
		h.Set("Access-Control-Allow-Methods", s.corsMethods)
		if c.Request.Method == http.MethodOptions {
			c.AbortWithStatus(http.StatusNoContent)
			return
		}
	}
	c.Next()
}

// apiMethods lists the methods the /api/ routes serve, sorted and
// comma-separated: what a CORS preflight may ask for, kept from the
// router so that a route with another method needs no second list.
func apiMethods(routes gin.RoutesInfo) string {
	var methods []string
	for _, r := range routes {
		if strings.HasPrefix(r.Path, "/api/") && !slices.Contains(methods, r.Method) {
			methods = append(methods, r.Method)
		}
	}
	slices.Sort(methods)
	return strings.Join(methods, ", ")
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
	ctx, cancel := context.WithTimeout(withActor(c, c.Request.Context()), s.cfg.RequestTimeout)
	defer cancel()
	c.Request = c.Request.WithContext(ctx)
	c.Next()
}

// auth requires the API key when one is set and required is true. It
// decides from the Authorization header alone, before any byte of the
// body is read: the key is accepted only as "Authorization: Bearer KEY"
// (no bare key, cookie or form field, which a cross-site form could send
// or which would need the body parsed first).
func (s *Server) auth(required bool) gin.HandlerFunc {
	return func(c *gin.Context) {
		if !required || s.cfg.APIKey == "" {
			c.Next()
			return
		}
		got, ok := bearer(c.GetHeader("Authorization"))
		if !ok || subtle.ConstantTimeCompare([]byte(got), []byte(s.cfg.APIKey)) != 1 {
			c.Header("WWW-Authenticate", `Bearer realm="vitae"`)
			// The unread body is not drained: the connection closes instead.
			c.Header("Connection", "close")
			if p := c.Request.URL.Path; !strings.HasPrefix(p, "/api/") && p != "/metrics" {
				s.refuseKeyPage(c)
				return
			}
			s.fail(c, vitae.Errorf(vitae.EUNAUTHORIZED, "missing or wrong API key (send Authorization: Bearer KEY)"))
			return
		}
		c.Next()
	}
}

// bearer returns the token of an "Authorization: Bearer TOKEN" header.
func bearer(h string) (string, bool) {
	scheme, token, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	token = strings.TrimSpace(token)
	return token, token != ""
}
