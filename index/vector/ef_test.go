package vector

import "testing"

func TestEfSearchFor(t *testing.T) {
	for _, c := range []struct {
		name   string
		set, n int
		want   int
	}{
		{"empty graph", 0, 0, 96},
		{"at the ANN threshold", 0, 50_000, 96},
		{"100k", 0, 100_000, 96},
		{"200k", 0, 200_000, 112},
		{"500k", 0, 500_000, 176},
		{"just under 1M keeps 1M's beam", 0, 990_000, 256},
		{"1M", 0, 1_000_000, 256},
		{"just over 1M keeps 1M's beam", 0, 1_010_000, 256},
		{"4M", 0, 4_000_000, 512},
		{"capped", 0, 1 << 40, 4096},
		{"a set number wins, small graph", 160, 100_000, 160},
		{"a set number wins, large graph", 96, 1_000_000, 96},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := (HNSWOptions{EfSearch: c.set}).EfSearchFor(c.n); got != c.want {
				t.Errorf("EfSearchFor(%d) with EfSearch %d = %d, want %d", c.n, c.set, got, c.want)
			}
		})
	}
}
