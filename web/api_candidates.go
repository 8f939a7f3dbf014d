package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"vitae"
	"vitae/ingest"
)

// Erasure: of one résumé, of one résumé and every copy of its person
// (?all_copies=true), or of a candidate identity's every résumé.

func (s *Server) deleteResume(c *gin.Context) {
	id := c.Param("id")
	if err := ingest.ValidID(id); err != nil {
		s.fail(c, err)
		return
	}
	all, err := strconv.ParseBool(c.DefaultQuery("all_copies", "false"))
	if err != nil {
		s.fail(c, vitae.Errorf(vitae.EINVALID, "all_copies must be true or false"))
		return
	}
	if !all {
		if err := s.b.Delete(c.Request.Context(), id); err != nil {
			s.fail(c, err)
			return
		}
		c.JSON(http.StatusOK, gin.H{"deleted": id})
		return
	}
	r, err := s.b.Resume(c.Request.Context(), id)
	if err != nil {
		s.fail(c, err)
		return
	}
	ids := []string{id}
	if r.Identity != "" {
		if ids, err = s.b.Copies(c.Request.Context(), r.Identity); err != nil {
			s.fail(c, err)
			return
		}
	}
	s.eraseAll(c, r.Identity, ids)
}

func (s *Server) deleteCandidate(c *gin.Context) {
	identity := c.Param("identity")
	if err := validIdentity(identity); err != nil {
		s.fail(c, err)
		return
	}
	ids, err := s.b.Copies(c.Request.Context(), identity)
	if err != nil {
		s.fail(c, err)
		return
	}
	if len(ids) == 0 {
		s.fail(c, vitae.Errorf(vitae.ENOTFOUND, "no résumé of candidate %s", identity))
		return
	}
	s.eraseAll(c, identity, ids)
}

// eraseAll deletes every résumé of ids, answering with those deleted; a
// copy gone meanwhile is no failure.
func (s *Server) eraseAll(c *gin.Context, identity string, ids []string) {
	deleted := []string{}
	for _, id := range ids {
		err := s.b.Delete(c.Request.Context(), id)
		if err != nil && !errors.Is(err, vitae.ErrNotFound) {
			s.fail(c, err)
			return
		}
		if err == nil {
			deleted = append(deleted, id)
		}
	}
	c.JSON(http.StatusOK, gin.H{"identity": identity, "deleted": deleted})
}

// validIdentity accepts what ingest.Identity makes: a kind letter, a dash
// and 16 hex digits.
func validIdentity(s string) error {
	bad := vitae.Errorf(vitae.EINVALID, "a candidate identity is e-, p- or n- and 16 hex digits")
	if len(s) != 18 || s[1] != '-' || (s[0] != 'e' && s[0] != 'p' && s[0] != 'n') {
		return bad
	}
	for _, r := range s[2:] {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f') {
			return bad
		}
	}
	return nil
}
