// Package audit keeps Vitae's accountability records under the index
// directory: an append-only, hash-chained log of every automated ranking
// a person saw (search, match) and of the human actions that followed
// (opened, shortlisted, rejected, exported, deleted, revealed), plus what
// retention and blind review need.
//
// On disk, audit.db (bbolt) holds:
//
//	entries   sequence → Entry (JSON); each Entry carries the SHA-256 of the
//	          previous one (Prev) and its own (Hash), so an edited, removed or
//	          reordered entry breaks the chain and Verify names it.
//	texts     sequence → the query, job description or reason of an entry;
//	          the entry holds only their SHA-256, so texts can be left out
//	          (Options.StoreText) or erased without touching the chain.
//	subjects  pseudonym → résumé ID, or a tombstone once the person is erased;
//	          entries name candidates only by pseudonym ("s-…"), never by ID.
//	activity  résumé ID → last activity, for the résumé retention sweep.
//	meta      the anchor (hash before the oldest kept entry, after pruning)
//	          and the sequence.
//
// The pseudonym key (pseudonym.key) gives blind review stable display
// names: HMAC-SHA-256 of the résumé ID, so the same person has the same
// pseudonym on every page and in every export.
//
// Writes are batched: Record computes the chain under a mutex and returns
// at once; a background writer commits batches (Options.FlushEvery), so
// logging costs a search a few microseconds rather than an fsync. Close
// and Flush commit what is pending.
package audit
