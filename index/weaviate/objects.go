package weaviate

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	wv "github.com/weaviate/weaviate-go-client/v5/weaviate"
	"github.com/weaviate/weaviate-go-client/v5/weaviate/graphql"
	"github.com/weaviate/weaviate/entities/models"

	"vitae"
	"vitae/index"
)

// farFuture stands for the end of a role that has not ended, as in the
// embedded index.
const farFuture = "2200-01-01T00:00:00Z"

// bulletProps are the properties of a bullet object; model is the identity
// of the vector the object carries ("" without one).
func bulletProps(b vitae.Bullet, model string) map[string]any {
	lower := func(xs []string) []string {
		out := make([]string, 0, len(xs))
		for _, x := range xs {
			out = append(out, strings.ToLower(x))
		}
		return out
	}
	p := map[string]any{
		pBulletID: b.ID, pResumeID: b.ResumeID, pText: b.Text,
		pTerms: strings.Join(index.Terms(b.Text), " "), pRoleTerms: strings.Join(index.Terms(b.Role), " "),
		pCompany: b.Company, pRole: b.Role, pPerson: b.Person, pSection: b.Section,
		pSkills: nonNil(b.Skills), pCompanyW: index.WordKey(b.Company), pRoleW: index.WordKey(b.Role),
		pPersonW: index.WordKey(b.Person), pSkillsLC: lower(b.Skills),
		pStartS: b.Start, pEndS: b.End, pSource: b.Source, pRef: b.Ref, pModel: model,
	}
	// Dates as the embedded index compares them: the period's first second
	// and its last; a bullet without a readable start has neither and so
	// never overlaps a window.
	if t, ok := vitae.ParseDate(b.Start); ok {
		p[pStart] = t.Format(time.RFC3339)
		if e, ok := vitae.DateEnd(b.End); ok {
			p[pEnd] = e.Add(-time.Second).Format(time.RFC3339)
		} else if b.End == "" {
			p[pEnd] = farFuture
		}
	}
	return p
}

func nonNil(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}

// bulletObj is a bullet object as a GraphQL Get returns it.
type bulletObj struct {
	BulletID   string     `json:"bullet_id"`
	ResumeID   string     `json:"resume_id"`
	Text       string     `json:"text"`
	Company    string     `json:"company"`
	Role       string     `json:"role"`
	Person     string     `json:"person"`
	Section    string     `json:"section"`
	Skills     []string   `json:"skills"`
	StartS     string     `json:"start_s"`
	EndS       string     `json:"end_s"`
	Source     string     `json:"source"`
	Ref        string     `json:"ref"`
	Model      string     `json:"model"`
	Additional additional `json:"_additional"`
}

type additional struct {
	ID       string  `json:"id"`
	Score    string  `json:"score"` // BM25, as a string
	Distance float64 `json:"distance"`
}

func (o bulletObj) bullet() vitae.Bullet {
	b := vitae.Bullet{ID: o.BulletID, ResumeID: o.ResumeID, Person: o.Person, Company: o.Company, Role: o.Role,
		Section: o.Section, Start: o.StartS, End: o.EndS, Text: o.Text, Source: o.Source, Ref: o.Ref}
	if len(o.Skills) > 0 {
		b.Skills = o.Skills
	}
	return b
}

func (a additional) score() float64 {
	f, _ := strconv.ParseFloat(a.Score, 64)
	return f
}

// fields names GraphQL fields; "_additional" takes extra as its own.
func fields(names []string, extra ...string) []graphql.Field {
	out := make([]graphql.Field, 0, len(names)+1)
	for _, n := range names {
		out = append(out, graphql.Field{Name: n})
	}
	if len(extra) > 0 {
		add := graphql.Field{Name: "_additional"}
		for _, e := range extra {
			add.Fields = append(add.Fields, graphql.Field{Name: e})
		}
		out = append(out, add)
	}
	return out
}

var bulletFields = []string{pBulletID, pResumeID, pText, pCompany, pRole, pPerson, pSection, pSkills,
	pStartS, pEndS, pSource, pRef, pModel}

// get runs a GraphQL Get on class built by build and decodes the objects
// into out (a pointer to a slice).
func (s *Store) get(ctx context.Context, class string, out any, build func(g *graphql.GetBuilder) *graphql.GetBuilder) error {
	return s.call(ctx, func(c *wv.Client) error {
		resp, err := build(c.GraphQL().Get().WithClassName(class)).Do(ctx)
		if err != nil {
			return err
		}
		return decode(resp, "Get", class, out)
	})
}

// decode reads data[op][class] of a GraphQL answer into out; errors in
// the answer are returned as one.
func decode(resp *models.GraphQLResponse, op, class string, out any) error {
	if len(resp.Errors) > 0 {
		msgs := make([]string, len(resp.Errors))
		for i, e := range resp.Errors {
			msgs[i] = e.Message
		}
		return fmt.Errorf("weaviate: %s", strings.Join(msgs, "; "))
	}
	data, err := json.Marshal(resp.Data[op])
	if err != nil {
		return err
	}
	var byClass map[string]json.RawMessage
	if err := json.Unmarshal(data, &byClass); err != nil {
		return fmt.Errorf("weaviate %s answer: %w", op, err)
	}
	if raw, ok := byClass[class]; ok && string(raw) != "null" {
		if err := json.Unmarshal(raw, out); err != nil {
			return fmt.Errorf("weaviate %s answer: %w", op, err)
		}
	}
	return nil
}

// put writes objects in batches at the write consistency level; an
// object Weaviate refuses fails the call.
func (s *Store) put(ctx context.Context, objs []*models.Object) error {
	for lo := 0; lo < len(objs); lo += s.opts.BatchSize {
		chunk := objs[lo:min(lo+s.opts.BatchSize, len(objs))]
		err := s.call(ctx, func(c *wv.Client) error {
			res, err := c.Batch().ObjectsBatcher().WithObjects(chunk...).WithConsistencyLevel(s.opts.Consistency).Do(ctx)
			if err != nil {
				return err
			}
			for _, r := range res {
				if r.Result != nil && r.Result.Errors != nil && len(r.Result.Errors.Error) > 0 {
					return fmt.Errorf("write object %s: %s", r.ID, r.Result.Errors.Error[0].Message)
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("write %d objects: %w", len(chunk), err)
		}
	}
	return nil
}
