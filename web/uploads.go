package web

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/gin-gonic/gin"

	"vitae"
	"vitae/ingest"
	"vitae/search"
)

// UploadLimits bound what uploads may cost and say what an upload of a
// person already stored does.
type UploadLimits struct {
	// MaxInflated bounds the bytes the files of one upload inflate to
	// together (DOCX, PDF streams); default 100 MiB.
	MaxInflated int64
	// ParseSlots bounds the résumé parses running at once across all
	// requests; a file waiting for a slot past the request deadline
	// fails. Default GOMAXPROCS.
	ParseSlots int
	// Duplicates is what an upload of a person stored under another ID
	// does: DuplicatesKeep (default), DuplicatesMerge or DuplicatesReject.
	Duplicates string
}

// The duplicate policies (config ingest.duplicates).
const (
	DuplicatesKeep   = "keep"   // store it under its own ID, report duplicate_of
	DuplicatesMerge  = "merge"  // store it under the stored copy's ID, replacing it
	DuplicatesReject = "reject" // refuse the file, naming the stored copy
)

func (u UploadLimits) problems() []string {
	var errs []string
	if u.MaxInflated < 0 || u.ParseSlots < 0 {
		errs = append(errs, "upload limits must not be negative")
	}
	switch u.Duplicates {
	case "", DuplicatesKeep, DuplicatesMerge, DuplicatesReject:
	default:
		errs = append(errs, fmt.Sprintf("duplicates must be keep, merge or reject, not %q", u.Duplicates))
	}
	return errs
}

func (u UploadLimits) withDefaults() UploadLimits {
	if u.MaxInflated == 0 {
		u.MaxInflated = 100 << 20
	}
	if u.ParseSlots == 0 {
		u.ParseSlots = runtime.GOMAXPROCS(0)
	}
	if u.Duplicates == "" {
		u.Duplicates = DuplicatesKeep
	}
	return u
}

// uploadFailure names a file that could not be read, and why.
type uploadFailure struct {
	File        string   `json:"file"`
	Reason      string   `json:"reason"`
	Code        string   `json:"code"`
	DuplicateOf []string `json:"duplicate_of,omitempty"`
}

// duplicate reports an uploaded résumé whose person is already stored
// under other IDs, and what the upload did about it.
type duplicate struct {
	ID          string   `json:"id"`
	File        string   `json:"file"`
	DuplicateOf []string `json:"duplicate_of"`
	Action      string   `json:"action"` // kept, merged
}

// maxUploadFiles bounds one multipart request.
const maxUploadFiles = 50

// maxShownName bounds a file name echoed back in a failure.
const maxShownName = 200

// upload is one request's files being read: they share its deadline, its
// inflation budget and the server's parse slots, and may not repeat an ID.
type upload struct {
	s          *Server
	ctx        context.Context
	opts       ingest.Options
	ids        map[string]string // résumé ID → file that took it
	resumes    []*vitae.Resume
	files      []string // file of each résumé
	failures   []uploadFailure
	duplicates []duplicate
	result     *search.AddResult // what adding them changed; nil when none was read
	outcomes   []uploadOutcome   // what adding did to each résumé, in file order
}

// uploadOutcome says what an upload did to one résumé: added (a new ID),
// replaced (the ID held other content) or unchanged (the ID held the same
// content, so nothing was written), and the bullets it wrote. A copy of a
// stored résumé under a new ID is added, with all its bullets.
type uploadOutcome struct {
	ID      string `json:"id"`
	File    string `json:"file"`
	Outcome string `json:"outcome"` // added, replaced, unchanged
	Bullets int    `json:"bullets"` // written: 0 when unchanged
}

// storedIDs lists the résumés read, by the ID each is stored under.
func (u *upload) storedIDs() []string {
	ids := []string{}
	for _, r := range u.resumes {
		ids = append(ids, r.ID)
	}
	return ids
}

// addUploads reads an upload (readUploads) and adds the résumés read. The
// API and the upload page share it.
func (s *Server) addUploads(c *gin.Context) (*upload, error) {
	u, err := s.readUploads(c)
	if err != nil {
		return nil, err
	}
	if len(u.resumes) > 0 {
		if u.outcomes, err = u.plan(); err != nil {
			return nil, err
		}
		if u.result, err = s.b.Add(u.ctx, u.resumes); err != nil {
			return nil, err
		}
	}
	return u, nil
}

// plan reads what each résumé's ID holds now, to say what adding it will
// do: the index leaves a résumé whose ID holds the same content hash
// alone, and the first of two with one ID wins (readUploads refuses the
// second).
func (u *upload) plan() ([]uploadOutcome, error) {
	out := make([]uploadOutcome, len(u.resumes))
	for i, r := range u.resumes {
		o := uploadOutcome{ID: r.ID, File: clip(u.files[i]), Outcome: "added", Bullets: len(r.Bullets)}
		old, err := u.s.b.Resume(u.ctx, r.ID)
		switch {
		case vitae.ErrorCode(err) == vitae.ENOTFOUND:
		case err != nil:
			return nil, fmt.Errorf("read stored résumé %q: %w", r.ID, err)
		case old.Hash == r.Hash && r.Hash != "":
			o.Outcome, o.Bullets = "unchanged", 0
		default:
			o.Outcome = "replaced"
		}
		out[i] = o
	}
	return out, nil
}

func (s *Server) newUpload(ctx context.Context) *upload {
	opts := s.cfg.IngestOptions
	opts.Budget = ingest.NewBudget(s.cfg.Uploads.MaxInflated)
	return &upload{s: s, ctx: ctx, opts: opts, ids: map[string]string{}, failures: []uploadFailure{}, duplicates: []duplicate{}}
}

func (u *upload) fail(file string, err error) {
	if len(file) > maxShownName {
		file = file[:maxShownName] + "…"
	}
	u.failures = append(u.failures, uploadFailure{File: file, Reason: vitae.ErrorMessage(err), Code: vitae.ErrorCode(err)})
}

// add parses one file under the résumé ID its name gives and keeps it
// unless it fails.
func (u *upload) add(name string, data []byte) {
	id, err := ingest.FileID(name)
	if err != nil {
		u.fail(name, fmt.Errorf("file name: %w", err))
		return
	}
	if first, dup := u.ids[id]; dup {
		u.fail(name, vitae.Errorf(vitae.ECONFLICT, "same résumé ID %q as %s earlier in this upload", id, clip(first)))
		return
	}
	r, err := u.parse(name, data)
	if err != nil {
		u.fail(name, err)
		return
	}
	u.ids[id] = name
	u.resumes = append(u.resumes, r)
	u.files = append(u.files, name)
}

// parse runs one parse in a server-wide slot, waiting for one no longer
// than the request's deadline.
func (u *upload) parse(name string, data []byte) (*vitae.Resume, error) {
	select {
	case u.s.parses <- struct{}{}:
	case <-u.ctx.Done():
		return nil, vitae.Wrap(vitae.ETIMEOUT, u.ctx.Err(), "the request deadline passed before this file could be read")
	}
	defer func() { <-u.s.parses }()
	return ingest.ParseContext(u.ctx, name, data, u.opts)
}

// readJSON reads a JSON Resume body stored under ?id= ("upload" when
// absent).
func (u *upload) readJSON(c *gin.Context) error {
	body, err := io.ReadAll(c.Request.Body)
	if err != nil {
		return bodyError(err, "cannot read body")
	}
	id := c.DefaultQuery("id", "upload")
	if err := ingest.ValidID(id); err != nil {
		return err
	}
	r, err := u.parse(id+".json", body)
	if err != nil {
		return err
	}
	r.Source = "upload:" + r.ID
	u.resumes, u.files = append(u.resumes, r), append(u.files, id+".json")
	return nil
}

// readMultipart reads the files of the "files" field as they arrive, so
// a request holds one file's bytes at a time; one bad file is reported
// and the others still go in.
func (u *upload) readMultipart(c *gin.Context) error {
	mr, err := c.Request.MultipartReader()
	if err != nil {
		return vitae.Errorf(vitae.EINVALID, "malformed multipart body")
	}
	n := 0
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return bodyError(err, "malformed multipart body")
		}
		if part.FormName() != "files" || part.FileName() == "" {
			continue // NextPart skips what is left of it
		}
		if n++; n > maxUploadFiles {
			return vitae.Errorf(vitae.ETOOLARGE, "at most %d files per upload", maxUploadFiles)
		}
		name := filepath.Base(strings.ReplaceAll(part.FileName(), "\\", "/"))
		data, err := io.ReadAll(io.LimitReader(part, u.opts.MaxFileSize+1))
		if err != nil {
			return bodyError(err, "cannot read the upload")
		}
		u.add(name, data)
	}
	if n == 0 {
		return vitae.Errorf(vitae.EINVALID, "no files in the \"files\" field")
	}
	for i, r := range u.resumes {
		r.Source = "upload:" + u.files[i]
		for j := range r.Bullets {
			r.Bullets[j].Source = r.Source
		}
	}
	return nil
}

// bodyError is ETOOLARGE past the body limit, else EINVALID with msg.
func bodyError(err error, msg string) error {
	if tooLarge(err) {
		return vitae.Errorf(vitae.ETOOLARGE, "upload is too large")
	}
	return vitae.Wrap(vitae.EINVALID, err, msg)
}

// readUploads parses a multipart upload (field "files") or a JSON Resume
// body, then applies the duplicate policy. An error is for the request as
// a whole; a bad file is one of u.failures.
func (s *Server) readUploads(c *gin.Context) (*upload, error) {
	u := s.newUpload(c.Request.Context())
	ct := c.ContentType()
	var err error
	switch {
	case ct == "application/json":
		err = u.readJSON(c)
	case strings.HasPrefix(ct, "multipart/"):
		err = u.readMultipart(c)
	default:
		err = vitae.Errorf(vitae.EUNSUPPORTED, "send multipart/form-data (field \"files\") or application/json")
	}
	if err != nil {
		return nil, err
	}
	return u, u.dedupe()
}

// dedupe looks up each résumé's person among the stored ones and keeps,
// merges or refuses it by the configured policy.
func (u *upload) dedupe() error {
	policy := u.s.cfg.Uploads.Duplicates
	kept := u.resumes[:0]
	files := u.files[:0]
	for i, r := range u.resumes {
		copies, err := u.s.b.Copies(u.ctx, r.Identity)
		if err != nil {
			return err
		}
		others := copies[:0]
		for _, id := range copies {
			if id != r.ID {
				others = append(others, id)
			}
		}
		if len(others) == 0 {
			kept, files = append(kept, r), append(files, u.files[i])
			continue
		}
		switch policy {
		case DuplicatesReject:
			u.fail(u.files[i], vitae.Errorf(vitae.ECONFLICT, "this person is already stored as %s", strings.Join(others, ", ")))
			u.failures[len(u.failures)-1].DuplicateOf = others
			continue
		case DuplicatesMerge:
			ingest.Rename(r, others[0])
			u.duplicates = append(u.duplicates, duplicate{ID: r.ID, File: clip(u.files[i]), DuplicateOf: others, Action: "merged"})
		default:
			u.duplicates = append(u.duplicates, duplicate{ID: r.ID, File: clip(u.files[i]), DuplicateOf: others, Action: "kept"})
		}
		kept, files = append(kept, r), append(files, u.files[i])
	}
	u.resumes, u.files = kept, files
	return nil
}

// status is the answer to an upload none of whose files could be read:
// the failures' common code, else 400.
func (u *upload) status() (int, string) {
	code := ""
	for _, f := range u.failures {
		if code != "" && f.Code != code {
			return statusOf(vitae.EINVALID), vitae.EINVALID
		}
		code = f.Code
	}
	if code == "" || code == vitae.EINTERNAL {
		code = vitae.EINVALID
	}
	return statusOf(code), code
}

func clip(name string) string {
	if len(name) > maxShownName {
		return name[:maxShownName] + "…"
	}
	return name
}
