package match

import (
	"errors"
	"fmt"
	"math"
)

// Logit is a logistic regression over standardised features: the
// probability of "strong" is σ(Bias + Σ Weights[i]·(x[i] − Mean[i]) / Scale[i]).
// The learned strong gate holds one as a table of numbers (learned.go).
type Logit struct {
	Bias    float64
	Weights []float64
	Mean    []float64
	Scale   []float64
}

// Prob is the model's probability for features x.
func (m Logit) Prob(x []float64) float64 {
	z := m.Bias
	for i, w := range m.Weights {
		z += w * (x[i] - m.Mean[i]) / m.Scale[i]
	}
	return 1 / (1 + math.Exp(-z))
}

// FitLogit fits a logistic regression to rows x with labels y by Newton's
// method with an L2 penalty l2 on the weights (not the bias). It is
// deterministic: the same rows in the same order give the same numbers,
// so a table of coefficients can be checked against its fit.
func FitLogit(x [][]float64, y []bool, l2 float64) (Logit, error) {
	if len(x) == 0 || len(x) != len(y) {
		return Logit{}, fmt.Errorf("fit logit: %d rows, %d labels", len(x), len(y))
	}
	d := len(x[0])
	m := Logit{Weights: make([]float64, d), Mean: make([]float64, d), Scale: make([]float64, d)}
	for _, r := range x {
		if len(r) != d {
			return Logit{}, fmt.Errorf("fit logit: rows of %d and %d features", d, len(r))
		}
		for i, v := range r {
			m.Mean[i] += v
		}
	}
	n := float64(len(x))
	for i := range m.Mean {
		m.Mean[i] /= n
	}
	for _, r := range x {
		for i, v := range r {
			m.Scale[i] += (v - m.Mean[i]) * (v - m.Mean[i])
		}
	}
	for i := range m.Scale {
		// A feature constant over the rows gets scale 1: its weight stays 0.
		if m.Scale[i] = math.Sqrt(m.Scale[i] / n); m.Scale[i] < 1e-9 {
			m.Scale[i] = 1
		}
	}
	z := make([][]float64, len(x)) // standardised rows, a leading 1 for the bias
	for k, r := range x {
		z[k] = make([]float64, d+1)
		z[k][0] = 1
		for i, v := range r {
			z[k][i+1] = (v - m.Mean[i]) / m.Scale[i]
		}
	}
	beta := make([]float64, d+1)
	for iter := 0; iter < 100; iter++ {
		grad := make([]float64, d+1)
		hess := make([][]float64, d+1)
		for i := range hess {
			hess[i] = make([]float64, d+1)
		}
		for k, r := range z {
			s := 0.0
			for i, v := range r {
				s += beta[i] * v
			}
			p := 1 / (1 + math.Exp(-s))
			t := b2f(y[k])
			w := p * (1 - p)
			for i, vi := range r {
				grad[i] += (p - t) * vi
				for j, vj := range r {
					hess[i][j] += w * vi * vj
				}
			}
		}
		for i := 1; i <= d; i++ {
			grad[i] += l2 * beta[i]
			hess[i][i] += l2
		}
		hess[0][0] += 1e-9 // a split with one class only
		step, err := solve(hess, grad)
		if err != nil {
			return Logit{}, fmt.Errorf("fit logit: %w", err)
		}
		most := 0.0
		for i := range beta {
			beta[i] -= step[i]
			most = max(most, math.Abs(step[i]))
		}
		if most < 1e-10 {
			break
		}
	}
	m.Bias = beta[0]
	copy(m.Weights, beta[1:])
	return m, nil
}

// solve solves a·x = b by Gaussian elimination with partial pivoting; a
// and b are not kept.
func solve(a [][]float64, b []float64) ([]float64, error) {
	n := len(b)
	for c := 0; c < n; c++ {
		p := c
		for r := c + 1; r < n; r++ {
			if math.Abs(a[r][c]) > math.Abs(a[p][c]) {
				p = r
			}
		}
		if math.Abs(a[p][c]) < 1e-12 {
			return nil, errors.New("singular system")
		}
		a[c], a[p] = a[p], a[c]
		b[c], b[p] = b[p], b[c]
		for r := c + 1; r < n; r++ {
			f := a[r][c] / a[c][c]
			for k := c; k < n; k++ {
				a[r][k] -= f * a[c][k]
			}
			b[r] -= f * b[c]
		}
	}
	x := make([]float64, n)
	for r := n - 1; r >= 0; r-- {
		s := b[r]
		for k := r + 1; k < n; k++ {
			s -= a[r][k] * x[k]
		}
		x[r] = s / a[r][r]
	}
	return x, nil
}
