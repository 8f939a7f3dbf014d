package audit

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// KeyFile holds the blind-review pseudonym key in the index directory.
const KeyFile = "pseudonym.key"

// Pseudonyms gives candidates stable stand-in names for blind review:
// HMAC-SHA-256 of the résumé ID under a key kept in the index directory,
// so a pseudonym is the same on every page, export and restart, and
// cannot be turned back into the ID without the key. Safe for concurrent
// use.
type Pseudonyms struct {
	key  []byte
	mu   sync.RWMutex
	back map[string]string // pseudonym → résumé ID, of those handed out
}

// OpenPseudonyms reads dir/pseudonym.key, creating it (32 random bytes,
// mode 0600) when absent.
func OpenPseudonyms(dir string) (*Pseudonyms, error) {
	path := filepath.Join(dir, KeyFile)
	key, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		key = make([]byte, 32)
		if _, err := rand.Read(key); err != nil {
			return nil, fmt.Errorf("pseudonym key: %w", err)
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("pseudonym key %q: %w", path, err)
		}
		err = os.WriteFile(path, key, 0o600)
	}
	if err != nil {
		return nil, fmt.Errorf("pseudonym key %q: %w", path, err)
	}
	if len(key) < 16 {
		return nil, fmt.Errorf("pseudonym key %q: shorter than 16 bytes", path)
	}
	return NewPseudonyms(key), nil
}

// NewPseudonyms uses key directly.
func NewPseudonyms(key []byte) *Pseudonyms {
	return &Pseudonyms{key: append([]byte(nil), key...), back: map[string]string{}}
}

// ID is the candidate's pseudonymous ID ("c-" and 12 hex digits), used
// in blind answers wherever the résumé ID would be.
func (p *Pseudonyms) ID(resumeID string) string {
	m := hmac.New(sha256.New, p.key)
	m.Write([]byte(resumeID))
	id := "c-" + hex.EncodeToString(m.Sum(nil)[:6])
	p.mu.RLock()
	_, known := p.back[id]
	p.mu.RUnlock()
	if !known {
		p.mu.Lock()
		p.back[id] = resumeID
		p.mu.Unlock()
	}
	return id
}

// Name is the candidate's display pseudonym, "Candidate 3F9A1C".
func (p *Pseudonyms) Name(resumeID string) string {
	return "Candidate " + strings.ToUpper(p.ID(resumeID)[2:8])
}

// IsID reports whether s has the form of a pseudonymous ID.
func IsID(s string) bool {
	if len(s) != 14 || !strings.HasPrefix(s, "c-") {
		return false
	}
	_, err := hex.DecodeString(s[2:])
	return err == nil
}

// Resolve turns a pseudonymous ID back into the résumé ID: from those
// handed out since start, else by trying every ID all lists (after a
// restart). ok is false when none matches.
func (p *Pseudonyms) Resolve(pseudo string, all func() ([]string, error)) (string, bool, error) {
	p.mu.RLock()
	id, ok := p.back[pseudo]
	p.mu.RUnlock()
	if ok || all == nil {
		return id, ok, nil
	}
	ids, err := all()
	if err != nil {
		return "", false, err
	}
	for _, id := range ids {
		if p.ID(id) == pseudo {
			return id, true, nil
		}
	}
	return "", false, nil
}
