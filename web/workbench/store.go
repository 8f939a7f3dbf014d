package workbench

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"

	"vitae"
)

// FileName is the store's file inside the index directory.
const FileName = "workbench.db"

// Limits keep one client from growing the file without bound.
const (
	MaxShortlists = 1000
	MaxEntries    = 1000 // candidates per shortlist
	MaxSearches   = 1000
	MaxName       = 200  // characters of a name
	MaxNote       = 2000 // characters of a note
	MaxQuery      = 1000 // characters of a saved query
	// MaxJobs bounds the stored job descriptions: a candidate's page
	// matches them all.
	MaxJobs           = 100
	MaxJobDescription = 50000 // characters, as match.ParseJD takes
)

var (
	bucketShortlists = []byte("shortlists")
	bucketSearches   = []byte("searches")
	bucketJobs       = []byte("jobs")
)

// Entry is one candidate on a shortlist.
type Entry struct {
	ResumeID string    `json:"resume_id"`
	Note     string    `json:"note"`
	Added    time.Time `json:"added"`
}

// Shortlist is a named list of candidates, for a search or a job.
type Shortlist struct {
	ID      string    `json:"id"`
	Name    string    `json:"name"`
	Query   string    `json:"query,omitempty"` // the search or job it is for; scores its candidates' bullets
	Created time.Time `json:"created"`
	Entries []Entry   `json:"entries"`
}

// Search is a saved search: query, mode, sort and filters.
type Search struct {
	ID      string        `json:"id"`
	Name    string        `json:"name"`
	Query   string        `json:"query"`
	Mode    vitae.Mode    `json:"mode,omitempty"`
	Sort    string        `json:"sort,omitempty"` // "" (relevance) or "recent"
	Filters vitae.Filters `json:"filters"`
	Created time.Time     `json:"created"`
}

// Store is the workbench file. Its methods are safe for concurrent use.
type Store struct {
	db  *bolt.DB
	now func() time.Time
}

// ErrInUse is wrapped by Open's error when another process (a running
// server) holds the file.
var ErrInUse = errors.New("in use by another process")

// Open opens (or creates) the store in dir, the index directory.
func Open(dir string) (*Store, error) {
	path := filepath.Join(dir, FileName)
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		if errors.Is(err, bolt.ErrTimeout) {
			return nil, vitae.Wrap(vitae.EUNAVAILABLE, ErrInUse, fmt.Sprintf("workbench %q", path))
		}
		return nil, fmt.Errorf("open workbench %q: %w", path, err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketShortlists, bucketSearches, bucketJobs} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open workbench %q: %w", path, err)
	}
	return &Store{db: db, now: func() time.Time { return time.Now().UTC() }}, nil
}

// Close closes the file.
func (s *Store) Close() error { return s.db.Close() }

func newID() string {
	var b [8]byte
	_, _ = rand.Read(b[:]) // never fails (crypto/rand)
	return hex.EncodeToString(b[:])
}

// text trims v and checks it is present (when required) and short enough.
func text(field, v string, max int, required bool) (string, error) {
	v = strings.TrimSpace(v)
	switch {
	case required && v == "":
		return v, vitae.Errorf(vitae.EINVALID, "%s is empty", field)
	case utf8.RuneCountInString(v) > max:
		return v, vitae.TooLong(field, max, "characters")
	case !utf8.ValidString(v):
		return v, vitae.Errorf(vitae.EINVALID, "%s is not valid UTF-8", field)
	}
	return v, nil
}

// all decodes every value of a bucket, oldest first.
func all[T any](tx *bolt.Tx, bucket []byte, created func(*T) time.Time) ([]T, error) {
	out := []T{}
	err := tx.Bucket(bucket).ForEach(func(k, v []byte) error {
		var x T
		if err := json.Unmarshal(v, &x); err != nil {
			return fmt.Errorf("decode %s/%s: %w", bucket, k, err)
		}
		out = append(out, x)
		return nil
	})
	sort.SliceStable(out, func(a, b int) bool { return created(&out[a]).Before(created(&out[b])) })
	return out, err
}

func get[T any](tx *bolt.Tx, bucket []byte, id, what string) (*T, error) {
	data := tx.Bucket(bucket).Get([]byte(id))
	if data == nil {
		return nil, vitae.Errorf(vitae.ENOTFOUND, "no %s %q", what, id)
	}
	var x T
	if err := json.Unmarshal(data, &x); err != nil {
		return nil, fmt.Errorf("decode %s %q: %w", what, id, err)
	}
	return &x, nil
}

func put(tx *bolt.Tx, bucket []byte, id string, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return tx.Bucket(bucket).Put([]byte(id), data)
}

func remove(tx *bolt.Tx, bucket []byte, id, what string) error {
	b := tx.Bucket(bucket)
	if b.Get([]byte(id)) == nil {
		return vitae.Errorf(vitae.ENOTFOUND, "no %s %q", what, id)
	}
	return b.Delete([]byte(id))
}
