package search

import (
	"fmt"
	"slices"
	"testing"

	"vitae"
)

func TestMergeReasons(t *testing.T) {
	r := func(q, m string, v vitae.Via) vitae.Reason { return vitae.Reason{Query: q, Matched: m, Via: v} }
	var many, manyWant []vitae.Reason // past the scan's stack buffer
	for i := range 20 {
		many = append(many, r(fmt.Sprint("q", i), "m", vitae.ViaModel))
		manyWant = append(manyWant, r(fmt.Sprint("q", i), "m", vitae.ViaModel))
	}
	many = append(many, r("Q3", "M", vitae.ViaModel))
	tests := []struct {
		name string
		a, b []vitae.Reason
		want []vitae.Reason
	}{
		{"none", nil, nil, nil},
		{"exact only", []vitae.Reason{r("go", "go", vitae.ViaExact)}, nil, []vitae.Reason{r("go", "go", vitae.ViaExact)}},
		{"a pair once, case aside, first kept", []vitae.Reason{r("led", "led", vitae.ViaExact)},
			[]vitae.Reason{r("Led", "LED", vitae.ViaModel), r("led", "headed", vitae.ViaModel), r("LED", "Headed", vitae.ViaModel)},
			[]vitae.Reason{r("led", "led", vitae.ViaExact), r("led", "headed", vitae.ViaModel)}},
		{"same word by the model is exact", nil, []vitae.Reason{r("Kubernetes", "kubernetes", vitae.ViaModel)},
			[]vitae.Reason{r("Kubernetes", "kubernetes", vitae.ViaExact)}},
		{"more pairs than the buffer", many, nil, manyWant},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mergeReasons(tt.a, tt.b)
			if !slices.Equal(got, tt.want) || (got == nil) != (tt.want == nil) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}
