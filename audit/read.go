package audit

import (
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"vitae"
)

// Filter selects records for export and rates. Zero fields do not filter.
type Filter struct {
	Since, Until time.Time // Until exclusive
	Action       Action
	Job          string
	After        uint64 // only entries after this sequence (paging)
	Limit        int
}

func (f Filter) keep(e *Entry) bool {
	return (f.Since.IsZero() || !e.Time.Before(f.Since)) && (f.Until.IsZero() || e.Time.Before(f.Until)) &&
		(f.Action == "" || e.Action == f.Action) && (f.Job == "" || e.Job == f.Job)
}

// Records calls fn for each committed entry the filter keeps, oldest
// first, with its texts and pseudonyms resolved. Pending entries are
// committed first.
func (l *Log) Records(f Filter, fn func(Record) error) error {
	if !l.opts.ReadOnly {
		if err := l.Flush(); err != nil {
			return err
		}
	}
	return l.db.View(func(tx *bolt.Tx) error {
		ents := tx.Bucket(bucketEntries)
		if ents == nil {
			return nil
		}
		c := ents.Cursor()
		k, v := c.First()
		if f.After > 0 {
			k, v = c.Seek(seqKey(f.After + 1))
		}
		n := 0
		for ; k != nil; k, v = c.Next() {
			var e Entry
			if err := json.Unmarshal(v, &e); err != nil {
				return fmt.Errorf("audit entry %x: %w", k, err)
			}
			if !f.keep(&e) {
				continue
			}
			if err := fn(resolve(tx, e)); err != nil {
				return err
			}
			if n++; f.Limit > 0 && n >= f.Limit {
				return nil
			}
		}
		return nil
	})
}

// Get returns one record by audit ID; ENOTFOUND when absent (never
// written, or pruned).
func (l *Log) Get(id string) (*Record, error) {
	seq, err := ParseID(id)
	if err != nil {
		return nil, err
	}
	if !l.opts.ReadOnly {
		if err := l.Flush(); err != nil {
			return nil, err
		}
	}
	var rec *Record
	err = l.db.View(func(tx *bolt.Tx) error {
		ents := tx.Bucket(bucketEntries)
		if ents == nil {
			return nil
		}
		v := ents.Get(seqKey(seq))
		if v == nil {
			return nil
		}
		var e Entry
		if err := json.Unmarshal(v, &e); err != nil {
			return fmt.Errorf("audit entry %d: %w", seq, err)
		}
		r := resolve(tx, e)
		rec = &r
		return nil
	})
	if err != nil {
		return nil, err
	}
	if rec == nil {
		return nil, vitae.Errorf(vitae.ENOTFOUND, "no audit entry %s", id)
	}
	return rec, nil
}

// resolve adds an entry's texts and its pseudonyms' résumé IDs.
func resolve(tx *bolt.Tx, e Entry) Record {
	r := Record{Entry: e, ID: e.ID()}
	if v := tx.Bucket(bucketTexts).Get(seqKey(e.Seq)); v != nil {
		_ = json.Unmarshal(v, &r.Texts)
	}
	subs := tx.Bucket(bucketSubjects)
	add := func(p string) {
		if p == "" {
			return
		}
		if r.Subjects == nil {
			r.Subjects = map[string]string{}
		}
		if _, ok := r.Subjects[p]; ok {
			return
		}
		v := subs.Get([]byte(p))
		if v == nil || isTombstone(v) {
			r.Subjects[p] = Erased
			return
		}
		r.Subjects[p] = string(v)
	}
	add(e.Subject)
	for _, p := range e.Ranked {
		add(p.Subject)
	}
	return r
}

// ResumeIDs returns the places of a record's ranking as résumé IDs ("" for
// an erased person), in order.
func (r *Record) ResumeIDs() []string {
	out := make([]string, len(r.Ranked))
	for i, p := range r.Ranked {
		if id := r.Subjects[p.Subject]; id != Erased {
			out[i] = id
		}
	}
	return out
}
