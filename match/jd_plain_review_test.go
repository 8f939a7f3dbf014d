package match

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestParseJDPlainReview: the plain-line cases a review and a user tryout
// of the plain-line reading found wrong, one rule each; every case fails
// without its rule.
func TestParseJDPlainReview(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		// Lines outside a named section do not make a prose JD a list.
		{
			"a company and location header over prose: the prose is the JD",
			"Senior SRE\nAcme Payments\nBerlin, Germany (Hybrid)\n\nYou will own our Kubernetes clusters. You will run the on-call rotation. You know Prometheus well.\n",
			[]string{"must: You will own our Kubernetes clusters", "must: You will run the on-call rotation", "must: You know Prometheus well"},
		},
		{
			"a Full-time / Remote header",
			"Platform Engineer\nFull-time\nRemote\n\nYou will own our Kubernetes clusters. You know Terraform well.\n",
			[]string{"must: You will own our Kubernetes clusters", "must: You know Terraform well"},
		},
		{
			"lone dashes between paragraphs are not items",
			"Platform Engineer\n\nYou will own our Kubernetes clusters.\n–\nYou know Terraform well.\n–\n",
			[]string{"must: You will own our Kubernetes clusters", "must: You know Terraform well"},
		},
		// A hard-wrapped paragraph is one paragraph.
		{
			"prose wrapped at 80 before capitalised words",
			"Platform Engineer\n\nYou will run our services on Kubernetes in production across AWS and Google\nCloud, and you will own the Terraform code that builds them. You know\nPrometheus and PagerDuty well. Experience with PostgreSQL replication is a\nplus.\n",
			[]string{"must: You will run our services on Kubernetes in production across AWS and Google Cloud, and you will own the Terraform code that builds them", "must: You know Prometheus and PagerDuty well", "nice: Experience with PostgreSQL replication is a plus"},
		},
		// A lower-case start joins only a full line, and not a name.
		{
			"list lines that start lower-case",
			"Data Engineer\n\nRequirements\nExperience building data pipelines in Python or Scala\ndbt and Snowflake in production\niOS or Android development experience\neBPF tracing\n",
			[]string{"must: Experience building data pipelines in Python or Scala", "must: dbt and Snowflake in production", "must: iOS or Android development experience", "must: eBPF tracing"},
		},
		{
			"a lower-case line after a marked item",
			"Data Engineer\n\nRequirements\n- Experience building data pipelines in Python or Scala\ndbt and Snowflake in production\n- Kubernetes\n",
			[]string{"must: Experience building data pipelines in Python or Scala", "must: dbt and Snowflake in production", "must: Kubernetes"},
		},
		// Whether a line goes on is read from the last raw line, not the join.
		{
			"a joined line is not full because it is long",
			"Designer\n\nRequirements\nExperience designing a simple experience for our users\nand partners, and\nDeliver mockups and prototypes quickly and reliably.\nFigma\n",
			[]string{"must: Experience designing a simple experience for our users and partners, and", "must: Deliver mockups and prototypes quickly and reliably", "must: Figma"},
		},
		// Items under a named section.
		{
			"items of several sentences under a named heading",
			"Operations Engineer\n\nYour Opportunity:\nAutomation. Automation. Automation. Develop software that drives availability\nYou will take part in the on-call rotation. You will make on-call the best part of the job.\nContribute to tools for metrics gathering and orchestration.\n\nRequirements\n- Python\n",
			[]string{"must: Automation. Automation. Automation. Develop software that drives availability", "must: You will take part in the on-call rotation. You will make on-call the best part of the job", "must: Contribute to tools for metrics gathering and orchestration", "must: Python"},
		},
		{
			"long unended items alone under Responsibilities",
			"Platform Engineer\n\nResponsibilities\n\nBuild and operate our Kubernetes platform across three regions\n\nOwn the CI/CD pipelines for forty services\n\nRequirements\n\n- Terraform\n",
			[]string{"must: Build and operate our Kubernetes platform across three regions", "must: Own the CI/CD pipelines for forty services", "must: Terraform"},
		},
		// Headings.
		{
			"a plain line between items is an item, not a heading",
			"SRE\n\nRequirements\n- Kubernetes\nPostgreSQL tuning\nTerraform modules\n- Docker\n",
			[]string{"must: Kubernetes", "must: PostgreSQL tuning", "must: Terraform modules", "must: Docker"},
		},
		{
			"pdftotext bullets alone on their lines",
			"SRE\n\nRequirements\n•\nFive years running Kubernetes in production\n•\nTerraform\n•\nGo or Python\n",
			[]string{"must: Five years running Kubernetes in production", "must: Terraform", "must: Go or Python"},
		},
		{
			"skill lines in capitals under a named section",
			"Backend Engineer\n\nREQUIREMENTS\nGo in production\nAWS EC2\nSQL AND PYTHON\nISO 26262\n\nNICE TO HAVE\nTerraform\n",
			[]string{"must: Go in production", "must: AWS EC2", "must: SQL AND PYTHON", "must: ISO 26262", "nice: Terraform"},
		},
		// Page and letter furniture.
		{
			"LinkedIn's job criteria",
			"Site Reliability Engineer\n\nWhat you bring\n5+ years in SRE or DevOps\nStrong Go or Python\n\nShow more\nShow less\nSeniority level\nMid-Senior level\nEmployment type\nFull-time\nJob function\nEngineering and Information Technology\nIndustries\nSoftware Development\n",
			[]string{"must: 5+ years in SRE or DevOps", "must: Strong Go or Python"},
		},
		{
			"Indeed's schedule, pay and work location",
			"Backend Engineer\n\nQualifications:\nExperience with PostgreSQL\nGo in production\n\nPay: $140,000.00 - $170,000.00 per year\n\nSchedule:\n8 hour shift\nMonday to Friday\n\nWork Location: Hybrid remote in Austin, TX 78701\n",
			[]string{"must: Experience with PostgreSQL", "must: Go in production"},
		},
		{
			"an e-mail's greeting, quote marks, sign-off and signature",
			"> Hi Anna,\n>\n> We need a backend developer in Munich. You know Go well.\n>\n> Best regards,\n> Tom Smith\n> Recruiter, Acme Talent\n",
			[]string{"must: We need a backend developer in Munich", "must: You know Go well"},
		},
		{
			"a signature line without a sign-off",
			"Backend Engineer\n\nRequirements\nGo in production\nKafka\n\nJane Doe | Head of Talent | Acme Corp\n",
			[]string{"must: Go in production", "must: Kafka"},
		},
		// Inline headings and short JDs.
		{
			"a heading and its list on one line",
			"Requirements: Go, Kubernetes, Terraform\nNice to have: Rust\n",
			[]string{"must: Go, Kubernetes, Terraform", "nice: Rust"},
		},
		{
			"inline bullets",
			"Senior Go Engineer\n\nRequirements: • 5+ years of Go • Kubernetes in production\n",
			[]string{"must: 5+ years of Go", "must: Kubernetes in production"},
		},
		{
			"inline headings after a skipped section",
			"Senior Data Engineer\n\nAbout us\nAcme is a payments company in Berlin.\n\nWhat you will do: build pipelines in Airflow\nWhat we are looking for: SQL and Python\n",
			[]string{"must: build pipelines in Airflow", "must: SQL and Python"},
		},
		{
			"an item that starts with a heading word stays whole",
			"Designer\n\nNice to have\n- Figma\nPlus: B2B design experience\n",
			[]string{"nice: Figma", "nice: B2B design experience"},
		},
		{
			"a title and one line of skills",
			"Senior Go Engineer\nKubernetes, Terraform, AWS\n",
			[]string{"must: Kubernetes, Terraform, AWS"},
		},
		{
			"one line with a heading word",
			"Experience leading a team",
			[]string{"must: Experience leading a team"},
		},
		{
			"a bare years sentence is the JD's years, not a requirement",
			"Looking for a backend engineer: Go, Postgres, Kafka. 3+ years.",
			[]string{"must: Looking for a backend engineer: Go, Postgres, Kafka"},
		},
		// A section switch inside an inline heading's line.
		{
			"an inline switch to nice-to-have after a semicolon",
			"Senior Go Engineer\n\nRequirements: Go; Nice to have: Rust\n",
			[]string{"must: Go", "nice: Rust"},
		},
		{
			"an inline switch after a full stop",
			"Senior Go Engineer\n\nMust have: Go, Kubernetes. Nice to have: Rust.\n",
			[]string{"must: Go, Kubernetes", "nice: Rust"},
		},
		{
			"an inline switch to inline bullets",
			"Senior Go Engineer\n\nRequirements: • Go • Kubernetes; nice to have: • Rust • Terraform\n",
			[]string{"must: Go", "must: Kubernetes", "nice: Rust", "nice: Terraform"},
		},
		{
			"a run of inline headings, the last one with a full stop",
			"Senior Go Engineer\n\nRequirements: Go, Kubernetes\nNice to have: Rust.\n",
			[]string{"must: Go, Kubernetes", "nice: Rust"},
		},
		{
			"a run of inline headings, the first one with a full stop",
			"Senior Go Engineer\n\nRequirements: Go, Kubernetes.\nNice to have: Rust\n",
			[]string{"must: Go, Kubernetes", "nice: Rust"},
		},
		// review22a: a section of several sentences in a run or after a
		// switch lists each sentence.
		{
			"a run of inline headings, a section of two sentences",
			"Senior Engineer\n\nRequirements: Go. Kubernetes.\nNice to have: Rust.\n",
			[]string{"must: Go", "must: Kubernetes", "nice: Rust"},
		},
		{
			"a run of inline headings, the last section of two sentences",
			"Senior Engineer\n\nRequirements: Go.\nNice to have: Rust. Terraform.\n",
			[]string{"must: Go", "nice: Rust", "nice: Terraform"},
		},
		{
			"a switch to a section of two sentences",
			"Senior Engineer\n\nRequirements: Go. Nice to have: Rust. Terraform.\n",
			[]string{"must: Go", "nice: Rust", "nice: Terraform"},
		},
		{
			"an inline heading alone keeps its prose and the JD's",
			"Senior Go Engineer\n\nWe are a payments company. You will run Kubernetes.\n\nRequirements: You know Go well.\n",
			[]string{"must: We are a payments company", "must: You will run Kubernetes", "must: You know Go well"},
		},
		{
			"nice to have mid-sentence is no switch",
			"Senior Go Engineer\n\nRequirements: Go in production; Rust would be nice to have: we use it in the agent\n",
			// … and its two parts differ in need: two requirements.
			[]string{"must: Go in production", "nice: Rust would be nice to have: we use it in the agent"},
		},
		{
			"a line that requires one thing and prefers another is two requirements",
			"Senior Product Manager\n\nRequirements\n- Undergrad degree required; MBA a plus\n- Design APIs; own their uptime\n",
			[]string{"must: Undergrad degree required", "nice: MBA a plus", "must: Design APIs; own their uptime"},
		},
		{
			"a heading word after a full stop but no colon is no switch",
			"Senior Go Engineer\n\nRequirements: Go in production. Bonus points for Rust\n",
			[]string{"nice: Go in production. Bonus points for Rust"},
		},
		{
			"a heading word in brackets is no switch",
			"Senior Go Engineer\n\nRequirements: Go (e.g. Nice to have: Rust)\n",
			[]string{"must: Go (e.g. Nice to have: Rust)"}, // the aside prefers a choice of its own (niceText)
		},
		// review22b: an inline heading's sentences above a list are its
		// section's content, not blurb the list drops.
		{
			"an inline heading's sentences above a list",
			"Senior Engineer\n\nRequirements: Go. Kubernetes.\n\n- Terraform\n",
			[]string{"must: Go", "must: Kubernetes", "must: Terraform"},
		},
		// review22b: a hashtag is no Markdown heading, nor is "#1".
		{"a hashtag one-liner", "#golang developers wanted", []string{"must: golang developers wanted"}},
		{"a rank one-liner", "#1 priority is Go in production", []string{"must: 1 priority is Go in production"}},
		// review22b: abbreviated years and minimums end no sentence.
		{
			"yrs. and min. inside a sentence",
			"Backend Engineer\n\nWe need min. 5 yrs. of Go in production. You know Kubernetes well.\n",
			[]string{"must: We need min. 5 yrs. of Go in production", "must: You know Kubernetes well"},
		},
		// Bold labels with their colon inside.
		{
			"bold headings with the colon inside",
			"Backend Engineer\n\n**What you'll do:**\n- Build pipelines\n\n**Nice to have:**\n- Rust\n",
			[]string{"must: Build pipelines", "nice: Rust"},
		},
		{
			"a bold label that names no section stays in its section",
			"Backend Engineer\n\n**Nice to have:**\n- Rust\n\n**Class size:**\n- Terraform\n",
			[]string{"nice: Rust", "nice: Terraform"},
		},
		// A label item opens a section for the items under it (stop 28:
		// "+ Bonus:" over nested items left them must-haves).
		{
			"a label item over nested items",
			"## Requirements\n+ Go in production\n+ Bonus:\n   + Kafka in production\n   +\tRust\n+ Terraform\n",
			[]string{"must: Go in production", "nice: Kafka in production", "nice: Rust", "must: Terraform"},
		},
		{
			"a label item over the rest of a flat list",
			"## Requirements\n- Go in production\n- **Nice to have:**\n- Rust\n- Kafka\n\n## Responsibilities\n- Run the on-call rotation\n",
			[]string{"must: Go in production", "nice: Rust", "nice: Kafka", "must: Run the on-call rotation"},
		},
		{
			"a label and its item on one line",
			"## Requirements\n- Go in production\n- Bonus: Rust\n- Kafka\n",
			[]string{"must: Go in production", "nice: Rust", "must: Kafka"},
		},
		{
			"an item ending in a colon that is no label",
			"## Requirements\n- Experience with one of:\n  - Go\n  - Rust\n",
			[]string{"must: Experience with one of:", "must: Go", "must: Rust"},
		},
		// A heading alone asks for nothing.
		{"a heading alone with a colon", "Requirements:\n", nil},
		{"a heading alone without one", "\nNice to have\n\n", nil},
		{"a Markdown heading alone", "## Requirements", nil},
		{"a bold heading alone", "**What you'll do:**", nil},
		// A Markdown heading alone is the title of a JD that asks nothing
		// yet, a section word in it or not; a plain line alone asks for it.
		{"a Markdown title alone that holds a section word", "# Requirements Engineer", nil},
		{"a Markdown title alone", "# Senior Go Engineer", nil},
		{"a plain line alone", "Senior Go Engineer", []string{"must: Senior Go Engineer"}},
		{"a title and one item", "# Senior Go Engineer\n\n- Go", []string{"must: Go"}},
		// Hard-wrapped prose joins whatever the wrap width.
		{
			"prose wrapped at 22 columns",
			"Platform Engineer\n\nYou will run our\nservices on Kubernetes\nin production and own\nthe Terraform code\nthat builds them. You\nknow Prometheus well.\n",
			[]string{"must: You will run our services on Kubernetes in production and own the Terraform code that builds them", "must: You know Prometheus well"},
		},
		{
			"prose wrapped at 20 columns under a heading, a sentence ending a line",
			"Platform Engineer\n\nAbout the role:\nYou will own the\nTerraform code for\nour cloud.\nExperience with\nPostgreSQL is a\nplus.\n",
			[]string{"must: You will own the Terraform code for our cloud", "nice: Experience with PostgreSQL is a plus"},
		},
		// review22a: a list of short lines, lower-case and ending with a
		// full stop, is no paragraph.
		{
			"a short lower-case list ending with a full stop",
			"Data Engineer\n\nRequirements\nPython\nsql and dbt\nairflow.\n",
			[]string{"must: Python", "must: sql and dbt", "must: airflow"},
		},
		{
			"a short list under a lead-in, ending with a full stop",
			"Data Engineer\n\nWhat you bring\nSQL\ndbt and Airflow\nstrong communication.\n",
			[]string{"must: SQL", "must: dbt and Airflow", "must: strong communication"},
		},
		{
			"a short list line cut at a word that cannot end it goes on",
			"Backend Engineer\n\nRequirements\nExperience with\ndistributed systems\nGo, Python,\nor Rust in production\nKafka\n",
			[]string{"must: Experience with distributed systems", "must: Go, Python, or Rust in production", "must: Kafka"},
		},
		{
			"short list lines that start lower-case stay items",
			"Data Engineer\n\nRequirements\npython\nsql and dbt\nairflow\n",
			[]string{"must: python", "must: sql and dbt", "must: airflow"},
		},
		{
			"a lower-case list under its heading stays items though the last ends a sentence",
			"Platform Engineer\n\nResponsibilities\nbuild pipelines\nown the on-call\nwrite runbooks.\n",
			[]string{"must: build pipelines", "must: own the on-call", "must: write runbooks"},
		},
		{
			"short capitalised list lines stay items",
			"Backend Engineer\n\nRequirements\nGo in production\nKafka\nDocker.\n",
			[]string{"must: Go in production", "must: Kafka", "must: Docker"},
		},
		// Line ends and markers.
		{
			"lone carriage returns end lines",
			"Senior Backend Engineer\rRequirements\rGo in production\rKubernetes operators\r",
			[]string{"must: Go in production", "must: Kubernetes operators"},
		},
		{
			"markers with a no-break space, none, or Wingdings",
			"Backend Engineer\n\nRequirements\n•\u00a0Go in production\n•Kubernetes operators\n\uf0a7 Terraform modules\n\uf0d8 Docker images\n",
			[]string{"must: Go in production", "must: Kubernetes operators", "must: Terraform modules", "must: Docker images"},
		},
		// Rules of the plain-line reading that had no case.
		{
			"an About heading names little else",
			"Backend Engineer\n\nAbout Riverty\nWe build payments for Europe\nOur office is in Berlin\n\nRequirements\nGo in production\nKafka\n",
			[]string{"must: Go in production", "must: Kafka"},
		},
		{
			"a heading in capitals ends a skipped section",
			"Backend Engineer\n\nBenefits\nFree lunch every day\n\nTHE TEAM ROOM\nGo in production\nKafka\n",
			[]string{"must: Go in production", "must: Kafka"},
		},
		{
			"a line after an item introduces a paragraph",
			"Backend Engineer\n\nRequirements\n- Go in production\nOur stack\nWe run Go services on Kubernetes.\n",
			[]string{"must: Go in production"},
		},
		{
			"a hard-wrapped paragraph cut before a capitalised word at a sentence's end",
			"Platform Engineer\n\nYou will run our services on Kubernetes in production across AWS and Google\nCloud. You will own the Terraform code that builds them, in every region\nWe run. Experience with PostgreSQL replication is a plus.\n",
			[]string{"must: You will run our services on Kubernetes in production across AWS and Google Cloud", "must: You will own the Terraform code that builds them, in every region We run", "nice: Experience with PostgreSQL replication is a plus"},
		},
		{
			"an indented line continues a marked item",
			"Backend Engineer\n\nRequirements\n- Go in production\n  services\n- Kafka\n",
			[]string{"must: Go in production services", "must: Kafka"},
		},
		{
			"a line ending with e.g. goes on",
			"Backend Engineer\n\nRequirements\nExperience with message brokers and streaming platforms, e.g.\nKafka or Pulsar, in production for several years at scale\nGo\n",
			[]string{"must: Experience with message brokers and streaming platforms, e.g. Kafka or Pulsar, in production for several years at scale", "must: Go"},
		},
		{
			"a line ending with ';' is a list line unless wrapped",
			"Backend Engineer\n\nRequirements\nExperience running Go services in production at scale;\n(Kafka and Postgres at scale);\nA calm head on call\n",
			[]string{"must: Experience running Go services in production at scale;", "must: (Kafka and Postgres at scale);", "must: A calm head on call"},
		},
		{
			"a heading with a note in brackets",
			"Backend Engineer\n\nAbout You (Must Haves - the person in this role must have)\nGo in production\nKafka\n",
			[]string{"must: Go in production", "must: Kafka"},
		},
		{
			"a full line left with a bracket open goes on",
			"Backend Engineer\n\nRequirements\nFive years of experience with relational databases (PostgreSQL, SQL Server\nOracle and DB2) in a production environment with heavy traffic\nKafka\n",
			[]string{"must: Five years of experience with relational databases (PostgreSQL, SQL Server Oracle and DB2) in a production environment with heavy traffic", "must: Kafka"},
		},
		{
			"a full line ending with a comma goes on",
			"Backend Engineer\n\nRequirements\nFive years of experience building services with Go, Java or Kotlin,\nPostgres and Kafka in a production environment with heavy traffic\nTerraform\n",
			[]string{"must: Five years of experience building services with Go, Java or Kotlin, Postgres and Kafka in a production environment with heavy traffic", "must: Terraform"},
		},
		{
			"a short line ending with a comma does not",
			"Backend Engineer\n\nRequirements\nGo, Java,\nKafka\nFive years of experience building services in a production environment with heavy traffic\n",
			[]string{"must: Go, Java,", "must: Kafka", "must: Five years of experience building services in a production environment with heavy traffic"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, requirementsOf(t, tt.text)); diff != "" {
				t.Errorf("requirements (-want +got):\n%s", diff)
			}
		})
	}
}

// TestParseJDBareYears: "3+ years." sets the JD's years.
func TestParseJDBareYears(t *testing.T) {
	jd, err := ParseJD("Looking for a backend engineer: Go, Postgres, Kafka. 3+ years.", "")
	if err != nil {
		t.Fatal(err)
	}
	if jd.YearsRequired != 3 {
		t.Errorf("years required %v, want 3", jd.YearsRequired)
	}
}

// TestParseJobJSONSkillWithoutKeywords: a skill group without keywords
// reads as the skill, not "Kubernetes ()".
func TestParseJobJSONSkillWithoutKeywords(t *testing.T) {
	jd, err := ParseJD(`{"title":"SRE","skills":[{"name":"Kubernetes"},{"name":"Cloud","keywords":["AWS","GCP"]}]}`, "json")
	if err != nil {
		t.Fatal(err)
	}
	got := requirementTexts(jd)
	if want := "Experience with Kubernetes|Experience with Cloud (AWS, GCP)"; strings.Join(got, "|") != want {
		t.Errorf("requirements %q, want %q", got, want)
	}
}

// TestSemicolonInBrackets: a ";" inside brackets does not cut a line
// into requirements, whatever their need.
func TestSemicolonInBrackets(t *testing.T) {
	got := requirementsOf(t, "Engineer\n\nRequirements\n- Experience with a cloud provider (AWS preferred; GCP fine)\n")
	for _, r := range got {
		if strings.Count(r, "(") != strings.Count(r, ")") || strings.HasPrefix(r, "must: GCP") {
			t.Errorf("requirements %q: a parenthesis split", got)
			break
		}
	}
}
