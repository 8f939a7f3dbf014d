// Package storetest is the conformance suite of Vitae's storage seam
// (search.Store), as dex's storage/conformance is of its storage: one
// table of behaviours every backend must pass, run by each backend's own
// test with a factory that opens it.
//
//	func TestConformance(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) storetest.Store { … })
//	}
//
// It covers upsert, replace and delete counts; unchanged résumés skipped;
// records and paging; filters that keep the same bullets in keyword and
// vector retrieval (the parity table), company, role and person matched
// by words (the words table); facets; vectors in and out by
// model; erasure leaving nothing retrievable; and a restart (close, open
// again through the factory) keeping everything. Vectors are fixed
// numbers, not an embedder's: the suite tests storage, not embedding.
package storetest
