package match

import "testing"

// TestLeadingRequirementNeedsPeopleLed pins issue 14's first finding: for
// a requirement to lead a team, a bullet that leads something else or
// does the role's work is no evidence (it was partial at most; a
// requirement that asks for nothing but leading people is met only by
// leading them: TestLeadingPeopleOnlyByLeading), one whose "ops" is a
// rate is none, and only one that leads people may be strong;
// requirements that do not ask to lead people grade as before.
func TestLeadingRequirementNeedsPeopleLed(t *testing.T) {
	const lead = "5+ years leading a team of SREs or DevOps engineers"
	tests := []gradeCase{
		{"management of infrastructure", lead, "Infrastructure Management as AWS Administartor", None, None},
		{"led a migration", lead, "Led a datacentre migration to a new provider, coordinating infrastructure changes across regions", None, None},
		{"ops per second", lead, "Reached 1M ops/s on a laptop", None, None},
		{"led SREs", lead, "Led operationally-focused teams of DevOps engineers and SREs", Strong, Strong},
		{"managed SREs", lead, "Managed a group of six site reliability engineers", Strong, Strong},
		{"not a leading requirement", "Experience running infrastructure on AWS", "Managed AWS infrastructure for 40 services", Strong, Strong},
		{"a tool requirement", "Kubernetes in production", "Ran Kubernetes in production for 200 services", Strong, Strong},
	}
	checkGrades(t, tests, "older", NewGrader(), "gate", NewGateGrader())
}
