package index

import (
	"math"
	"sync"

	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Zap stores a posting's norm as its field's length and computes the norm
// (1/√length, rounded to float32) on every Norm call; BM25's
// term-frequency part then turns it back into a length and divides twice.
// For the small frequencies and lengths that most postings have, tfTable
// keeps bm25TF's numerator and denominator per field average, computed by
// the same expressions from the same inputs, so a score read through it
// is bit for bit the one computed in full.
const tfFreqs, tfLengths = 8, 64

type tfTable struct {
	num, den [tfFreqs][tfLengths]float64
}

// lengthNorm is zap's Posting.Norm for a field of length l.
func lengthNorm(l uint64) float64 {
	return float64(float32(1.0 / math.Sqrt(float64(l))))
}

// tfTables holds one table per field average (averages are whole numbers:
// a handful of values over an index's life).
var tfTables sync.Map // float64 → *tfTable

func tfTableFor(avg float64) *tfTable {
	if t, ok := tfTables.Load(avg); ok {
		return t.(*tfTable)
	}
	t := &tfTable{}
	for f := range uint64(tfFreqs) {
		for l := range uint64(tfLengths) {
			t.num[f][l], t.den[f][l] = bm25TF(f, lengthNorm(l), avg)
		}
	}
	got, _ := tfTables.LoadOrStore(avg, t)
	return got.(*tfTable)
}

// lengther is a posting that tells its field length (zap's).
type lengther interface{ NormUint64() uint64 }

// at sets u's frequency and field length (or norm) from p.
func (u *cursor) at(p segment.Posting) {
	u.freq = p.Frequency()
	if lp, ok := p.(lengther); ok && u.c.tf != nil {
		if l := lp.NormUint64(); l < tfLengths && u.freq < tfFreqs {
			u.length, u.tabled = l, true
			return
		}
	}
	u.norm, u.tabled = p.Norm(), false
}

// score is u's clause's score on its bullet: clause.score, through the
// table when the posting fits it.
func (u *cursor) score() float64 {
	if u.tabled {
		c := u.c
		s := c.idf * c.tf.num[u.freq][u.length] / c.tf.den[u.freq][u.length]
		if c.weight != 1.0 {
			s = s * c.weight
		}
		return s
	}
	return u.c.score(u.freq, u.norm)
}
