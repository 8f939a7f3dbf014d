package search

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"vitae/embed"
	"vitae/lexicon"
)

func TestUnderstand(t *testing.T) {
	type part struct {
		Kind PartKind
		Text string
	}
	tests := []struct {
		query string
		want  []part
	}{
		{"led DevOps team", []part{{PartAction, "led"}, {PartObject, "devops"}, {PartObject, "team"}}},
		// The lexicon knows the outcome as one phrase: cloud cost reduction.
		{"reduced AWS costs by 30%", []part{{PartObject, "reduced aws costs"}, {PartScope, "30"}}},
		{"managed a team of 10 engineers", []part{{PartAction, "managed a team"}, {PartScope, "10"}, {PartObject, "engineers"}}},
		{"made the site faster", []part{{PartAction, "made"}, {PartObject, "site faster"}}},
		{"Kubernetes operators", []part{{PartSkill, "kubernetes"}, {PartObject, "operators"}}},
		{"the of and", nil},
	}
	lex := lexicon.Default()
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			var got []part
			for _, p := range Understand(lex, nil, tt.query).Parts {
				got = append(got, part{p.Kind, p.Text})
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("parts (-want +got):\n%s", diff)
			}
		})
	}
}

// A query's common verb weighs less than its object, and a verb that
// says nothing weighs least: "made" must not decide the match.
func TestUnderstandWeights(t *testing.T) {
	u := Understand(lexicon.Default(), nil, "made the site faster")
	if u.Parts[0].Weight >= u.Parts[1].Weight {
		t.Errorf("generic verb %q weighs %g, object %q %g", u.Parts[0].Text, u.Parts[0].Weight, u.Parts[1].Text, u.Parts[1].Weight)
	}
	u = Understand(lexicon.Default(), nil, "led DevOps team")
	if u.Parts[0].Weight >= u.Parts[1].Weight {
		t.Errorf("action %q weighs %g, skill %q %g", u.Parts[0].Text, u.Parts[0].Weight, u.Parts[1].Text, u.Parts[1].Weight)
	}
}

func TestCoverAndSoft(t *testing.T) {
	base, err := embed.Base()
	if err != nil {
		t.Fatal(err)
	}
	u := Understand(lexicon.Default(), base, "led DevOps team")
	lead := u.Cover("Headed the SRE group")
	collab := u.Cover("Worked with the DevOps team on CI")
	if lead.Score <= 0.5 {
		t.Errorf("'Headed the SRE group' covers %.2f of 'led DevOps team', want > 0.5 (lexicon: headed = led, SRE = DevOps, group = team)", lead.Score)
	}
	if lead.PerPart[0] == 0 || collab.PerPart[0] != 0 {
		t.Errorf("the action part: headed %.2f (want > 0), worked with %.2f (want 0)", lead.PerPart[0], collab.PerPart[0])
	}
	soft, reasons := u.Soft("Handled incident response and escalations")
	if soft != 0 && len(reasons) == 0 {
		t.Errorf("soft %.2f without reasons", soft)
	}
	if s, _ := u.Soft("Baked sourdough bread"); s != 0 {
		t.Errorf("an unrelated bullet softly covers %.2f", s)
	}
	if s, _ := u.Soft("Led the DevOps team"); s < 0.99 {
		t.Errorf("the same words cover %.2f, want 1", s)
	}
}
