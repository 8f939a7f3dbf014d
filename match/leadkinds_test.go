package match

import "testing"

// The review of the generic lead requirements (review 21) graded
// (requirement, bullet) pairs under every rule set; each table below is
// one of its findings, graded the same way.

// checkLevels grades each pair under every rule set and wants its level
// exactly.
func checkLevels(t *testing.T, tests []leadCase) {
	t.Helper()
	for name, g := range ruleSets() {
		for _, tt := range tests {
			if got, score := g.Grade(tt.req, tt.bullet); got != tt.want {
				t.Errorf("%s: %q ← %q is %v (score %.2f), want %v", name, tt.req, tt.bullet, got, score, tt.want)
			}
		}
	}
}

type leadCase struct {
	req, bullet string
	want        Level
}

// TestLeadOfAKind: a requirement to lead people of a kind is met by
// leading people of that kind (engineers ≈ developers ≈ SREs), not by
// leading anyone; a team smaller than the size asked is partial.
func TestLeadOfAKind(t *testing.T) {
	checkLevels(t, []leadCase{
		{"Lead a team of engineers", "Supervised nurses on night shift", None},
		{"Lead a team of engineers", "Mentored 3 interns", None},
		{"Manage a team of developers", "Supervised nurses on night shift", None},
		{"Led teams of 10+ engineers", "Mentored 3 interns", None},
		{"Manage a team of 20+", "Led a team of 5 engineers", Partial},
		{"Manage a team of 20+", "Led a team of 3 designers", Partial},
		{"Led teams of 10+ engineers", "Led a team of 5 engineers", Partial},
		{"Lead a team of engineers", "Led a team of 5 engineers", Strong},
		{"Lead a team of engineers", "Led a team of 4 developers", Strong},
		{"Manage a team of developers", "Led a team of 5 engineers", Strong},
		{"Lead a team of engineers", "Managed a group of six site reliability engineers", Strong},
		{"Led teams of 10+ engineers", "Led a team of 12 engineers", Strong},
		{"Manage a team of 20+", "Directed a 40-person engineering organization", Strong},
		{"Lead a team of engineers", "Led the team delivering the new billing platform", Strong}, // a team of no stated kind
	})
	z := newAnalyzer(false)
	for _, req := range []string{"Lead a team of engineers", "Manage a team of developers"} {
		if z.requirement(req).leadsOnly() {
			t.Errorf("%q: leads only, want a kind of people asked (no title partial)", req)
		}
	}
}

// TestGenericLeadWordings: the usual wordings of a requirement to lead
// people are read by one reader (asksToLead, ledKey) and met strongly by
// leading people; a kind of team ("large", "remote", "cross-functional")
// is partial from a team not said to be of it.
func TestGenericLeadWordings(t *testing.T) {
	const led = "Led a team of 5 engineers"
	var tests []leadCase
	for _, req := range []string{"Team management", "Team management experience", "Staff management", "Team leadership",
		"Team leadership experience", "Leadership", "Leadership of a team", "Supervisory experience", "Line management experience", "Leadership skills"} {
		tests = append(tests, leadCase{req, led, Strong}, leadCase{req, "Built the billing service in Go", None})
	}
	tests = append(tests,
		leadCase{"Leadership of cross-functional teams", led, Partial},
		leadCase{"Lead a large team", led, Partial},
		leadCase{"Lead a remote team", led, Partial},
		leadCase{"Leadership of cross-functional teams", "Led cross-functional teams of engineers and designers", Strong},
		leadCase{"Lead a large team", "Led a large team of 40 engineers", Strong},
		leadCase{"Lead a remote team", "Led a distributed team of 8 engineers across time zones", Strong},
		leadCase{"Team management", "Managed team schedules", None}, // leads no one
	)
	checkLevels(t, tests)
}

// TestMentoringIsNotManaging: mentoring people is leading them for a
// requirement to mentor, partial at most for one to manage or lead a
// team.
func TestMentoringIsNotManaging(t *testing.T) {
	const mentored, sessions = "Mentored 3 junior engineers", "Led 1-on-1 and team mentorship sessions with junior developers focusing on overall code best practices"
	var tests []leadCase
	for _, req := range []string{"people management", "Managed a team", "Managing direct reports", "Experience leading a team", "Team management"} {
		tests = append(tests, leadCase{req, mentored, Partial}, leadCase{req, sessions, Partial}, leadCase{req, "Mentored 3 interns", Partial})
	}
	tests = append(tests,
		leadCase{"Led teams of 10+", "Mentored 3 interns", Partial},
		leadCase{"Proven ability to lead and mentor engineers", mentored, Strong},
		leadCase{"Proven ability to lead and mentor engineers", sessions, Strong},
		leadCase{"Managed a team", "Hired, trained and managed 12 engineers", Strong},
	)
	checkLevels(t, tests)
}

// TestTitleLeadsPeople: a title is partial evidence for a requirement
// to lead people only when it names leading people, not work, a place
// or a company (leadRole).
func TestTitleLeadsPeople(t *testing.T) {
	for _, tt := range []struct {
		role string
		want bool
	}{
		{"Engineering Manager", true},
		{"Head of Engineering & Platform", true},
		{"Team Lead", true},
		{"Director of Engineering", true},
		{"VP Engineering", true},
		{"Nursing Supervisor", true},
		{"Co-founder & CTO", true},
		{"Project Manager", false},
		{"Senior Program Manager", false},
		{"Release Manager", false},
		{"Delivery Manager", false},
		{"Office Manager", false},
		{"Community Manager", false},
		{"Founder", false},
		{"Product Manager", false},
	} {
		if got := managesPeople(tt.role); got != tt.want {
			t.Errorf("managesPeople(%q) = %v, want %v", tt.role, got, tt.want)
		}
	}
}
