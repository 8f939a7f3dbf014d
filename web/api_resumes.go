package web

import (
	"errors"
	"io"
	"net/http"
	"path/filepath"
	"strings"

	"github.com/gin-gonic/gin"

	"vitae"
	"vitae/ingest"
)

// registerResumeRoutes serves the résumés: list and read (reads), delete
// and upload (writes).
func (s *Server) registerResumeRoutes(reads, writes *gin.RouterGroup) {
	reads.GET("/resumes", func(c *gin.Context) {
		offset, err1 := intParam(c, "offset", 0)
		limit, err2 := intParam(c, "limit", 20)
		if err := errors.Join(err1, err2); err != nil {
			s.fail(c, err)
			return
		}
		rs, total, err := s.b.Resumes(c.Request.Context(), offset, limit)
		if err != nil {
			s.fail(c, err)
			return
		}
		if rs == nil {
			rs = []*vitae.Resume{}
		}
		c.JSON(http.StatusOK, gin.H{"resumes": rs, "total": total, "offset": offset})
	})
	reads.GET("/resumes/:id", func(c *gin.Context) {
		r, err := s.b.Resume(c.Request.Context(), c.Param("id"))
		if err != nil {
			s.fail(c, err)
			return
		}
		c.JSON(http.StatusOK, r)
	})
	writes.DELETE("/resumes/:id", func(c *gin.Context) {
		if err := s.b.Delete(c.Request.Context(), c.Param("id")); err != nil {
			s.fail(c, err)
			return
		}
		c.JSON(http.StatusOK, gin.H{"deleted": c.Param("id")})
	})
	writes.POST("/resumes", func(c *gin.Context) {
		resumes, failures, err := s.readUploads(c)
		if err != nil {
			s.fail(c, err)
			return
		}
		out := gin.H{"failed": failures}
		if len(resumes) > 0 {
			res, err := s.b.Add(c.Request.Context(), resumes)
			if err != nil {
				s.fail(c, err)
				return
			}
			out["result"] = res
		}
		ids := []string{}
		for _, r := range resumes {
			ids = append(ids, r.ID)
		}
		out["ids"] = ids
		status := http.StatusCreated
		if len(resumes) == 0 {
			status = http.StatusBadRequest
			out["error"] = gin.H{"code": vitae.EINVALID, "message": "no résumé could be read"}
		}
		c.JSON(status, out)
	})
}

// uploadFailure names a file that could not be read, and why.
type uploadFailure struct {
	File   string `json:"file"`
	Reason string `json:"reason"`
}

// maxUploadFiles bounds one multipart request.
const maxUploadFiles = 50

// readUploads parses a multipart upload (field "files") or a JSON Resume
// body. One bad file is reported; the others still go in.
func (s *Server) readUploads(c *gin.Context) ([]*vitae.Resume, []uploadFailure, error) {
	failures := []uploadFailure{}
	ct := c.ContentType()
	if ct == "application/json" {
		body, err := io.ReadAll(c.Request.Body)
		if err != nil {
			if tooLarge(err) {
				return nil, nil, vitae.Errorf(vitae.ETOOLARGE, "request body is too large")
			}
			return nil, nil, vitae.Errorf(vitae.EINVALID, "cannot read body")
		}
		id := c.Query("id")
		if id == "" {
			id = "upload"
		}
		if !validID(id) {
			return nil, nil, vitae.Errorf(vitae.EINVALID, "id may contain letters, digits, '-', '_' and '.' only")
		}
		r, err := ingest.Parse(id+".json", body, s.cfg.IngestOptions)
		if err != nil {
			return nil, nil, err
		}
		r.Source = "upload:" + r.ID
		return []*vitae.Resume{r}, failures, nil
	}
	if !strings.HasPrefix(ct, "multipart/") {
		return nil, nil, vitae.Errorf(vitae.EUNSUPPORTED, "send multipart/form-data (field \"files\") or application/json")
	}
	form, err := c.MultipartForm()
	if err != nil {
		if tooLarge(err) {
			return nil, nil, vitae.Errorf(vitae.ETOOLARGE, "upload is too large")
		}
		return nil, nil, vitae.Errorf(vitae.EINVALID, "malformed multipart body")
	}
	files := form.File["files"]
	if len(files) == 0 {
		return nil, nil, vitae.Errorf(vitae.EINVALID, "no files in the \"files\" field")
	}
	if len(files) > maxUploadFiles {
		return nil, nil, vitae.Errorf(vitae.ETOOLARGE, "at most %d files per upload", maxUploadFiles)
	}
	var out []*vitae.Resume
	for _, fh := range files {
		name := filepath.Base(strings.ReplaceAll(fh.Filename, "\\", "/"))
		f, err := fh.Open()
		if err != nil {
			failures = append(failures, uploadFailure{name, "cannot open"})
			continue
		}
		data, err := io.ReadAll(io.LimitReader(f, s.cfg.IngestOptions.MaxFileSize+1))
		f.Close()
		if err != nil {
			failures = append(failures, uploadFailure{name, "cannot read"})
			continue
		}
		r, err := ingest.Parse(name, data, s.cfg.IngestOptions)
		if err != nil {
			failures = append(failures, uploadFailure{name, vitae.ErrorMessage(err)})
			continue
		}
		r.Source = "upload:" + name
		for i := range r.Bullets {
			r.Bullets[i].Source = r.Source
		}
		out = append(out, r)
	}
	return out, failures, nil
}

func validID(id string) bool {
	if id == "" || len(id) > 128 {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
			return false
		}
	}
	return true
}
