package match

import "testing"

// TestHedgedLeadAndDegreeSplit pins how hedges are read, from real JDs
// (the SendGrid and Matternet postings of the corpus) and a tryout: the
// items nested under "…, preferably with one or more of these areas:" are
// what it would prefer; "BS degree or equivalent, MS degree preferred"
// asks for the BS and prefers the MS; "not required" hedges; an item
// saying a must and a nice is both; an aside preferring a choice of its
// own ("(Metabase preferred)") leaves the item a must; inline markup and
// pasted markers ("→", "👉", "a.") are not a requirement's words. None of these
// reaches lines without the hedge or without a degree on both sides.
func TestHedgedLeadAndDegreeSplit(t *testing.T) {
	tests := []struct {
		name string
		jd   string
		want map[string]bool // requirement text → must-have
	}{{
		name: "hedged lead",
		jd: "## Requirements\n" +
			"- 10+ years of product management, preferably with one or more of these areas as a focus:\n" +
			"  - SaaS experience\n" +
			"  - Email domain expertise\n" +
			"- Customer focused\n",
		want: map[string]bool{
			"10+ years of product management, preferably with one or more of these areas as a focus:": true,
			"SaaS experience":        false,
			"Email domain expertise": false,
			"Customer focused":       true,
		},
	}, {
		name: "lead without a hedge",
		jd: "## Requirements\n" +
			"- Experience with one or more of:\n" +
			"  - Kafka streaming\n" +
			"- Customer focused\n",
		want: map[string]bool{"Experience with one or more of:": true, "Kafka streaming": true, "Customer focused": true},
	}, {
		name: "degree and a higher one preferred",
		jd:   "## Qualifications\n- BSME / BSEE degree or equivalent, MS degree preferred\n- Team player\n",
		want: map[string]bool{"BSME / BSEE degree or equivalent": true, "MS degree preferred": false, "Team player": true},
	}, {
		name: "only one side a degree",
		jd:   "## Qualifications\n- Degree in Computer Science, Python preferred\n- Team player\n",
		want: map[string]bool{"Degree in Computer Science, Python preferred": false, "Team player": true},
	}, {
		name: "not required",
		jd:   "## Requirements\n- Go\n- Not required: Kubernetes\n- Terraform experience is not required\n",
		want: map[string]bool{"Go": true, "Not required: Kubernetes": false, "Terraform experience is not required": false},
	}, {
		name: "a must and a nice in one item",
		jd:   "## Requirements\n- Must have: Kubernetes. Nice to have: Istio.\n- Go\n",
		want: map[string]bool{"Kubernetes": true, "Istio": false, "Go": true},
	}, {
		// A tryout's JD: a heading naming both needs leaves the items'
		// labels to decide, and a label is no part of what is asked.
		name: "a heading of both needs, items labelled",
		jd: "Requirements (must have / bonus):\n\n- MUST HAVE: 5+ years of B2B sales experience\n" +
			"- MUST HAVE: Experience with CRM software (Salesforce or similar)\n- BONUS: MBA in Marketing\n- Required - Cold calling\n- Plus: Spanish\n",
		want: map[string]bool{"5+ years of B2B sales experience": true, "Experience with CRM software (Salesforce or similar)": true,
			"MBA in Marketing": false, "Cold calling": true, "Spanish": false},
	}, {
		name: "a heading of both needs, items unlabelled",
		jd:   "## Requirements (must have / nice to have)\n- Salesforce\n- Negotiation skills\n",
		want: map[string]bool{"Salesforce": true, "Negotiation skills": true},
	}, {
		name: "a nice heading saying no must",
		jd:   "## Requirements\n- Go\n\n## Bonus (not a must)\n- Rust\n",
		want: map[string]bool{"Go": true, "Rust": false},
	}, {
		name: "an aside preferring a choice, or hedging the whole",
		jd: "## Requirements\n- Experience with BI tools (Metabase preferred)\n- Python (a plus)\n" +
			"- Scala (strongly preferred)\n- SQL (preferred but not required)\n- Degree in CS (or equivalent experience)\n",
		want: map[string]bool{
			"Experience with BI tools (Metabase preferred)": true,
			"Python (a plus)":                         false,
			"Scala (strongly preferred)":              false,
			"SQL (preferred but not required)":        false,
			"Degree in CS (or equivalent experience)": true,
		},
	}, {
		name: "markup and pasted markers",
		jd: "## Requirements\n- Strong experience with **Go** and <b>PostgreSQL</b> &amp; Redis\n" +
			"→ On-call experience\n👉 Python or Go\na. Experience with `dbt`\nb. Snowflake or BigQuery\n",
		want: map[string]bool{
			"Strong experience with Go and PostgreSQL & Redis": true,
			"On-call experience":    true,
			"Python or Go":          true,
			"Experience with dbt":   true,
			"Snowflake or BigQuery": true,
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			jd, err := ParseJD(tt.jd, "markdown")
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]bool{}
			for _, r := range jd.Requirements {
				got[r.Text] = r.MustHave
			}
			if len(got) != len(tt.want) {
				t.Errorf("requirements %v, want %v", got, tt.want)
			}
			for text, must := range tt.want {
				if m, ok := got[text]; !ok || m != must {
					t.Errorf("%q: must-have %v (found %v), want %v; all: %v", text, m, ok, must, got)
				}
			}
		})
	}
}
