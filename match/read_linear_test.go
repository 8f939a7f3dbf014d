package match

import (
	"strings"
	"testing"
)

// longRequirement is one requirement of about n bytes: a one-line job
// description of many listed clauses.
func longRequirement(n int) string {
	const unit = "Experience building services in Go, Java or Python on AWS, with PostgreSQL and Kafka; "
	return strings.Repeat(unit, n/len(unit)+1)[:n]
}

// TestRequirementReadLinear guards the cost of reading a requirement by
// the work done, not time: the bytes its parts are read from stay within
// a constant times its length, whatever its length (listed once re-read
// the whole text before each clause: clauses × length).
func TestRequirementReadLinear(t *testing.T) {
	for _, n := range []int{1 << 10, 16 << 10} {
		z := newAnalyzer(true)
		text := longRequirement(n)
		p := z.requirement(text)
		if len(p.clauses) < n/100 {
			t.Fatalf("%d bytes: %d clauses, want a long list", n, len(p.clauses))
		}
		if read := z.read.Load(); read > 8*int64(n) {
			t.Errorf("%d bytes, %d clauses: parts read %d bytes, want ≤ %d", n, len(p.clauses), read, 8*n)
		}
	}
}

// BenchmarkGradeLong grades a 1 KB and a 16 KB requirement with the
// strong gate; the ratio of their times is near 16 when reading is
// linear (it was ~500 when listed re-read the text before each clause).
func BenchmarkGradeLong(b *testing.B) {
	for _, n := range []int{1 << 10, 16 << 10} {
		text := longRequirement(n)
		b.Run(map[int]string{1 << 10: "1KB", 16 << 10: "16KB"}[n], func(b *testing.B) {
			for b.Loop() {
				g := NewGateGrader() // a new grader: nothing cached from the last loop
				g.Grade(text, "Built payment services in Go on AWS")
			}
		})
	}
}

// TestListedLongList pins a list longer than listed's window: a clause
// deep in it is an example as the first one is.
func TestListedLongList(t *testing.T) {
	z := newAnalyzer(true)
	text := "Experience with cloud services such as " + strings.Repeat("AWS Lambda, Google Cloud Run, Azure Functions, ", 12) + "AWS Fargate"
	p := z.requirement(text)
	if len(p.clauses) < 30 {
		t.Fatalf("%d clauses, want a long list", len(p.clauses))
	}
	for i, c := range p.clauses {
		if !c.example {
			t.Errorf("clause %d (%v) is not an example", i, c.words)
		}
	}
}
