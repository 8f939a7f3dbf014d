package audit

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Prune removes the entries older than Options.Retention, with their
// texts, and keeps the hash of the last one removed as the anchor, so
// what remains still verifies. It runs on Open and from the retention
// sweep; it returns how many entries it removed.
func (l *Log) Prune() (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := l.flushLocked(); err != nil {
		return 0, err
	}
	cutoff := l.opts.Now().Add(-l.opts.Retention)
	n := 0
	err := l.db.Update(func(tx *bolt.Tx) error {
		ents, texts := tx.Bucket(bucketEntries), tx.Bucket(bucketTexts)
		var anchor string
		var old [][]byte
		c := ents.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			var e Entry
			if err := json.Unmarshal(v, &e); err != nil {
				return fmt.Errorf("audit entry %d: %w", binary.BigEndian.Uint64(k), err)
			}
			if !e.Time.Before(cutoff) {
				break // entries are in time order
			}
			anchor = e.Hash
			old = append(old, append([]byte(nil), k...))
		}
		if len(old) == 0 {
			return nil
		}
		for _, k := range old {
			if err := ents.Delete(k); err != nil {
				return err
			}
			if err := texts.Delete(k); err != nil {
				return err
			}
		}
		n = len(old)
		return tx.Bucket(bucketMeta).Put(keyAnchor, []byte(anchor))
	})
	if err != nil {
		return 0, fmt.Errorf("prune audit log: %w", err)
	}
	if n > 0 {
		l.opts.Logger.Info("audit entries past retention removed", "entries", n, "before", cutoff)
	}
	return n, nil
}

// Touch records activity on résumés (uploaded or updated now).
func (l *Log) Touch(resumeIDs []string) error {
	now := []byte(l.opts.Now().UTC().Format(time.RFC3339Nano))
	return l.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketActivity)
		for _, id := range resumeIDs {
			if err := b.Put([]byte(id), now); err != nil {
				return err
			}
		}
		return nil
	})
}

// Expiry is a résumé past its retention.
type Expiry struct {
	ResumeID     string    `json:"resume_id"`
	LastActivity time.Time `json:"last_activity"`
}

// Expired lists, of the résumés ids, those with no activity for maxAge:
// no upload, update or human action (opened, shortlisted…). A résumé the
// log has not seen yet (indexed by `vitae index`) starts its clock now.
func (l *Log) Expired(ids []string, maxAge time.Duration) ([]Expiry, error) {
	if err := l.Flush(); err != nil {
		return nil, err
	}
	now := l.opts.Now()
	var out []Expiry
	err := l.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketActivity)
		for _, id := range ids {
			v := b.Get([]byte(id))
			if v == nil {
				if err := b.Put([]byte(id), []byte(now.UTC().Format(time.RFC3339Nano))); err != nil {
					return err
				}
				continue
			}
			t, err := time.Parse(time.RFC3339Nano, string(v))
			if err != nil {
				return fmt.Errorf("activity of %q: %w", id, err)
			}
			if now.Sub(t) >= maxAge {
				out = append(out, Expiry{ResumeID: id, LastActivity: t})
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("retention plan: %w", err)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].LastActivity.Before(out[j].LastActivity) })
	return out, nil
}

// Sweep erases the résumés Expired lists, each through Delete (the
// API's erasure path, logged as the "retention" actor), and prunes the
// log. It returns what it erased; it stops at the first failure.
func (l *Log) Sweep(ctx context.Context, d Deleter, ids []string, maxAge time.Duration) ([]Expiry, error) {
	exp, err := l.Expired(ids, maxAge)
	if err != nil {
		return nil, err
	}
	ctx = WithActor(ctx, "retention")
	for i, e := range exp {
		reason := fmt.Sprintf("retention: no activity since %s (retention.resumes %s)", e.LastActivity.Format(time.DateOnly), maxAge)
		if err := l.Delete(ctx, d, e.ResumeID, reason); err != nil {
			return exp[:i], fmt.Errorf("retention sweep: erase %q: %w", e.ResumeID, err)
		}
		l.opts.Logger.Info("résumé erased by retention", "resume", e.ResumeID, "last_activity", e.LastActivity)
	}
	if _, err := l.Prune(); err != nil {
		return exp, err
	}
	return exp, nil
}
