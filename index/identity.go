package index

import (
	"bytes"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"vitae"
)

// The identities bucket lists the résumés of each candidate identity
// (vitae.Resume.Identity), so an upload finds the person's other copies
// and erasure by identity finds them all without reading every record.

func identityKey(r *vitae.Resume) []byte {
	return []byte(r.Identity + "\x00" + r.ID)
}

func putIdentity(tx *bolt.Tx, r *vitae.Resume) error {
	if r.Identity == "" {
		return nil
	}
	return tx.Bucket(bucketIdentities).Put(identityKey(r), nil)
}

func deleteIdentity(tx *bolt.Tx, r *vitae.Resume) error {
	if r.Identity == "" {
		return nil
	}
	return tx.Bucket(bucketIdentities).Delete(identityKey(r))
}

// Copies returns the IDs of the résumés stored under identity, sorted;
// none for an empty identity. Résumés stored before identities were
// recorded are found once re-indexed.
func (ix *Index) Copies(identity string) ([]string, error) {
	if identity == "" {
		return nil, nil
	}
	var ids []string
	prefix := []byte(identity + "\x00")
	err := ix.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketIdentities).Cursor()
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			ids = append(ids, string(k[len(prefix):]))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("copies of identity %q: %w", identity, err)
	}
	return ids, nil
}
