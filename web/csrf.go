package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"vitae"
)

// Cross-site request forgery: any page a user opens can make their
// browser post a form (or a simple fetch) to the Vitae on 127.0.0.1:8080,
// and with no API key set that post deletes. So every unsafe request
// (anything but GET, HEAD and OPTIONS), page or API, must come from
// Vitae's own origin, from an origin in server.cors_origins, or from a
// client that names no origin at all (curl, programs): the headers read
// here are set by the browser, and a page cannot forge them.

// originGuard is net/http's CrossOriginProtection (Sec-Fetch-Site, else
// Origin against Host) trusting the CORS origins, plus a Referer check
// for old browsers that send neither header.
type originGuard struct {
	cop     *http.CrossOriginProtection
	trusted map[string]bool
}

func newOriginGuard(trusted []string) (*originGuard, error) {
	g := &originGuard{cop: http.NewCrossOriginProtection(), trusted: map[string]bool{}}
	for _, o := range trusted {
		if err := g.cop.AddTrustedOrigin(o); err != nil {
			return nil, fmt.Errorf("cors_origins: %w (want scheme://host[:port])", err)
		}
		g.trusted[o] = true
	}
	return g, nil
}

// foreign returns the other origin r was sent from, or "" when r may go on.
func (g *originGuard) foreign(r *http.Request) string {
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return ""
	}
	if err := g.cop.Check(r); err != nil {
		return sender(r)
	}
	if r.Header.Get("Sec-Fetch-Site") != "" || r.Header.Get("Origin") != "" {
		return "" // the check above decided on them
	}
	ref := r.Header.Get("Referer")
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil || u.Host == "" || u.Host == r.Host || g.trusted[u.Scheme+"://"+u.Host] {
		return "" // names no other origin
	}
	return sender(r)
}

// sender names where a refused request came from, bounded for the answer
// and the log.
func sender(r *http.Request) string {
	from := r.Header.Get("Origin")
	if from == "" {
		if u, err := url.Parse(r.Header.Get("Referer")); err == nil && u.Host != "" {
			from = u.Scheme + "://" + u.Host
		}
	}
	if from == "" {
		from = "Sec-Fetch-Site: " + r.Header.Get("Sec-Fetch-Site")
	}
	if len(from) > 100 {
		from = from[:100] + "…"
	}
	return from
}

// sameOrigin refuses cross-site writes: 403 in the API's error shape, or
// a page saying why. The body is never read.
func (s *Server) sameOrigin(c *gin.Context) {
	from := s.origins.foreign(c.Request)
	if from == "" {
		c.Next()
		return
	}
	s.cfg.Logger.Warn("cross-site request refused", "method", c.Request.Method, "route", c.FullPath(), "from", from, "host", c.Request.Host)
	c.Header("Connection", "close")
	if strings.HasPrefix(c.Request.URL.Path, "/api/") {
		s.fail(c, vitae.Errorf(vitae.EFORBIDDEN,
			"cross-site request refused: it came from a page of another origin (%s), not from this server (%s); nothing was changed. "+
				"Browsers may change data only from Vitae's own pages or an origin in server.cors_origins; programs should send no Origin header",
			from, c.Request.Host))
		return
	}
	s.refusePage(c, http.StatusForbidden, "Refused: sent from another site",
		fmt.Sprintf("This request came from a page on another site (%s), not from Vitae's own pages (%s), so it was refused and nothing was changed. "+
			"A page you visited may have tried to change data here on your behalf. To make this change, open Vitae itself and use its own form.", from, c.Request.Host),
		"An administrator who wants another site to send changes here on purpose can list its origin in server.cors_origins.", "/")
}

// refusedView is the page of a refused write.
type refusedView struct {
	Title  string
	Error  string // the layout's alert; unused here
	Reason string
	Hint   string
	Back   string // a path on this site
}

// refusePage answers a refused page request with a page saying why
// (a redirect would lose the reason: the flash cookie is SameSite=Strict
// and never reaches a page opened from another site).
func (s *Server) refusePage(c *gin.Context, status int, title, reason, hint, back string) {
	s.render(c, status, "refused.html", refusedView{Title: title, Reason: reason, Hint: hint, Back: back})
	c.Abort()
}

// refuseKey is the page of a form post without the right API key.
func (s *Server) refuseKey(c *gin.Context, what, back string) {
	c.Header("WWW-Authenticate", `Bearer realm="vitae"`)
	s.refusePage(c, http.StatusUnauthorized, "API key required",
		what+": this server requires its API key to change data, and the form sent none or a wrong one. Nothing was changed.",
		"Go back, type the key into the form's “API key” field and send it again. Programs send it as “Authorization: Bearer KEY”.", back)
}

// refuseKeyPage is a page route's answer to a request the auth guard
// refused: a page a browser shows, not the API's JSON.
func (s *Server) refuseKeyPage(c *gin.Context) {
	reason := "This server requires its API key to change data, and the request sent none or a wrong one. Nothing was changed."
	hint := "The upload form sends the key typed into its “API key” field; programs send it as “Authorization: Bearer KEY”."
	if c.Request.Method == http.MethodGet || c.Request.Method == http.MethodHead {
		reason = "This server requires its API key for every page (server.protect_reads), and the request sent none or a wrong one."
		hint = "Programs send it as “Authorization: Bearer KEY”; a browser cannot show these pages while server.protect_reads is on."
	}
	s.refusePage(c, http.StatusUnauthorized, "API key required", reason, hint, "/")
}
