package index

// SetTwoStepsFrom sets the index size from which keyword searches rank in
// two steps, for benchmarks outside the package; it returns the old one.
func SetTwoStepsFrom(n uint64) uint64 {
	was := twoStepsFrom
	twoStepsFrom = n
	return was
}

// SetExactTopK turns the exact top-k of plain keyword queries on or off,
// for benchmarks outside the package; it returns the old setting.
func SetExactTopK(on bool) bool {
	was := exactTopKOn
	exactTopKOn = on
	return was
}

// SetMinDecoded sets the shortest postings list the exact top-k decodes
// (1: every list), for tests outside the package; it returns the old one.
func SetMinDecoded(n uint64) uint64 {
	was := minDecoded
	minDecoded = n
	return was
}
