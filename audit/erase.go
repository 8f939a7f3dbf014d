package audit

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"vitae"
)

// Erasure: the chain names a person only by pseudonym, so erasing them
// replaces the pseudonym's row in the side table with a tombstone, drops
// the reasons written about them and their activity time, and replaces
// their name, email and phone wherever a kept text holds them (a query
// typed with their name, a note about someone else that names them) by
// a tombstone. No chained byte changes, so Verify still passes, and no
// entry leads back to them.

// tombstonePrefix starts a subjects row of an erased person; résumé IDs
// never contain a NUL.
const tombstonePrefix = "\x00erased "

func isTombstone(v []byte) bool { return bytes.HasPrefix(v, []byte(tombstonePrefix)) }

// Deleter erases a résumé from the index; *search.Engine is one.
type Deleter interface {
	Delete(ctx context.Context, resumeID string) error
}

// reader is a Deleter that can also read the résumé first (as
// *search.Engine can), so its identifiers can be erased from kept texts.
type reader interface {
	Resume(ctx context.Context, id string) (*vitae.Resume, error)
}

// Delete is the one erasure path (API, pages, retention sweep): erase
// the résumé from the index through d, record who did it, then erase the
// person from the log — with their name, email and phone from kept
// texts when d can read the résumé before erasing it.
func (l *Log) Delete(ctx context.Context, d Deleter, resumeID, reason string) error {
	var ids []string
	if rd, ok := d.(reader); ok {
		if r, err := rd.Resume(ctx, resumeID); err == nil {
			ids = Identifiers(r)
		}
	}
	if err := d.Delete(ctx, resumeID); err != nil {
		return err
	}
	if _, err := l.Record(ctx, Event{Action: Deleted, Subject: resumeID, Reason: reason}); err != nil {
		return fmt.Errorf("record erasure of %q: %w", resumeID, err)
	}
	return l.Erase(resumeID, ids...)
}

// Erase tombstones a person's pseudonym. Entries already recorded keep
// the pseudonym (the chain stays whole); it resolves to "erased". The
// identifiers (Identifiers of their résumé) are replaced by Redacted in
// every kept text. Erasing an unknown person is not an error: there is
// nothing to erase.
func (l *Log) Erase(resumeID string, identifiers ...string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := l.flushLocked(); err != nil {
		return err
	}
	p, ok := l.pseudo[resumeID]
	err := l.db.Update(func(tx *bolt.Tx) error {
		if err := tx.Bucket(bucketActivity).Delete([]byte(resumeID)); err != nil {
			return err
		}
		if err := redactTexts(tx, identifiers); err != nil {
			return err
		}
		if !ok {
			return nil
		}
		stone := []byte(tombstonePrefix + time.Now().UTC().Format(time.RFC3339))
		if err := errors.Join(tx.Bucket(bucketSubjects).Put([]byte(p), stone), tx.Bucket(bucketIDs).Delete([]byte(resumeID))); err != nil {
			return err
		}
		return dropReasons(tx, p)
	})
	if err != nil {
		return fmt.Errorf("erase %q from the audit log: %w", resumeID, err)
	}
	delete(l.pseudo, resumeID)
	if _, err := l.wipeFree(); err != nil {
		return fmt.Errorf("erase %q from the audit log: %w", resumeID, err)
	}
	return nil
}

// dropReasons removes the human notes of entries about pseudonym p: a
// reason is free text and may name the person.
func dropReasons(tx *bolt.Tx, p string) error {
	texts := tx.Bucket(bucketTexts)
	var keys [][]byte
	err := tx.Bucket(bucketEntries).ForEach(func(k, v []byte) error {
		if !bytes.Contains(v, []byte(`"subject":"`+p+`"`)) {
			return nil
		}
		var e Entry
		if json.Unmarshal(v, &e) != nil || e.Subject != p || texts.Get(k) == nil {
			return nil
		}
		keys = append(keys, append([]byte(nil), k...))
		return nil
	})
	if err != nil {
		return err
	}
	for _, k := range keys {
		var t Texts
		_ = json.Unmarshal(texts.Get(k), &t)
		t.Reason = ""
		if t.Text == "" {
			err = texts.Delete(k)
		} else {
			data, _ := json.Marshal(t)
			err = texts.Put(k, data)
		}
		if err != nil {
			return err
		}
	}
	return nil
}
