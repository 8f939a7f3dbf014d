package index

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"vitae"
	"vitae/embed"
)

// An index of another format is refused with a message that names the
// remedy, never opened to answer filters wrongly; `vitae index --rebuild`
// (Rebuild) makes it anew in this format, word filters working in both
// retrievers.
func TestOpenRefusesOtherFormats(t *testing.T) {
	tests := []struct {
		name   string
		stored []byte // nil: no format recorded, as format 1 wrote none
		want   string
	}{
		{"format 1", nil, "older Vitae (format 1"},
		{"a newer format", []byte("3"), "newer Vitae (format 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := Options{Path: filepath.Join(t.TempDir(), "ix")}
			ix, err := Open(opts)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := ix.Upsert(context.Background(), sample()); err != nil {
				t.Fatal(err)
			}
			embedAll(t, ix, embed.NewLocal(embed.LocalOptions{Dim: 32}))
			if tt.stored == nil {
				err = ix.bleve.DeleteInternal(formatKey)
			} else {
				err = ix.bleve.SetInternal(formatKey, tt.stored)
			}
			if err != nil {
				t.Fatal(err)
			}
			if err := ix.Close(); err != nil {
				t.Fatal(err)
			}

			_, err = Open(opts)
			if !errors.Is(err, ErrFormat) || vitae.ErrorCode(err) != vitae.EUNAVAILABLE ||
				!strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "vitae index --rebuild") {
				t.Fatalf("Open: %v; want ErrFormat, EUNAVAILABLE, %q and the remedy", err, tt.want)
			}
			if n, _, err := Rebuild(context.Background(), opts); err != nil || n != 3 {
				t.Fatalf("Rebuild: %d résumés, %v", n, err)
			}
			ix = open(t, opts)
			f := vitae.Filters{Role: []string{"engineer"}}
			res, err := ix.Lexical(context.Background(), LexicalRequest{Text: "kubernetes devops", Filters: f, Size: 10})
			if err != nil {
				t.Fatal(err)
			}
			want := []string{"alice-0", "alice-1"} // Principal Engineer, not Engineering Manager
			if diff := cmp.Diff(want, sortedCopy(ids(res.Hits))); diff != "" {
				t.Errorf("lexical role:engineer after the rebuild (-want +got):\n%s", diff)
			}
			ns, err := ix.Nearest(context.Background(), make32(), 10, f)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, n := range ns {
				got = append(got, n.ID)
			}
			if diff := cmp.Diff(want, sortedCopy(got)); diff != "" {
				t.Errorf("vector role:engineer after the rebuild (-want +got):\n%s", diff)
			}
		})
	}
}

func make32() []float32 {
	v := make([]float32, 32)
	for i := range v {
		v[i] = 1
	}
	return v
}
