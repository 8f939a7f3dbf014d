package workbench

import (
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"vitae"
)

func searchCreated(q *Search) time.Time { return q.Created }

// Searches returns every saved search, oldest first.
func (s *Store) Searches() ([]Search, error) {
	var out []Search
	err := s.db.View(func(tx *bolt.Tx) (err error) {
		out, err = all(tx, bucketSearches, searchCreated)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list saved searches: %w", err)
	}
	return out, nil
}

// SaveSearch stores q under a new ID. The caller validates mode and
// filters the way a search does; here only sizes are checked.
func (s *Store) SaveSearch(q Search) (*Search, error) {
	var err error
	if q.Name, err = text("name", q.Name, MaxName, true); err != nil {
		return nil, err
	}
	if q.Query, err = text("query", q.Query, MaxQuery, true); err != nil {
		return nil, err
	}
	if q.Sort != "" && q.Sort != "recent" && q.Sort != "relevance" {
		return nil, vitae.Errorf(vitae.EINVALID, "sort %q: want relevance or recent", q.Sort)
	}
	q.ID, q.Created = newID(), s.now()
	err = s.db.Update(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketSearches).Stats().KeyN >= MaxSearches {
			return vitae.Errorf(vitae.ETOOLARGE, "at most %d saved searches are kept: delete one first", MaxSearches)
		}
		return put(tx, bucketSearches, q.ID, q)
	})
	if err != nil {
		return nil, err
	}
	return &q, nil
}

// DeleteSearch removes a saved search; ENOTFOUND when there is none.
func (s *Store) DeleteSearch(id string) error {
	return s.db.Update(func(tx *bolt.Tx) error { return remove(tx, bucketSearches, id, "saved search") })
}
