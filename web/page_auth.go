package web

import (
	"crypto/subtle"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"
)

// Pages write (delete a candidate, shortlist, save a search) with the
// same API key as the API. A form sends it once as api_key; the page then
// keeps it in an HttpOnly, SameSite=Strict cookie (the browser sends it
// only on Vitae's own pages, so another site cannot post a form with it)
// for the page routes; the API itself takes only "Authorization: Bearer".

const keyCookie = "vitae_key"

func (s *Server) keyMatches(got string) bool {
	return got != "" && subtle.ConstantTimeCompare([]byte(got), []byte(s.cfg.APIKey)) == 1
}

// needKey: a key is set and this browser has not given it yet.
func (s *Server) needKey(c *gin.Context) bool {
	if s.cfg.APIKey == "" {
		return false
	}
	ck, err := c.Cookie(keyCookie)
	return err != nil || !s.keyMatches(ck)
}

// pageWriteAllowed checks a page form's key (form field, cookie or
// header) and remembers a good form key in the cookie.
func (s *Server) pageWriteAllowed(c *gin.Context) bool {
	if s.cfg.APIKey == "" || !s.needKey(c) {
		return true
	}
	if s.keyMatches(strings.TrimPrefix(c.GetHeader("Authorization"), "Bearer ")) {
		return true
	}
	if form := c.PostForm("api_key"); s.keyMatches(form) {
		c.SetSameSite(http.SameSiteStrictMode)
		c.SetCookie(keyCookie, form, 8*3600, "/", "", c.Request.TLS != nil, true)
		return true
	}
	return false
}

// flash leaves a one-line message for the next page (after a redirect).
func flash(c *gin.Context, msg string) {
	c.SetSameSite(http.SameSiteStrictMode)
	c.SetCookie("vitae_flash", url.QueryEscape(msg), 60, "/", "", c.Request.TLS != nil, true)
}

// takeFlash reads and clears the message.
func takeFlash(c *gin.Context) string {
	v, err := c.Cookie("vitae_flash")
	if err != nil || v == "" {
		return ""
	}
	c.SetSameSite(http.SameSiteStrictMode)
	c.SetCookie("vitae_flash", "", -1, "/", "", c.Request.TLS != nil, true)
	msg, err := url.QueryUnescape(v)
	if err != nil || len(msg) > 300 {
		return ""
	}
	return msg
}

// backURL is the search page a "back" parameter names, rebuilt from its
// parsed state so it can only ever be a search page of this site.
func backURL(raw string) (searchParams, string) {
	v, err := url.ParseQuery(strings.TrimPrefix(raw, "/?"))
	if err != nil {
		return searchParams{}, "/"
	}
	p := parseSearchParams(v)
	if p.Query == "" {
		return p, "/"
	}
	return p, p.URL()
}
