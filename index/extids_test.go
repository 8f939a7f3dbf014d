package index

import (
	"context"
	"slices"
	"testing"
)

// The cached external IDs of segments merged away or replaced leave the
// cache, and pages after writes name the documents bleve names.
func TestIDCacheFollowsSegments(t *testing.T) {
	ix := open(t, Options{RoleDepth: -1})
	ctx := context.Background()
	rs := rolesCorpus()
	if _, err := ix.Upsert(ctx, rs[:10]); err != nil {
		t.Fatal(err)
	}
	req := LexicalRequest{Text: "team kubernetes engineer", Size: 10}
	lexicalRun(t, ix, req)
	cached := 0
	for _, ids := range ix.extIDs.segs {
		for _, id := range ids {
			if id != "" {
				cached++
			}
		}
	}
	if cached == 0 {
		t.Fatal("no external IDs cached after a search")
	}
	if diff := againstBleve(t, ix, req); diff != "" { // from the cache now
		t.Fatalf("a cached page (-bleve +top-k):\n%s", diff)
	}
	churnAgainstBleve(t, ix, rs, req)
	for s := range ix.extIDs.segs {
		if !slices.Contains(ix.extIDs.live, s) {
			t.Errorf("IDs of a segment not in the last snapshot (%d documents)", s.Count())
		}
	}
}
