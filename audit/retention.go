package audit

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"

	"vitae"
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
	ResumeID     string        `json:"resume_id"`
	Source       string        `json:"source,omitempty"`
	LastActivity time.Time     `json:"last_activity"`
	Rule         string        `json:"rule"` // DefaultRule or "source PREFIX"
	Keep         time.Duration `json:"keep"`
}

// Expired lists, of the résumés given (their ID and Source are read),
// those with no activity for the period p gives them: no upload, update
// or human action (opened, shortlisted…). A résumé the log has not seen
// yet (indexed by `vitae index`) starts its clock now.
func (l *Log) Expired(resumes []*vitae.Resume, p Policy) ([]Expiry, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if err := l.Flush(); err != nil {
		return nil, err
	}
	now := l.opts.Now()
	var out []Expiry
	err := l.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketActivity)
		for _, r := range resumes {
			v := b.Get([]byte(r.ID))
			if v == nil {
				if err := b.Put([]byte(r.ID), []byte(now.UTC().Format(time.RFC3339Nano))); err != nil {
					return err
				}
				continue
			}
			t, err := time.Parse(time.RFC3339Nano, string(v))
			if err != nil {
				return fmt.Errorf("activity of %q: %w", r.ID, err)
			}
			if keep, rule := p.For(r.Source); keep > 0 && now.Sub(t) >= keep {
				out = append(out, Expiry{ResumeID: r.ID, Source: r.Source, LastActivity: t, Rule: rule, Keep: keep})
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("retention plan: %w", err)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].LastActivity.Before(out[j].LastActivity) })
	return out, nil
}

// Sweep erases the résumés Expired lists, each through Delete (the
// API's erasure path, logged as the "retention" actor), and prunes the
// log. It returns what it erased; it stops at the first failure.
func (l *Log) Sweep(ctx context.Context, d Deleter, resumes []*vitae.Resume, p Policy) ([]Expiry, error) {
	exp, err := l.Expired(resumes, p)
	if err != nil {
		return nil, err
	}
	ctx = WithActor(ctx, "retention")
	for i, e := range exp {
		reason := fmt.Sprintf("retention: no activity since %s (retention %s: %s)", e.LastActivity.Format(time.DateOnly), e.Rule, e.Keep)
		if err := l.Delete(ctx, d, e.ResumeID, reason); err != nil {
			return exp[:i], fmt.Errorf("retention sweep: erase %q: %w", e.ResumeID, err)
		}
		l.opts.Logger.Info("résumé erased by retention", "resume", e.ResumeID, "last_activity", e.LastActivity, "rule", e.Rule)
	}
	if _, err := l.Prune(); err != nil {
		return exp, err
	}
	return exp, nil
}
