package match

import "testing"

// TestConjoinedSkills: a requirement that joins skills with "and" is met
// strongly only by a bullet that names each; one of them is partial. A
// list of alternatives ("or", a slash, "one of", a tool-only line of
// commas, examples after "such as") needs one, and a lexicon name with
// "and" inside ("CI and CD", "Research and Development") is one skill.
func TestConjoinedSkills(t *testing.T) {
	tests := []gradeCase{
		{name: "one of two", req: "Python and AWS", bullet: "Built data pipelines in Python", a: Partial, b: Partial},
		{name: "the other of two", req: "Python and AWS", bullet: "Deployed services on AWS", a: Partial, b: Partial},
		{name: "both", req: "Python and AWS", bullet: "Built data pipelines in Python on AWS", a: Strong, b: Strong},
		{name: "an ampersand", req: "Python & AWS", bullet: "Built data pipelines in Python", a: Partial, b: Partial},
		{name: "two of three", req: "Go, Kubernetes and Terraform", bullet: "Wrote Go services on Kubernetes", a: Partial, b: Partial},
		{name: "all three", req: "Go, Kubernetes and Terraform", bullet: "Ran Go services on Kubernetes, provisioned with Terraform", a: Strong, b: Strong},
		{name: "after experience with", req: "experience with Kafka and Spark", bullet: "Built streaming jobs with Kafka", a: Partial, b: Partial},
		{name: "a phrase word names its skill", req: "Time series analysis and forecasting", bullet: "Researched and deployed the time series forecasting model ARIMA", a: Strong, b: Strong},
		{name: "or", req: "Python or Go", bullet: "Built data pipelines in Python", a: Strong, b: Strong},
		{name: "one of a slash", req: "one of Java/Kotlin", bullet: "Wrote Java services for payments", a: Strong, b: Strong},
		{name: "a tool-only line", req: "Go, Rust", bullet: "Rewrote the ingest service in Rust", a: Strong, b: Strong},
		{name: "examples", req: "Container tooling such as Kubernetes, Docker and Helm", bullet: "Packaged every service as Docker images", a: Strong, b: Strong},
		{name: "and other", req: "Python, Go and other languages", bullet: "Rewrote the ingest service in Go", a: Strong, b: Strong},
		{name: "one skill with and inside", req: "CI and CD", bullet: "Built CI pipelines for 40 services", a: Strong, b: Strong},
	}
	checkGrades(t, tests, "gate", NewGraderFor(Options{StrongGate: true}), "strict", NewStrictGrader())
}

// TestConjoinedShownElsewhere: a bullet that names one of the skills a
// requirement joins with "and" is strong when the candidate shows the
// others in another bullet or their skills list, partial when nowhere.
func TestConjoinedShownElsewhere(t *testing.T) {
	const jd = "# Engineer\n## Requirements\n- Python and AWS\n"
	const python = "Built data pipelines in Python for the billing team"
	tests := []struct {
		name    string
		bullets []string
		skills  []string
		want    string
	}{
		{"nowhere else", []string{python}, nil, "partial"},
		{"another bullet", []string{python, "Moved the team's storage to S3 on AWS"}, nil, "strong"},
		{"the skills list", []string{python}, []string{"AWS"}, "strong"},
		{"another skill listed", []string{python}, []string{"Docker"}, "partial"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := testScorer(t, jd)
			r := resume("e", "E", "X", "Engineer", "2020-01", "", tt.bullets...)
			r.Skills = tt.skills
			c, ok := sc.candidate(r, roleScore{fit: 1})
			if !ok || len(c.Matched) != 1 {
				t.Fatalf("candidate %+v, %v; want the requirement met", c.Matched, ok)
			}
			if got := c.Matched[0].Level; got != tt.want {
				t.Errorf("level %s (%q), want %s", got, c.Matched[0].Text, tt.want)
			}
		})
	}
}
