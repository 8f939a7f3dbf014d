package match

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"vitae"
)

// feedbackJD asks for data pipelines; streaming and leading are only
// nice to have. It has no title, so role fit takes nothing off: the
// evidence alone makes the first ranking.
const feedbackJD = `## Requirements
- Build data pipelines
## Nice to have
- Kafka streaming
- Lead a team of engineers
`

// feedbackCorpus: three data engineers who lead the first ranking, two
// candidates with the same one pipeline bullet — one whose other work is
// data engineering (alike), one whose other work is sales (unlike, with
// a shorter résumé, so the length factor ranks it first without
// feedback) — and a data engineer with no must-have evidence, only the
// nice-to-have.
var feedbackCorpus = []*vitae.Resume{
	resume("top1", "Top One", "Northwind", "Data Engineer", "2016-01", "",
		"Built data pipelines in Spark and Airflow for the billing warehouse",
		"Modelled the warehouse tables in dbt and Snowflake",
		"Tuned Spark jobs on Hadoop to halve the nightly batch window",
		"Wrote Airflow DAGs that load clickstream events into the data lake"),
	resume("top2", "Top Two", "Contoso", "Data Engineer", "2017-01", "",
		"Built data pipelines that load CDC events from Postgres into Snowflake",
		"Designed dbt models for the finance warehouse",
		"Ran Spark batch jobs over the Hadoop data lake",
		"Orchestrated ETL with Airflow across forty sources"),
	resume("top3", "Top Three", "Fabrikam", "Data Engineer", "2018-01", "",
		"Built data pipelines for the marketing warehouse with Airflow and Spark",
		"Migrated ETL from cron scripts to Airflow DAGs",
		"Partitioned warehouse tables in Snowflake to cut query costs",
		"Maintained the Hadoop data lake and its Hive metastore"),
	resume("alike", "Alike", "Tailspin", "Analytics Engineer", "2019-01", "",
		"Built data pipelines for reporting",
		"Wrote dbt models over the Snowflake warehouse",
		"Scheduled ETL jobs with Airflow on the data lake",
		"Tuned Spark SQL queries over Hive tables",
		"Documented the warehouse lineage"),
	resume("unlike", "Unlike", "Litware", "Sales Engineer", "2019-01", "",
		"Built data pipelines for reporting",
		"Demoed Kafka streaming to enterprise prospects",
		"Closed enterprise deals with regional retailers",
		"Negotiated renewals and upsells with procurement teams",
		"Ran quarterly business reviews with key accounts"),
	// Other careers that build some pipeline or handle some data: the pool
	// a feedback profile stands out from.
	resume("devops", "Devops", "Proseware", "DevOps Engineer", "2014-01", "",
		"Built CI/CD pipelines with Jenkins and GitHub Actions",
		"Led a team of four platform engineers",
		"Wrote Terraform modules for every AWS account"),
	resume("civil", "Civil", "Wingtip", "Civil Engineer", "2013-01", "",
		"Built gas pipelines across three counties",
		"Surveyed river crossings for the pipeline route",
		"Led a team of six field engineers"),
	resume("nurse", "Nurse", "Margie", "Charge Nurse", "2012-01", "",
		"Collected patient data for the falls study",
		"Led a team of nurses on the night shift",
		"Reduced patient falls by a third"),
	resume("teacher", "Teacher", "Lucerne", "Math Teacher", "2011-01", "",
		"Built a data literacy course for ninth graders",
		"Led a team of student engineers to the robotics finals",
		"Graded coursework for a hundred and twenty students"),
	resume("chef", "Chef", "Coho", "Head Chef", "2010-01", "",
		"Built the supplier pipeline for seasonal produce",
		"Led a team of twelve cooks",
		"Cut food waste by a fifth with daily stock counts"),
	resume("writer", "Writer", "Humongous", "Technical Writer", "2016-01", "",
		"Documented data pipelines for the developer portal",
		"Wrote API references for the payments platform",
		"Led a team of three writers embedded with engineers"),
	resume("none", "None", "Adatum", "Warehouse Analyst", "2015-01", "",
		"Ran Kafka streaming consumers into the Snowflake warehouse",
		"Tuned Spark SQL queries over Hive tables",
		"Modelled warehouse tables in dbt",
		"Administered the Snowflake warehouse and its Airflow scheduler"),
}

// TestFeedbackLiftsAlikeNeverOverMustHaves: with feedback a candidate
// whose career resembles the top ones (alike) rises past one with more
// evidence and another career (unlike); a candidate without must-have
// evidence whose career resembles them too (none) may then outscore
// candidates with must-have evidence but never ranks above them; every
// score is the one its explain gives. Feedback is deterministic: the
// same answer twice.
func TestFeedbackLiftsAlikeNeverOverMustHaves(t *testing.T) {
	eng := newIndexWith(t, feedbackCorpus).b
	for _, tt := range []struct {
		name       string
		feedback   float64
		alikeFirst bool // alike ranks above unlike
		noneOver   bool // none scores above some candidate with must-have evidence
	}{
		{"off", 0, false, false},
		{"half", 0.5, false, true},
		{"full", 1, true, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m := New(eng, Options{SemanticRatio: 0.5, Feedback: tt.feedback, FeedbackTop: 3})
			res, err := m.Match(context.Background(), Request{JobDescription: feedbackJD, Limit: 20})
			if err != nil {
				t.Fatal(err)
			}
			if res.Degraded {
				t.Fatalf("degraded: %s", res.DegradedReason)
			}
			mustHavesFirst(t, res.Candidates)
			at := map[string]int{}
			for i, c := range res.Candidates {
				at[c.ResumeID] = i
				if (c.Explain.Feedback != nil) != (tt.feedback > 0) {
					t.Errorf("%s: explain.feedback %v with feedback %v", c.ResumeID, c.Explain.Feedback, tt.feedback)
				}
				if c.Score != Rescore(c.Explain, res.Weights) {
					t.Errorf("%s: score %v, from its explain %v", c.ResumeID, c.Score, Rescore(c.Explain, res.Weights))
				}
				if tt.feedback > 0 && !strings.Contains(c.Explain.Formula, "; then score "+ftoa(c.Score)+" = ") {
					t.Errorf("%s: formula %q does not end with the score shown, %v", c.ResumeID, c.Explain.Formula, c.Score)
				}
			}
			for _, id := range []string{"alike", "unlike", "none"} {
				if _, ok := at[id]; !ok {
					t.Fatalf("%s not ranked", id)
				}
			}
			none := res.Candidates[at["none"]]
			if none.Explain.MustEvident {
				t.Fatalf("none has must-have evidence: %+v", none.Matched)
			}
			if got := at["alike"] < at["unlike"]; got != tt.alikeFirst {
				t.Errorf("alike at %d, unlike at %d; want alike first: %v", at["alike"]+1, at["unlike"]+1, tt.alikeFirst)
			}
			over := false
			for _, c := range res.Candidates {
				over = over || c.Explain.MustEvident && none.Score > c.Score
			}
			if over != tt.noneOver {
				t.Errorf("none (score %v) outscores a candidate with must-have evidence: %v, want %v", none.Score, over, tt.noneOver)
			}
			again, err := m.Match(context.Background(), Request{JobDescription: feedbackJD, Limit: 20})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(res.Candidates, again.Candidates); diff != "" {
				t.Errorf("second match differs (-first +second):\n%s", diff)
			}
		})
	}
}

// TestIssueJDMustHavesFirstWithFeedback: issue #14's ordering property
// holds on the corpus with candidate feedback at its strongest, and each
// candidate's score is the one its explain gives.
func TestIssueJDMustHavesFirstWithFeedback(t *testing.T) {
	def := corpusMatcher(t)
	o := def.opts
	o.StrongGate, o.Feedback = true, 1
	res, err := New(def.b, o).Match(context.Background(), Request{JobDescription: issueJD, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if res.Degraded {
		t.Fatalf("degraded: %s", res.DegradedReason)
	}
	if len(res.Candidates) < 10 {
		t.Fatalf("%d candidates, want at least 10", len(res.Candidates))
	}
	mustHavesFirst(t, res.Candidates)
	read := 0
	for _, c := range res.Candidates {
		if c.Explain.Feedback == nil {
			t.Fatalf("%s: no explain.feedback", c.ResumeID)
		}
		if *c.Explain.Feedback > 0 {
			read++
		}
		if c.Score != Rescore(c.Explain, res.Weights) || c.Fit != int(math.Round(c.Score*100)) {
			t.Errorf("%s: score %v, fit %d, from its explain %v", c.ResumeID, c.Score, c.Fit, Rescore(c.Explain, res.Weights))
		}
	}
	if read < 5 {
		t.Errorf("%d candidates read near the feedback profile, want at least 5", read)
	}
}

// TestFeedbackWhereItApplies: a JD that asks for no must-have takes the
// first ranking's best by score as the feedback profile (the answer is
// not degraded: nothing asked was missing), and the jobs a person fits,
// one résumé graded against a job, read no feedback and claim none.
func TestFeedbackWhereItApplies(t *testing.T) {
	eng := newIndexWith(t, feedbackCorpus).b
	m := New(eng, Options{SemanticRatio: 0.5, Feedback: 0.3, FeedbackTop: 3})
	const niceOnly = "## Nice to have\n- Build data pipelines\n- Kafka streaming\n"
	res, err := m.Match(context.Background(), Request{JobDescription: niceOnly, Limit: 20})
	if err != nil {
		t.Fatal(err)
	}
	if res.Degraded {
		t.Errorf("a JD without must-haves: degraded: %s", res.DegradedReason)
	}
	read := 0
	for _, c := range res.Candidates {
		if c.Explain.Feedback != nil {
			read++
		}
	}
	if read == 0 {
		t.Errorf("a JD without must-haves: no candidate read against a feedback profile")
	}

	fit, err := m.Fit(context.Background(), Request{JobDescription: feedbackJD}, "alike")
	if err != nil {
		t.Fatal(err)
	}
	if fit.Weights.Feedback != 0 || fit.Weights.FeedbackTop != 0 || strings.Contains(fit.FitDefinition, "feedback") {
		t.Errorf("the jobs a person fits claim feedback: weights %+v, definition %q", fit.Weights, fit.FitDefinition)
	}
	for _, c := range fit.Candidates {
		if c.Explain.Feedback != nil || strings.Contains(c.Explain.Formula, "feedback") {
			t.Errorf("%s: feedback in a fit: %v, %q", c.ResumeID, c.Explain.Feedback, c.Explain.Formula)
		}
	}
}
