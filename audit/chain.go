package audit

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// The chain: an entry's Hash is SHA-256 over its Prev and its JSON with
// Hash empty; Prev is the Hash of the entry before it, or the anchor left
// by pruning for the oldest kept entry ("" for the first entry ever).

// seal sets e.Hash and returns the entry's stored JSON.
func seal(e *Entry) ([]byte, error) {
	e.Hash = ""
	body, err := json.Marshal(e)
	if err != nil {
		return nil, err
	}
	e.Hash = sha(e.Prev + "\n" + string(body))
	return json.Marshal(e)
}

// hashOf recomputes the hash an entry should carry.
func hashOf(e Entry) (string, error) {
	e.Hash = ""
	body, err := json.Marshal(e)
	if err != nil {
		return "", err
	}
	return sha(e.Prev + "\n" + string(body)), nil
}

// Problem is one break in the chain.
type Problem struct {
	Seq    uint64 `json:"seq"`
	Reason string `json:"reason"`
}

// Verification is the outcome of Verify.
type Verification struct {
	Entries  int       `json:"entries"`
	First    uint64    `json:"first,omitempty"`
	Last     uint64    `json:"last,omitempty"`
	Anchor   string    `json:"anchor,omitempty"`
	Head     string    `json:"head,omitempty"`
	Problems []Problem `json:"problems,omitempty"`
}

// OK reports whether the chain is whole.
func (v *Verification) OK() bool { return len(v.Problems) == 0 }

// Verify walks the committed chain from the anchor: every entry's hash
// must match its content, every Prev the hash before it, and sequence
// numbers must follow each other. Pending entries are committed first.
func (l *Log) Verify() (*Verification, error) {
	if !l.opts.ReadOnly {
		if err := l.Flush(); err != nil {
			return nil, err
		}
	}
	v := &Verification{}
	err := l.db.View(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			return nil
		}
		v.Anchor = string(meta.Get(keyAnchor))
		prev, want := v.Anchor, uint64(0)
		return tx.Bucket(bucketEntries).ForEach(func(k, data []byte) error {
			seq := binary.BigEndian.Uint64(k)
			bad := func(format string, args ...any) {
				v.Problems = append(v.Problems, Problem{Seq: seq, Reason: fmt.Sprintf(format, args...)})
			}
			v.Entries++
			if v.First == 0 {
				v.First = seq
			}
			v.Last = seq
			var e Entry
			if err := json.Unmarshal(data, &e); err != nil {
				bad("not a readable entry: %v", err)
				prev = ""
				return nil
			}
			if want != 0 && seq != want {
				bad("entries %d to %d are missing", want, seq-1)
			}
			want = seq + 1
			if e.Seq != seq {
				bad("stored under %d but says %d", seq, e.Seq)
			}
			if e.Prev != prev {
				bad("previous hash does not match the entry before it")
			}
			h, err := hashOf(e)
			if err != nil {
				return err
			}
			if h != e.Hash {
				bad("content does not match its hash (edited)")
			}
			// Stored bytes must be the canonical JSON: no field added
			// beside the hashed ones.
			if canon, err := json.Marshal(e); err == nil && !bytes.Equal(canon, data) {
				bad("stored bytes are not the entry's canonical form")
			}
			prev, v.Head = e.Hash, e.Hash
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("verify audit log: %w", err)
	}
	return v, nil
}
