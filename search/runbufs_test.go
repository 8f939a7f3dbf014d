package search

import (
	"fmt"
	"reflect"
	"testing"

	"vitae"
	"vitae/index"
)

// reset clears only the used part of the kept slices, so fusion and
// rerank must leave it as their used length: after reset nothing of a
// search, longer or shorter than the last, is left in the capacity.
func TestRunBufsResetLeavesNothing(t *testing.T) {
	b := &runBufs{byID: map[string]int{}}
	var s *Engine // keyword mode's rerank reads nothing of the engine
	for _, n := range []int{40, 7, 25, 0} {
		var lex []index.LexicalHit
		var vec []index.Neighbor
		for i := range n {
			lex = append(lex, index.LexicalHit{Bullet: vitae.Bullet{ID: fmt.Sprintf("b%d", i)}, Score: float64(n - i)})
			vec = append(vec, index.Neighbor{ID: fmt.Sprintf("b%d", i+n/2), Score: float32(n - i)})
		}
		fused := fuseInto(b, lex, vec, vitae.FusionWeighted, NormalizeMinMax, 0.5, 60)
		if _, err := s.rerank(b, vitae.ModeKeyword, 0.5, Syntax{}, 0, false, lex, vec, fused); err != nil {
			t.Fatal(err)
		}
		if !b.reset() {
			t.Fatalf("%d hits: not kept", n)
		}
		for i, f := range b.fused[:cap(b.fused)] {
			if !reflect.ValueOf(f).IsZero() {
				t.Fatalf("%d hits: fused[%d] left %+v", n, i, f)
			}
		}
		for i, r := range b.ranked[:cap(b.ranked)] {
			if !reflect.ValueOf(r).IsZero() {
				t.Fatalf("%d hits: ranked[%d] left %+v", n, i, r)
			}
		}
		if len(b.byID) != 0 {
			t.Fatalf("%d hits: %d IDs left", n, len(b.byID))
		}
	}
}
