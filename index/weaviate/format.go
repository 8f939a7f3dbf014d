package weaviate

import (
	"context"
	"errors"
	"fmt"

	wv "github.com/weaviate/weaviate-go-client/v5/weaviate"
	"github.com/weaviate/weaviate-go-client/v5/weaviate/graphql"
	"github.com/weaviate/weaviate/entities/models"
	"golang.org/x/sync/errgroup"

	"vitae"
	"vitae/index"
)

// formatVersion is what the bullet objects hold and this Vitae reads,
// kept in a metadata object of its own. Collections without it are
// format 1.
//
//	1  company_lc, role_lc, person_lc: filters matched the whole value
//	2  company_words, role_words, person_words (index.WordKey): filters
//	   match by words
const formatVersion = 2

func (s *Store) formatUUID() string { return s.objectID("meta", "format") }

// storedFormat reads the collections' format: 1 when none is recorded.
func (s *Store) storedFormat(ctx context.Context) (int, error) {
	var objs []struct {
		Format int `json:"format"`
	}
	err := s.get(ctx, s.meta, &objs, func(g *graphql.GetBuilder) *graphql.GetBuilder {
		return g.WithWhere(idsIn([]string{s.formatUUID()})).WithLimit(1).WithFields(fields([]string{pFormat})...)
	})
	if err != nil {
		return 0, fmt.Errorf("read format: %w", err)
	}
	if len(objs) == 0 || objs[0].Format == 0 {
		return 1, nil
	}
	return objs[0].Format, nil
}

// upgrade brings collections of an older format to formatVersion, in
// place, before the store answers: format 1 bullets get their word keys
// (from the company, role and person they hold) by a merge that leaves
// their vectors alone. The format is recorded last, so an upgrade cut
// short is run again by the next Open; writing the same keys twice is
// harmless. Collections of a newer format are refused.
func (s *Store) upgrade(ctx context.Context) error {
	v, err := s.storedFormat(ctx)
	if err != nil {
		return err
	}
	if v > formatVersion {
		return vitae.Errorf(vitae.EUNAVAILABLE,
			"collections %s* were written by a newer Vitae (format %d; this one reads format %d): run that version",
			s.opts.Collection, v, formatVersion)
	}
	if v < formatVersion {
		s.opts.Logger.Info("weaviate: upgrading the collection for word filters, every bullet once", "collection", s.bullet, "from_format", v)
		n, err := s.fillWordKeys(ctx)
		if err != nil {
			return fmt.Errorf("upgrade from format %d: %w", v, err)
		}
		if n > 0 {
			s.opts.Logger.Info("weaviate: bullets upgraded for word filters", "collection", s.bullet, "bullets", n, "from_format", v)
		}
	}
	if v == formatVersion {
		return nil
	}
	return s.put(ctx, []*models.Object{{Class: s.meta, ID: strfmtUUID(s.formatUUID()),
		Properties: map[string]any{pFormat: formatVersion}}})
}

// fillWordKeys writes every bullet's company, role and person word keys,
// a page at a time, and returns how many bullets it wrote.
func (s *Store) fillWordKeys(ctx context.Context) (int, error) {
	n := 0
	err := scan(ctx, s, s.bullet, []string{pCompany, pRole, pPerson}, func(objs []bulletObj) error {
		g, ctx := errgroup.WithContext(ctx)
		g.SetLimit(8)
		for _, o := range objs {
			g.Go(func() error {
				return s.call(ctx, func(c *wv.Client) error {
					return c.Data().Updater().WithMerge().WithClassName(s.bullet).WithID(o.Additional.ID).
						WithConsistencyLevel(s.opts.Consistency).
						WithProperties(map[string]any{pCompanyW: index.WordKey(o.Company),
							pRoleW: index.WordKey(o.Role), pPersonW: index.WordKey(o.Person)}).Do(ctx)
				})
			})
		}
		n += len(objs)
		return g.Wait()
	})
	return n, err
}

// untilCanceled is ctx without its deadline: canceled when ctx is, not
// when ctx times out. Open upgrades an old collection under it, since the
// upgrade reads and writes every bullet once and a first start on 100k
// bullets outlasts Open's deadline (the format is recorded last, so an
// upgrade stopped half way runs again).
func untilCanceled(ctx context.Context) (context.Context, context.CancelFunc) {
	up, cancel := context.WithCancel(context.WithoutCancel(ctx))
	stop := context.AfterFunc(ctx, func() {
		if errors.Is(ctx.Err(), context.Canceled) {
			cancel()
		}
	})
	return up, func() { stop(); cancel() }
}
