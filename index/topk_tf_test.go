package index

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
)

// A score read through the table is bit for bit clause.score's.
func TestTFTableIsBM25(t *testing.T) {
	for _, avg := range []float64{1, 3, 14, 15, 40} {
		c := &clause{idf: 2.718281828, weight: 0.3141592, avg: avg, tf: tfTableFor(avg)}
		for f := range uint64(tfFreqs) {
			for l := range uint64(tfLengths) {
				u := &cursor{c: c, freq: f, length: l, tabled: true}
				got, want := u.score(), c.score(f, lengthNorm(l))
				if math.Float64bits(got) != math.Float64bits(want) {
					t.Fatalf("avg %g freq %d length %d: table %v, full %v", avg, f, l, got, want)
				}
			}
		}
	}
}

// lengthNorm of a posting's field length is, bit for bit, the norm zap
// gives it: the table scores by the length, the full formula by the norm.
// Every posting of a real index's scored fields, short and long.
func TestLengthNormIsZapsNorm(t *testing.T) {
	ix := open(t, Options{RoleDepth: -1})
	rs := append(rolesCorpus(), resume("l", "L", "Acme", "Kubernetes team lead", "2020", "", nil,
		strings.Repeat("team ", 9)+strings.Repeat("kubernetes cluster upgrades ", 40)+"done"))
	if _, err := ix.Upsert(context.Background(), rs); err != nil {
		t.Fatal(err)
	}
	postings := 0
	withSnapshot(t, ix, func(snap *scorch.IndexSnapshot) {
		for _, s := range snap.Segments() {
			for _, field := range []string{fText, fRoleText} {
				d, err := s.Segment().Dictionary(field)
				if err != nil {
					t.Fatal(err)
				}
				terms := d.AutomatonIterator(nil, nil, nil)
				for e, err := terms.Next(); e != nil || err != nil; e, err = terms.Next() {
					if err != nil {
						t.Fatal(err)
					}
					pl, err := d.PostingsList([]byte(e.Term), nil, nil)
					if err != nil {
						t.Fatal(err)
					}
					it := pl.Iterator(true, true, false, nil)
					for p, err := it.Next(); p != nil || err != nil; p, err = it.Next() {
						if err != nil {
							t.Fatal(err)
						}
						lp, ok := p.(lengther)
						if !ok {
							t.Fatalf("posting %T tells no field length", p)
						}
						if got, want := lengthNorm(lp.NormUint64()), p.Norm(); math.Float64bits(got) != math.Float64bits(want) {
							t.Errorf("%s %q doc %d: lengthNorm(%d) = %v, zap's norm %v", field, e.Term, p.Number(), lp.NormUint64(), got, want)
						}
						postings++
					}
				}
			}
		}
	})
	if postings < 100 {
		t.Fatalf("walked %d postings; want the corpus's (over 100)", postings)
	}
}

// unionCount is the size of the union roaring builds.
func TestUnionCount(t *testing.T) {
	a, b := roaring.BitmapOf(1, 2, 3, 70000), roaring.BitmapOf(3, 4, 70000, 70001)
	tests := []struct {
		name string
		bms  []*roaring.Bitmap
		ones []uint32
	}{
		{"nothing", nil, nil},
		{"ones only, repeated", nil, []uint32{5, 5, 9}},
		{"one bitmap", []*roaring.Bitmap{a}, nil},
		{"one bitmap, ones in and out", []*roaring.Bitmap{a}, []uint32{2, 8, 8}},
		{"two bitmaps", []*roaring.Bitmap{a, b}, nil},
		{"two bitmaps, ones", []*roaring.Bitmap{a, b}, []uint32{4, 1, 6, 70001, 6}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := roaring.New()
			for _, bm := range tt.bms {
				want.Or(bm)
			}
			want.AddMany(tt.ones)
			if got := unionCount(tt.bms, tt.ones); got != want.GetCardinality() {
				t.Errorf("unionCount = %d, want %d", got, want.GetCardinality())
			}
		})
	}
}
