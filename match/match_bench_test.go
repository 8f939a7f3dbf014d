package match_test

import (
	"context"
	"testing"

	"vitae"
	"vitae/bench"
	"vitae/index"
	"vitae/match"
	"vitae/search"
)

// oneByOne is the engine used as matching used it before batches: one
// Search per requirement, each embedding its text and loading its
// bullets alone. It is the baseline of BenchmarkMatch10k.
type oneByOne struct{ *search.Engine }

func (e oneByOne) SearchBatch(ctx context.Context, qs []vitae.Query) ([]*vitae.Results, error) {
	out := make([]*vitae.Results, len(qs))
	for i, q := range qs {
		res, err := e.Search(ctx, q)
		if err != nil {
			return nil, err
		}
		out[i] = res
	}
	return out, nil
}

// BenchmarkMatch10k times Matcher.Match end to end (JD parsing, the
// requirement queries, role fit, grading) on the 10,000-bullet index of
// BenchmarkSearch10k, over job descriptions of the shared corpus (the
// ones the parser finds requirements in; a built-in one otherwise) and
// over one 25 KB description made of them (40 requirements). "batch" is
// the matcher as it ships (search.SearchBatch), "one-by-one" the same
// queries as separate searches, "gate" the batch with the strong gate,
// "gate+context" the gate with the context rules, "gate+context+sense"
// with the sense check too and "gate+learned" the gate with the learned
// gate (all three off in the binary by default), in the same run.
func BenchmarkMatch10k(b *testing.B) {
	ctx := context.Background()
	ix, l, _ := bench.Fixture10k(b, index.Options{})
	eng := search.New(ix, l, search.Options{})
	m := match.New(eng, match.Options{})
	all, _ := bench.ReadJobs("../../shared/corpus/jobs.jsonl")
	var jobs []string
	for _, jd := range all { // keep the descriptions the parser finds requirements in
		if _, err := m.Match(ctx, match.Request{JobDescription: jd, Limit: 10}); err == nil {
			jobs = append(jobs, jd)
		}
		if len(jobs) == 10 {
			break
		}
	}
	if len(jobs) == 0 {
		jobs = []string{"Senior SRE\n\nRequirements:\n- 5+ years of Kubernetes\n- Led an on-call rotation\n- Go or Python\n\nNice to have:\n- Terraform"}
	}
	// The strong gate (match.strong_gate, on by default in the binary)
	// also judges every strong bullet by the strict rules.
	gated := match.New(eng, match.Options{StrongGate: true})
	// The gate with the context rules (match.context_evidence) and with
	// the sense check too (match.strong_sense), which embeds each bullet
	// the rules call strong; both are off by default.
	withContext := match.New(eng, match.Options{StrongGate: true, ContextEvidence: true})
	withSense := match.New(eng, match.Options{StrongGate: true, ContextEvidence: true, StrongSense: 0.35})
	// The learned gate (match.learned_gate, off) reads the context rules
	// and the cosine of each bullet the gate calls strong.
	learned := match.New(eng, match.Options{StrongGate: true, LearnedGate: true})
	long := bench.LongJob(all, bench.LongJobSize)
	if len(all) == 0 {
		long = bench.LongJob(jobs, bench.LongJobSize)
	}
	for _, bc := range []struct {
		name string
		m    *match.Matcher
		jobs []string
	}{
		{"batch", m, jobs},
		{"one-by-one", match.New(oneByOne{eng}, match.Options{}), jobs},
		{"gate", gated, jobs},
		{"gate+context", withContext, jobs},
		{"gate+context+sense", withSense, jobs},
		{"25kb/batch", m, []string{long}},
		{"25kb/gate", gated, []string{long}},
		{"25kb/gate+context", withContext, []string{long}},
		{"25kb/gate+context+sense", withSense, []string{long}},
		{"25kb/gate+learned", learned, []string{long}},
		{"25kb/one-by-one", match.New(oneByOne{eng}, match.Options{}), []string{long}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				if _, err := bc.m.Match(ctx, match.Request{JobDescription: bc.jobs[i%len(bc.jobs)], Limit: 10}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
