// Package weaviate keeps Vitae's bullets, résumés and vectors in a Weaviate
// cluster, for when one machine is not enough: it implements the storage
// seam (search.Store) that the embedded backend (package index) does, and
// passes the same conformance suite (index/storetest).
//
// Three collections per Options.Collection (say "Vitae"):
//
//	VitaeBullet  one object per bullet: display fields as written, lower-cased
//	             copies for case-insensitive filters, dates as dates (an open
//	             role ends in 2200), the text's terms as the embedded index
//	             analyses them (stemmed, stop words dropped) for BM25, and the
//	             bullet's own vector (bring-your-own: no vectorizer module)
//	             with the model it came from
//	VitaeResume  one object per résumé: its JSON with every bullet, written
//	             after its bullets, so a crash leaves it stale and the next
//	             Upsert rewrites it; the candidate identity, filterable, so
//	             Copies finds a person's résumés (duplicates, erasure)
//	VitaeMeta    one object: the vector model identity and dimension
//
// Object IDs are UUIDv5 of the collection and the bullet or résumé ID, so a
// write is idempotent and a bullet is found without a query.
//
// Keyword search is Weaviate's BM25 over the analysed terms (so "teams"
// finds "team" as it does in the embedded index), the role's terms adding
// 0.3, restricted to bullets whose text has a query term; semantic search
// is nearVector on cosine distance. Both take the same where filter
// (filter.go), which reads vitae.Filters as the embedded backend does:
// any-of lists, case-insensitive names, date-period overlap.
//
// Replication and sharding are the collection's (Options.Shards,
// Options.ReplicationFactor, with async replication so a returning replica
// catches up); writes, erasure and résumé reads wait for
// Options.Consistency replicas (QUORUM by default); searches ask one
// replica per shard (GraphQL takes no level). The client tries each of
// Options.Hosts in turn when one cannot be reached.
package weaviate
