package main

import (
	"log"
	"math"
	"math/rand/v2"
	"sort"

	"gonum.org/v1/gonum/mat"

	"vitae/embed"
)

// sparse is a symmetric matrix in rows of (column, value), columns sorted.
type sparse [][]entry

type entry struct {
	col int
	val float64
}

func cooccurrence(docs []doc, idx map[string]int, p params) sparse {
	n := len(idx)
	cells := make([]map[int]float64, n)
	for _, d := range docs {
		dw := d.weight
		if dw == 0 {
			dw = 1
		}
		for _, u := range d.units {
			var ids []int
			for _, s := range embed.Analyze(u) {
				if i, ok := idx[s]; ok {
					ids = append(ids, i)
				}
			}
			for a := range ids {
				for b := a + 1; b < len(ids) && b <= a+p.Window; b++ {
					x, y := ids[a], ids[b]
					if x == y {
						continue
					}
					w := dw / float64(b-a)
					if cells[x] == nil {
						cells[x] = map[int]float64{}
					}
					if cells[y] == nil {
						cells[y] = map[int]float64{}
					}
					cells[x][y] += w
					cells[y][x] += w
				}
			}
		}
	}
	rowSum := make([]float64, n)
	colSmooth := make([]float64, n)
	var totalSum, smoothSum float64
	rows := make(sparse, n)
	for i, c := range cells {
		cols := make([]int, 0, len(c))
		for j := range c {
			cols = append(cols, j)
		}
		sort.Ints(cols)
		for _, j := range cols {
			rows[i] = append(rows[i], entry{j, c[j]})
			rowSum[i] += c[j]
		}
		totalSum += rowSum[i]
	}
	for i := range rowSum {
		colSmooth[i] = math.Pow(rowSum[i], p.Alpha)
		smoothSum += colSmooth[i]
	}
	nnz := 0
	for i, r := range rows {
		out := r[:0]
		for _, e := range r {
			pmi := math.Log(e.val * totalSum / rowSum[i] * smoothSum / colSmooth[e.col] / totalSum)
			if pmi > 0 {
				out = append(out, entry{e.col, pmi})
			}
		}
		rows[i] = out
		nnz += len(out)
	}
	log.Printf("ppmi: %d non-zero cells", nnz)
	return rows
}

// svd returns the rows of U·√Σ (rank p.Dim) of the symmetric matrix a,
// normalised, by randomized range finding with power iterations.
func svd(a sparse, n int, p params) []float32 {
	k := p.Dim + p.Oversample
	rng := rand.New(rand.NewPCG(p.Seed, p.Seed^0x9e3779b97f4a7c15))
	omega := mat.NewDense(n, k, nil)
	for i := 0; i < n; i++ {
		for j := 0; j < k; j++ {
			omega.Set(i, j, rng.NormFloat64())
		}
	}
	y := mulSparse(a, omega)
	for it := 0; it < p.Power; it++ {
		y = mulSparse(a, orthonormal(y)) // a is symmetric: aᵀ = a
	}
	q := orthonormal(y)
	// b = qᵀ a (k×n) = (a q)ᵀ since a is symmetric.
	aq := mulSparse(a, q)
	var b mat.Dense
	b.CloneFrom(aq.T())
	var dec mat.SVD
	if !dec.Factorize(&b, mat.SVDThin) {
		log.Fatal("svd did not converge")
	}
	var ub mat.Dense
	dec.UTo(&ub)
	sv := dec.Values(nil)
	var u mat.Dense
	u.Mul(q, &ub) // n×k
	out := make([]float32, n*p.Dim)
	for i := 0; i < n; i++ {
		row := out[i*p.Dim : (i+1)*p.Dim]
		var norm float64
		for j := 0; j < p.Dim; j++ {
			x := u.At(i, j) * math.Sqrt(sv[j])
			row[j] = float32(x)
			norm += x * x
		}
		if norm > 0 {
			inv := 1 / math.Sqrt(norm)
			for j := range row {
				row[j] = float32(float64(row[j]) * inv)
			}
		}
	}
	return out
}

func mulSparse(a sparse, x *mat.Dense) *mat.Dense {
	n, k := x.Dims()
	out := mat.NewDense(n, k, nil)
	for i, r := range a {
		dst := out.RawRowView(i)
		for _, e := range r {
			src := x.RawRowView(e.col)
			for j := range dst {
				dst[j] += e.val * src[j]
			}
		}
	}
	return out
}

// orthonormal returns an orthonormal basis of y's columns (modified
// Gram–Schmidt, twice for stability).
func orthonormal(y *mat.Dense) *mat.Dense {
	n, k := y.Dims()
	cols := make([][]float64, k)
	for j := 0; j < k; j++ {
		c := make([]float64, n)
		mat.Col(c, j, y)
		cols[j] = c
	}
	for pass := 0; pass < 2; pass++ {
		for j := 0; j < k; j++ {
			for i := 0; i < j; i++ {
				var d float64
				for t := range cols[j] {
					d += cols[j][t] * cols[i][t]
				}
				for t := range cols[j] {
					cols[j][t] -= d * cols[i][t]
				}
			}
			var norm float64
			for _, v := range cols[j] {
				norm += v * v
			}
			norm = math.Sqrt(norm)
			if norm > 0 {
				for t := range cols[j] {
					cols[j][t] /= norm
				}
			}
		}
	}
	out := mat.NewDense(n, k, nil)
	for j, c := range cols {
		out.SetCol(j, c)
	}
	return out
}

// removeCommon takes the mean and the top k principal directions out of
// unit rows and normalises them again ("all-but-the-top", Mu and
// Viswanath 2018): what every word shares says nothing about any one.
func removeCommon(vecs []float32, dim, k int) []float32 {
	n := len(vecs) / dim
	x := mat.NewDense(n, dim, nil)
	mean := make([]float64, dim)
	for i := 0; i < n; i++ {
		for j := 0; j < dim; j++ {
			mean[j] += float64(vecs[i*dim+j]) / float64(n)
		}
	}
	for i := 0; i < n; i++ {
		for j := 0; j < dim; j++ {
			x.Set(i, j, float64(vecs[i*dim+j])-mean[j])
		}
	}
	var cov mat.SymDense
	cov.SymOuterK(1, x.T())
	var eig mat.EigenSym
	if !eig.Factorize(&cov, true) {
		log.Fatal("eigen decomposition did not converge")
	}
	var ev mat.Dense
	eig.VectorsTo(&ev) // ascending eigenvalues: the top ones are the last columns
	out := make([]float32, len(vecs))
	row := make([]float64, dim)
	for i := 0; i < n; i++ {
		mat.Row(row, i, x)
		for c := dim - k; c < dim; c++ {
			var d float64
			for j := range row {
				d += row[j] * ev.At(j, c)
			}
			for j := range row {
				row[j] -= d * ev.At(j, c)
			}
		}
		putUnit(out[i*dim:(i+1)*dim], row)
	}
	return out
}

// putUnit writes row scaled to unit length into dst as float32 (a zero
// row stays zero).
func putUnit(dst []float32, row []float64) {
	var norm float64
	for _, v := range row {
		norm += v * v
	}
	inv := 1.0
	if norm > 0 {
		inv = 1 / math.Sqrt(norm)
	}
	for j, v := range row {
		dst[j] = float32(v * inv)
	}
}
