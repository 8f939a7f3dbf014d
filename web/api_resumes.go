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
	"vitae/pipeline"
	"vitae/search"
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
		up, err := s.addUploads(c)
		if err != nil {
			s.fail(c, err)
			return
		}
		out := gin.H{"failed": up.failures, "ids": up.ids}
		if up.result != nil {
			out["result"] = up.result
		}
		status := http.StatusCreated
		if len(up.ids) == 0 {
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

// uploaded is what a POST of résumés did: the résumés read, what adding
// them changed (nil when none was read), and the files that failed.
type uploaded struct {
	ids      []string
	result   *search.AddResult
	failures []uploadFailure
}

// addUploads reads a multipart upload (field "files"), whose files the
// indexing pipeline parses and adds (one bad file is reported, the others
// still go in), or a JSON Resume body, which is parsed here: its résumé is
// named by the "id" parameter and a parse failure fails the request.
func (s *Server) addUploads(c *gin.Context) (*uploaded, error) {
	up := &uploaded{ids: []string{}, failures: []uploadFailure{}}
	ctx := c.Request.Context()
	if c.ContentType() == "application/json" {
		r, err := s.readJSONResume(c)
		if err != nil {
			return nil, err
		}
		if up.result, err = s.b.Add(ctx, []*vitae.Resume{r}); err != nil {
			return nil, err
		}
		up.ids = append(up.ids, r.ID)
		return up, nil
	}
	files, err := s.readFiles(c, up)
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return up, nil
	}
	res, err := s.b.AddFiles(ctx, files)
	if err != nil {
		return nil, err
	}
	for _, sk := range res.Skipped {
		up.failures = append(up.failures, uploadFailure{sk.Path, vitae.ErrorMessage(sk.Err)})
	}
	if len(res.IDs) > 0 {
		up.ids, up.result = res.IDs, &res.AddResult
	}
	return up, nil
}

// readJSONResume parses a JSON Resume body as the résumé named by "id".
func (s *Server) readJSONResume(c *gin.Context) (*vitae.Resume, error) {
	body, err := io.ReadAll(c.Request.Body)
	if err != nil {
		if tooLarge(err) {
			return nil, vitae.Errorf(vitae.ETOOLARGE, "request body is too large")
		}
		return nil, vitae.Errorf(vitae.EINVALID, "cannot read body")
	}
	id := c.Query("id")
	if id == "" {
		id = "upload"
	}
	if !validID(id) {
		return nil, vitae.Errorf(vitae.EINVALID, "id may contain letters, digits, '-', '_' and '.' only")
	}
	r, err := ingest.Parse(id+".json", body, s.cfg.IngestOptions)
	if err != nil {
		return nil, err
	}
	r.Source = "upload:" + r.ID
	return r, nil
}

// readFiles reads the files of a multipart upload; a part that cannot be
// opened or read is recorded in up.failures.
func (s *Server) readFiles(c *gin.Context, up *uploaded) ([]pipeline.File, error) {
	if !strings.HasPrefix(c.ContentType(), "multipart/") {
		return nil, vitae.Errorf(vitae.EUNSUPPORTED, "send multipart/form-data (field \"files\") or application/json")
	}
	form, err := c.MultipartForm()
	if err != nil {
		if tooLarge(err) {
			return nil, vitae.Errorf(vitae.ETOOLARGE, "upload is too large")
		}
		return nil, vitae.Errorf(vitae.EINVALID, "malformed multipart body")
	}
	parts := form.File["files"]
	if len(parts) == 0 {
		return nil, vitae.Errorf(vitae.EINVALID, "no files in the \"files\" field")
	}
	if len(parts) > maxUploadFiles {
		return nil, vitae.Errorf(vitae.ETOOLARGE, "at most %d files per upload", maxUploadFiles)
	}
	var files []pipeline.File
	for _, fh := range parts {
		name := filepath.Base(strings.ReplaceAll(fh.Filename, "\\", "/"))
		f, err := fh.Open()
		if err != nil {
			up.failures = append(up.failures, uploadFailure{name, "cannot open"})
			continue
		}
		// One byte over the limit, so the parser reports the file too large.
		data, err := io.ReadAll(io.LimitReader(f, s.cfg.IngestOptions.MaxFileSize+1))
		f.Close()
		if err != nil {
			up.failures = append(up.failures, uploadFailure{name, "cannot read"})
			continue
		}
		files = append(files, pipeline.File{Name: name, Data: data})
	}
	return files, nil
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
