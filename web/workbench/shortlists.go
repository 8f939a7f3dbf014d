package workbench

import (
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"vitae"
)

func shortlistCreated(l *Shortlist) time.Time { return l.Created }

// Shortlists returns every shortlist, oldest first.
func (s *Store) Shortlists() ([]Shortlist, error) {
	var out []Shortlist
	err := s.db.View(func(tx *bolt.Tx) (err error) {
		out, err = all(tx, bucketShortlists, shortlistCreated)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list shortlists: %w", err)
	}
	return out, nil
}

// Shortlist returns one shortlist; ENOTFOUND when there is none.
func (s *Store) Shortlist(id string) (*Shortlist, error) {
	var out *Shortlist
	err := s.db.View(func(tx *bolt.Tx) (err error) {
		out, err = get[Shortlist](tx, bucketShortlists, id, "shortlist")
		return err
	})
	return out, err
}

// CreateShortlist starts a shortlist named name for query (may be "").
func (s *Store) CreateShortlist(name, query string) (*Shortlist, error) {
	name, err := text("name", name, MaxName, true)
	if err != nil {
		return nil, err
	}
	if query, err = text("query", query, MaxQuery, false); err != nil {
		return nil, err
	}
	l := &Shortlist{ID: newID(), Name: name, Query: query, Created: s.now(), Entries: []Entry{}}
	err = s.db.Update(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketShortlists).Stats().KeyN >= MaxShortlists {
			return vitae.Errorf(vitae.ETOOLARGE, "at most %d shortlists are kept: delete one first", MaxShortlists)
		}
		return put(tx, bucketShortlists, l.ID, l)
	})
	if err != nil {
		return nil, err
	}
	return l, nil
}

// DeleteShortlist removes a shortlist; ENOTFOUND when there is none.
func (s *Store) DeleteShortlist(id string) error {
	return s.db.Update(func(tx *bolt.Tx) error { return remove(tx, bucketShortlists, id, "shortlist") })
}

// update applies fn to shortlist id inside one transaction.
func (s *Store) update(id string, fn func(*Shortlist) error) (*Shortlist, error) {
	var out *Shortlist
	err := s.db.Update(func(tx *bolt.Tx) error {
		l, err := get[Shortlist](tx, bucketShortlists, id, "shortlist")
		if err != nil {
			return err
		}
		if err := fn(l); err != nil {
			return err
		}
		out = l
		return put(tx, bucketShortlists, id, l)
	})
	return out, err
}

// SetEntry puts a candidate on a shortlist with a note, or changes the
// note of one already there. The caller checks that the résumé exists.
func (s *Store) SetEntry(id, resumeID, note string) (*Shortlist, error) {
	resumeID, err := text("resume_id", resumeID, MaxName, true)
	if err != nil {
		return nil, err
	}
	if note, err = text("note", note, MaxNote, false); err != nil {
		return nil, err
	}
	return s.update(id, func(l *Shortlist) error {
		for i := range l.Entries {
			if l.Entries[i].ResumeID == resumeID {
				l.Entries[i].Note = note
				return nil
			}
		}
		if len(l.Entries) >= MaxEntries {
			return vitae.Errorf(vitae.ETOOLARGE, "at most %d candidates per shortlist: remove one first", MaxEntries)
		}
		l.Entries = append(l.Entries, Entry{ResumeID: resumeID, Note: note, Added: s.now()})
		return nil
	})
}

// RemoveEntry takes a candidate off a shortlist; ENOTFOUND when they
// are not on it.
func (s *Store) RemoveEntry(id, resumeID string) (*Shortlist, error) {
	return s.update(id, func(l *Shortlist) error {
		i := slices.IndexFunc(l.Entries, func(e Entry) bool { return e.ResumeID == resumeID })
		if i < 0 {
			return vitae.Errorf(vitae.ENOTFOUND, "%q is not on shortlist %q", resumeID, id)
		}
		l.Entries = slices.Delete(l.Entries, i, i+1)
		return nil
	})
}

// Forget takes an erased person off every shortlist, notes included, and
// reports on how many lists they were.
func (s *Store) Forget(resumeID string) (int, error) {
	n := 0
	err := s.db.Update(func(tx *bolt.Tx) error {
		lists, err := all(tx, bucketShortlists, shortlistCreated)
		if err != nil {
			return err
		}
		for _, l := range lists {
			kept := slices.DeleteFunc(l.Entries, func(e Entry) bool { return e.ResumeID == resumeID })
			if len(kept) == len(l.Entries) {
				continue // not on this list
			}
			n++
			l.Entries = kept
			if err := put(tx, bucketShortlists, l.ID, l); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return n, fmt.Errorf("forget %q in the workbench: %w", resumeID, err)
	}
	return n, nil
}
