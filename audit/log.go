package audit

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"

	"vitae"
)

// FileName is the audit log's file in the index directory.
const FileName = "audit.db"

var (
	bucketEntries  = []byte("entries")
	bucketTexts    = []byte("texts")
	bucketSubjects = []byte("subjects")
	bucketIDs      = []byte("subject_ids") // résumé ID → pseudonym
	bucketActivity = []byte("activity")
	bucketMeta     = []byte("meta")
	keyAnchor      = []byte("anchor")
	keySeq         = []byte("seq")
)

// Options configure a Log.
type Options struct {
	// Dir is the index directory; the log is Dir/audit.db.
	Dir string
	// StoreText keeps query, job-description and reason texts beside the
	// chain (their hashes are always chained). Replay needs the text.
	StoreText bool
	// Retention is how long entries are kept (0: 4380h, six months —
	// the AI Act's Art. 26(6) minimum).
	Retention time.Duration
	// FlushEvery is the longest a recorded entry waits for its commit
	// (0: 200ms); a crash loses at most that much.
	FlushEvery time.Duration
	// Now is the clock (nil: time.Now); tests use a fake one.
	Now    func() time.Time
	Logger *slog.Logger
	// ReadOnly opens for verify and export: no writes, no pruning.
	ReadOnly bool
}

// Validate reports every problem at once.
func (o Options) Validate() error {
	var errs []string
	if o.Dir == "" {
		errs = append(errs, "directory is required")
	}
	if o.Retention < 0 || o.FlushEvery < 0 {
		errs = append(errs, "durations must not be negative")
	}
	if len(errs) > 0 {
		return vitae.Errorf(vitae.EINVALID, "audit options: %s", strings.Join(errs, "; "))
	}
	return nil
}

func (o Options) withDefaults() Options {
	if o.Retention == 0 {
		o.Retention = 4380 * time.Hour
	}
	if o.FlushEvery == 0 {
		o.FlushEvery = 200 * time.Millisecond
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return o
}

// Log is the audit log of one index directory. Safe for concurrent use.
type Log struct {
	opts Options
	db   *bolt.DB

	mu       sync.Mutex
	seq      uint64
	head     string            // hash of the last entry (or the anchor)
	pseudo   map[string]string // résumé ID → pseudonym, every one known
	pending  []pendingEntry
	newPseud map[string]string // pseudonyms not yet committed: résumé ID → pseudonym
	failed   error             // the last commit failure, reported by Flush and Close

	kick      chan struct{}
	done      chan struct{}
	wg        sync.WaitGroup
	closeOnce sync.Once
	closeErr  error
}

type pendingEntry struct {
	entry    []byte
	seq      uint64
	texts    []byte // nil: none kept
	activity []string
	at       time.Time
}

// Open opens (creating) the audit log in opts.Dir. A second process
// holding it gets EUNAVAILABLE within a second.
func Open(opts Options) (*Log, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	opts = opts.withDefaults()
	path := filepath.Join(opts.Dir, FileName)
	if err := os.MkdirAll(opts.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("open audit log %q: %w", path, err)
	}
	// The freelist is not written on each commit, so an idle log has no
	// freed pages pending and wipeFree finds every free page at once.
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second, ReadOnly: opts.ReadOnly, NoFreelistSync: true})
	if err != nil {
		if errors.Is(err, bolt.ErrTimeout) {
			return nil, vitae.Errorf(vitae.EUNAVAILABLE, "audit log %q is in use by another process (a running server? use GET /api/v1/audit)", path)
		}
		return nil, fmt.Errorf("open audit log %q: %w", path, err)
	}
	l := &Log{opts: opts, db: db, pseudo: map[string]string{}, newPseud: map[string]string{},
		kick: make(chan struct{}, 1), done: make(chan struct{})}
	if err := l.load(); err != nil {
		db.Close()
		return nil, fmt.Errorf("open audit log %q: %w", path, err)
	}
	if !opts.ReadOnly {
		if _, err := l.Prune(); err != nil {
			db.Close()
			return nil, err
		}
		// What an erasure left pending (or pruning freed) is zeroed now.
		if _, err := l.wipeFree(); err != nil {
			db.Close()
			return nil, fmt.Errorf("open audit log %q: %w", path, err)
		}
		l.wg.Add(1)
		go l.writer()
	}
	return l, nil
}

// load creates the buckets and reads the sequence, the head hash and the
// pseudonyms.
func (l *Log) load() error {
	read := func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			return nil // a new file, read-only: empty
		}
		if v := meta.Get(keySeq); len(v) == 8 {
			l.seq = binary.BigEndian.Uint64(v)
		}
		l.head = string(meta.Get(keyAnchor))
		if k, v := tx.Bucket(bucketEntries).Cursor().Last(); k != nil {
			var e Entry
			if err := json.Unmarshal(v, &e); err != nil {
				return fmt.Errorf("entry %d: %w", binary.BigEndian.Uint64(k), err)
			}
			l.head = e.Hash
		}
		return tx.Bucket(bucketIDs).ForEach(func(k, v []byte) error {
			l.pseudo[string(k)] = string(v)
			return nil
		})
	}
	if l.opts.ReadOnly {
		return l.db.View(read)
	}
	return l.db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketEntries, bucketTexts, bucketSubjects, bucketIDs, bucketActivity, bucketMeta} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return read(tx)
	})
}

// Record appends an event and returns its audit ID. The entry is chained
// now and committed within Options.FlushEvery.
func (l *Log) Record(ctx context.Context, ev Event) (string, error) {
	if l.opts.ReadOnly {
		return "", vitae.Errorf(vitae.EINVALID, "audit log is open read-only")
	}
	if !ev.Action.Valid() {
		return "", vitae.Errorf(vitae.EINVALID, "unknown audit action %q", ev.Action)
	}
	if ev.Time.IsZero() {
		ev.Time = l.opts.Now()
	}
	if ev.Actor == "" {
		ev.Actor = ActorFrom(ctx)
	}
	e := Entry{Time: ev.Time.UTC(), Actor: ev.Actor, Action: ev.Action, Params: ev.Params, Job: ev.Job,
		IndexVersion: ev.IndexVersion, ModelVersion: ev.ModelVersion, Blind: ev.Blind, Ref: ev.Ref}
	if ev.Text != "" {
		e.TextSHA256 = sha(ev.Text)
	}
	if ev.Reason != "" {
		e.ReasonSHA256 = sha(ev.Reason)
	}
	var texts []byte
	if t := (Texts{Reason: ev.Reason}); ev.Reason != "" || l.opts.StoreText && ev.Text != "" {
		if l.opts.StoreText {
			t.Text = ev.Text
		}
		texts, _ = json.Marshal(t)
	}
	var touched []string
	if ev.Subject != "" && ev.Action != Deleted {
		touched = append(touched, ev.Subject)
	}

	l.mu.Lock()
	defer l.mu.Unlock()
	if ev.Subject != "" {
		e.Subject = l.pseudonymLocked(ev.Subject)
	}
	if len(ev.Ranked) > 0 {
		e.Ranked = make([]Place, len(ev.Ranked))
		for i, r := range ev.Ranked {
			e.Ranked[i] = Place{Subject: l.pseudonymLocked(r.ResumeID), Ref: r.Ref, Score: r.Score}
		}
	}
	l.seq++
	e.Seq, e.Prev = l.seq, l.head
	data, err := seal(&e)
	if err != nil {
		l.seq--
		return "", fmt.Errorf("audit entry: %w", err)
	}
	l.head = e.Hash
	l.pending = append(l.pending, pendingEntry{entry: data, seq: e.Seq, texts: texts, activity: touched, at: e.Time})
	if len(l.pending) >= 512 {
		select {
		case l.kick <- struct{}{}:
		default:
		}
	}
	return e.ID(), nil
}

// pseudonymLocked is the candidate's pseudonym, made on first sight.
func (l *Log) pseudonymLocked(resumeID string) string {
	if p, ok := l.pseudo[resumeID]; ok {
		return p
	}
	var b [8]byte
	_, _ = rand.Read(b[:])
	p := "s-" + hex.EncodeToString(b[:])
	l.pseudo[resumeID] = p
	l.newPseud[resumeID] = p
	return p
}

// writer commits pending entries every FlushEvery, or sooner when many
// are waiting, until Close.
func (l *Log) writer() {
	defer l.wg.Done()
	t := time.NewTicker(l.opts.FlushEvery)
	defer t.Stop()
	for {
		select {
		case <-l.done:
			return
		case <-t.C:
		case <-l.kick:
		}
		if err := l.Flush(); err != nil {
			l.opts.Logger.Error("audit log commit failed", "error", err)
		}
	}
}

// Flush commits what is pending. Entries are committed in order, with
// the pseudonyms they name, in one transaction; a failed commit keeps
// them pending and is retried.
func (l *Log) Flush() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.flushLocked()
}

func (l *Log) flushLocked() error {
	if len(l.pending) == 0 && len(l.newPseud) == 0 {
		return l.failed
	}
	err := l.db.Update(func(tx *bolt.Tx) error {
		ids, subs := tx.Bucket(bucketIDs), tx.Bucket(bucketSubjects)
		for id, p := range l.newPseud {
			if err := errors.Join(ids.Put([]byte(id), []byte(p)), subs.Put([]byte(p), []byte(id))); err != nil {
				return err
			}
		}
		ents, texts, act := tx.Bucket(bucketEntries), tx.Bucket(bucketTexts), tx.Bucket(bucketActivity)
		for _, p := range l.pending {
			k := seqKey(p.seq)
			if err := ents.Put(k, p.entry); err != nil {
				return err
			}
			if p.texts != nil {
				if err := texts.Put(k, p.texts); err != nil {
					return err
				}
			}
			for _, id := range p.activity {
				if err := act.Put([]byte(id), []byte(p.at.UTC().Format(time.RFC3339Nano))); err != nil {
					return err
				}
			}
		}
		return tx.Bucket(bucketMeta).Put(keySeq, seqKey(l.seq))
	})
	if err != nil {
		l.failed = fmt.Errorf("commit audit entries: %w", err)
		return l.failed
	}
	l.pending, l.newPseud, l.failed = l.pending[:0], map[string]string{}, nil
	return nil
}

// Close commits what is pending and closes the file; later calls return
// the first call's result.
func (l *Log) Close() error {
	l.closeOnce.Do(func() {
		if l.opts.ReadOnly {
			l.closeErr = l.db.Close()
			return
		}
		close(l.done)
		l.wg.Wait()
		l.closeErr = errors.Join(l.Flush(), l.db.Close())
	})
	return l.closeErr
}

// sha is the hex SHA-256 of s.
func sha(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

func seqKey(seq uint64) []byte {
	var k [8]byte
	binary.BigEndian.PutUint64(k[:], seq)
	return k[:]
}

// FormatID is the audit ID of a sequence number.
func FormatID(seq uint64) string { return "A" + strconv.FormatUint(seq, 10) }

// ParseID reads an audit ID ("A123", or "123").
func ParseID(id string) (uint64, error) {
	n, err := strconv.ParseUint(strings.TrimPrefix(id, "A"), 10, 64)
	if err != nil || n == 0 {
		return 0, vitae.Errorf(vitae.EINVALID, "%q is not an audit ID (A and a number)", id)
	}
	return n, nil
}
