package search

import (
	"context"
	"testing"

	"vitae"
)

func TestSimilarFindsPeopleWhoDidTheSameWork(t *testing.T) {
	s, _ := newEngine(t, trained(t), Options{})
	ctx := context.Background()
	got, err := s.Similar(ctx, "brian", 4)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range got {
		ids = append(ids, c.ResumeID)
		if c.ResumeID == "brian" {
			t.Errorf("the person themself is among their similar candidates")
		}
		if len(c.Hits) == 0 || c.Score <= 0 {
			t.Errorf("%s: no evidence or score: %+v", c.ResumeID, c)
		}
	}
	if len(ids) == 0 || (ids[0] != "dana" && ids[0] != "jordan") {
		t.Errorf("people like Brian (DevOps/SRE leads) = %v; want Dana or Jordan first", ids)
	}
	tests := []struct {
		name string
		s    *Engine
		id   string
		code string
	}{
		{"unknown résumé", s, "nobody", vitae.ENOTFOUND},
	}
	kw, _ := newEngine(t, nil, Options{})
	tests = append(tests, struct {
		name string
		s    *Engine
		id   string
		code string
	}{"keyword-only engine", kw, "brian", vitae.EUNAVAILABLE})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := tt.s.Similar(ctx, tt.id, 3); vitae.ErrorCode(err) != tt.code {
				t.Errorf("err %v, want code %s", err, tt.code)
			}
		})
	}
}
