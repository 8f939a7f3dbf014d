package embed

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

type baseRecord struct {
	Inputs map[string]string `json:"inputs"`
	Output string            `json:"output_sha256"`
	Words  int               `json:"words"`
}

func readBaseRecord(t *testing.T) baseRecord {
	t.Helper()
	data, err := os.ReadFile("base/inputs.json")
	if err != nil {
		t.Fatal(err)
	}
	var r baseRecord
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatal(err)
	}
	return r
}

// The shipped model is the one its record names, and decodes to as many
// words as it says.
func TestBaseModelMatchesItsRecord(t *testing.T) {
	r := readBaseRecord(t)
	sum := sha256.Sum256(baseData)
	if got := hex.EncodeToString(sum[:]); got != r.Output {
		t.Fatalf("base/model.bin has SHA-256 %s, its record says %s: regenerate with `go generate ./embed`", got, r.Output)
	}
	m, err := Base()
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Words) != r.Words || m.Dim != 256 {
		t.Errorf("model has %d words of %d dimensions, record says %d words", len(m.Words), m.Dim, r.Words)
	}
	// Nothing that looks like a contact detail enters the model.
	for _, w := range m.Words {
		if bytes.ContainsAny([]byte(w), "@0123456789") {
			t.Errorf("model word %q looks like a contact detail or a number", w)
		}
	}
}

// The generator reproduces the shipped model bit for bit from its
// inputs. It needs the corpus (../../shared/corpus, or VITAE_CORPUS) and
// WordNet 3.0 (Debian's wordnet-base, /usr/share/wordnet, or
// VITAE_WORDNET); without them it checks what it can and skips.
func TestBaseModelReproduces(t *testing.T) {
	if testing.Short() {
		t.Skip("regenerating the base model takes ~15 s")
	}
	corpus := envOr("VITAE_CORPUS", "../../shared/corpus")
	wordnet := envOr("VITAE_WORDNET", "/usr/share/wordnet")
	r := readBaseRecord(t)
	for rel, want := range r.Inputs {
		if rel == "lexicon" {
			continue // checked by regenerating: the lexicon is compiled in
		}
		root := corpus
		if strings.HasPrefix(rel, "data.") {
			root = wordnet
		}
		data, err := os.ReadFile(filepath.Join(root, rel))
		if err != nil {
			t.Skipf("input %s is absent (%v): cannot regenerate here", rel, err)
		}
		sum := sha256.Sum256(data)
		if got := hex.EncodeToString(sum[:]); got != want {
			t.Fatalf("input %s has SHA-256 %s, the model was built from %s", rel, got, want)
		}
	}
	out := t.TempDir()
	cmd := exec.Command("go", "run", "./internal/basegen", "-corpus", corpus, "-wordnet", wordnet, "-out", out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("basegen: %v\n%s", err, msg)
	}
	got, err := os.ReadFile(filepath.Join(out, "model.bin"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, baseData) {
		t.Errorf("regenerated model differs from base/model.bin (%d vs %d bytes)", len(got), len(baseData))
	}
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}
