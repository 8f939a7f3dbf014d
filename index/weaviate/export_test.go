package weaviate

// ObjectIDs names, for the cluster test, the collection and UUID of a
// résumé's record and of each of its bullets, so that each node can be
// asked for its own copy.
func (s *Store) ObjectIDs(resumeID string, bulletIDs []string) map[string][]string {
	out := map[string][]string{s.resume: {s.resumeUUID(resumeID)}}
	for _, id := range bulletIDs {
		out[s.bullet] = append(out[s.bullet], s.bulletUUID(id))
	}
	return out
}
