package weaviate

import (
	"context"

	wv "github.com/weaviate/weaviate-go-client/v5/weaviate"
)

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

// Downgrade makes the collections look as format 1 left them: no format
// recorded, no word keys on the bullets (there, the property did not
// exist; here it is emptied, which no filter matches either).
func (s *Store) Downgrade(ctx context.Context) error {
	err := s.call(ctx, func(c *wv.Client) error {
		return c.Data().Deleter().WithClassName(s.meta).WithID(s.formatUUID()).Do(ctx)
	})
	if err != nil {
		return err
	}
	return scan(ctx, s, s.bullet, nil, func(objs []bulletObj) error {
		for _, o := range objs {
			err := s.call(ctx, func(c *wv.Client) error {
				return c.Data().Updater().WithMerge().WithClassName(s.bullet).WithID(o.Additional.ID).
					WithProperties(map[string]any{pCompanyW: "", pRoleW: "", pPersonW: ""}).Do(ctx)
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
}
