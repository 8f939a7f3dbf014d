package match

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"vitae"
	"vitae/ingest"
)

// warningCodes parses text as a job description and returns its warnings'
// codes that judge the text (a résumé, not English).
func warningCodes(tb testing.TB, text string) []string {
	tb.Helper()
	jd, err := ParseJD(text, "")
	if err != nil {
		tb.Fatalf("ParseJD: %v", err)
	}
	var codes []string
	for _, w := range jd.Warnings {
		if w.Code == "" || w.Message == "" {
			tb.Errorf("warning %+v lacks a code or a message", w)
		}
		// requirements_dropped counts, it does not judge the text: a
		// real job past the cap has it rightly (TestCapKeepsWhatSaysMost).
		if w.Code != WarnDropped {
			codes = append(codes, w.Code)
		}
	}
	return codes
}

// evalJDs reads the job descriptions of the dev and train sets (never the
// held-out one) and returns them by id.
func evalJDs(tb testing.TB) map[string]string {
	tb.Helper()
	jds := map[string]string{}
	for _, path := range []string{"../eval/jobs-dev.jsonl", "../eval/jobs-train.jsonl"} {
		f, err := os.Open(path)
		if err != nil {
			tb.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 4<<20)
		for sc.Scan() {
			var j struct {
				ID             string `json:"id"`
				JobDescription string `json:"job_description"`
			}
			if err := json.Unmarshal(sc.Bytes(), &j); err != nil {
				tb.Fatalf("%s: %v", path, err)
			}
			jds[j.ID] = j.JobDescription
		}
		f.Close()
		if err := sc.Err(); err != nil {
			tb.Fatalf("%s: %v", path, err)
		}
	}
	return jds
}

// TestWarningsSpareJobs: no job description of the dev and train sets, the
// JD parser's test files or the example job is warned about; a warning
// on a real job would teach people to ignore it.
func TestWarningsSpareJobs(t *testing.T) {
	jds := evalJDs(t)
	if len(jds) < 20 {
		t.Fatalf("read %d eval job descriptions, want the dev and train sets", len(jds))
	}
	files, _ := filepath.Glob("testdata/jd/*.*")
	examples, _ := filepath.Glob("../examples/jobs/*.md")
	for _, f := range append(files, examples...) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		jds[f] = string(b)
	}
	warned := 0
	for name, text := range jds {
		if codes := warningCodes(t, text); len(codes) > 0 {
			warned++
			t.Errorf("%s: warnings %v, want none", name, codes)
		}
	}
	t.Logf("%d of %d job descriptions warned about", warned, len(jds))
}

// resumeText is a résumé file as a person would paste it: text, Markdown,
// HTML and PDF as they are (ParseJD reads a page's and a PDF's text);
// JSON, YAML and DOCX as the text of their roles, dates and bullets.
func resumeText(tb testing.TB, path string) string {
	tb.Helper()
	switch filepath.Ext(path) {
	case ".txt", ".md", ".html", ".pdf":
		b, err := os.ReadFile(path)
		if err != nil {
			tb.Fatal(err)
		}
		return string(b)
	}
	r, err := ingest.File(path, ingest.Options{})
	if err != nil {
		tb.Fatalf("ingest %s: %v", path, err)
	}
	return plainResume(r)
}

// plainResume writes a résumé as plain text: name, headline, then each
// role's title, employer and dates over its bullets, then skills.
func plainResume(r *vitae.Resume) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n%s\n\nExperience\n", r.Person, r.Label)
	role := ""
	for _, bl := range r.Bullets {
		if key := bl.Role + bl.Company + bl.Start; key != role {
			role = key
			end := bl.End
			if end == "" {
				end = "Present"
			}
			fmt.Fprintf(&b, "\n%s, %s\n%s – %s\n", bl.Role, bl.Company, bl.Start, end)
		}
		fmt.Fprintf(&b, "- %s\n", bl.Text)
	}
	fmt.Fprintf(&b, "\nSkills\n%s\n", strings.Join(r.Skills, ", "))
	return b.String()
}

// TestWarningsOfResumes: every sample résumé, pasted as the job
// description, is warned about as a résumé, and only as that.
func TestWarningsOfResumes(t *testing.T) {
	files, _ := filepath.Glob("../data/*")
	if len(files) < 10 {
		t.Fatalf("found %d sample résumés in data/", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			codes := warningCodes(t, resumeText(t, f))
			if strings.Join(codes, ",") != WarnResume {
				t.Errorf("warnings %v, want [%s]", codes, WarnResume)
			}
		})
	}
}

// TestWarningsOfResumeSigns: the signs one at a time are not enough, two
// kinds are, and a job's asking outweighs a few.
func TestWarningsOfResumeSigns(t *testing.T) {
	tests := []struct {
		name, text string
		want       bool
	}{
		{"dated roles and achievements", "Jordan Lee\n\nSRE Manager, Northwind\nMar 2020 – Present\n- Led a team of six\n- Cut paging by 45%\n- Built the on-call rota\n\nEngineer, Contoso\n2016 - 2020\n- Automated failover\n", true},
		{"a résumé in prose, first person", "Principal Engineer • Jan 2016 — Aug 2018\nI joined Planet to build its imagery services. My focus was the analytics platform, and I led the team that ran it.\n\nEngineering Team Lead • Nov 2013 — Dec 2015\nI defined the architecture of Tectonic and built the team around it.\n", true},
		{"sections, achievements and a dated role", "# Experience\nSRE, Northwind, 2019 – 2023\n- Migrated 120 services to Kubernetes\n- Reduced cloud spend by 30%\n- Designed the alerting rules\n# Education\nBSc Computer Science\n# Skills\nGo, Terraform\n", true},
		// A job's headings and deeds, no person (review of stop 24).
		{"sections and achievements, no dated role", "# Experience\n- Migrated 120 services to Kubernetes\n- Reduced cloud spend by 30%\n- Designed the alerting rules\n# Education\nBSc Computer Science\n# Skills\nGo, Terraform\n", false},
		{"a job's résumé headings", "# Data Analyst\n## Summary\nAcme is hiring a data analyst for its finance team.\n## Experience\n- Worked with SQL and Python on reporting\n- Managed requests from several teams\n- Supported the month-end close with dashboards\n## Education\n- A degree in a quantitative field preferred\n## Skills\n- SQL, Excel, Tableau\n", false},
		{"a contract's phases", "# Contract Backend Engineer\nThree phases:\n- Phase 1, Jan 2025 – Mar 2025: designed the API with the team\n- Phase 2, Apr 2025 – Jun 2025: migrated the services to Go\n- Phase 3, Jul 2025 – Sep 2025: handed over to operations\n## Requirements\n- 5+ years of Go\n", false},
		{"achievements alone", "- Migrated 120 services to Kubernetes\n- Reduced cloud spend by 30%\n- Designed the alerting rules\n", false},
		{"dated lines alone", "Our history\nFounded 2009 – 2012 in a garage\nSeries A 2014 - 2015\n", false},
		{"a job asking, with a dated line", "# SRE\nWe are looking for an SRE. You will run Kubernetes.\n## Requirements\n- You must have 5+ years of Linux\n- Experience with Terraform is required\n- Contract: Jan 2026 – Dec 2026\n- Led incident reviews (preferred)\n", false},
		{"a job's perks and blurb", "- Founded in 2009, we serve 80,000 customers\n- Catered lunch every day\n- Unlimited paid time off\n- Led by repeat entrepreneurs\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := readResumeSigns(strings.Split(tt.text, "\n"))
			if got := s.looksLikeResume(); got != tt.want {
				t.Errorf("looks like a résumé: %v, want %v (signs %+v, score %d)", got, tt.want, s, s.score())
			}
		})
	}
}

// TestWarningsOfLanguages: job descriptions in German, French, Spanish
// and Japanese are warned about, naming the language where one is read,
// short ones too (stop 28: "## Anforderungen" and one item was not);
// English with a few foreign words, a place's name, and a list too short
// to tell, are not.
func TestWarningsOfLanguages(t *testing.T) {
	tests := []struct {
		file, text string
		want       string // in the message; "" for no warning
	}{
		{file: "de-sre.md", want: "German"},
		{file: "fr-data.md", want: "French"},
		{file: "es-backend.txt", want: "Spanish"},
		{file: "ja-frontend.txt", want: "not Latin"},
		{text: "# Backend Engineer, Berlin\nWe are a GmbH in Berlin (Straße des 17. Juni). You will build our payment services in Go and run them on Kubernetes. You have five years of experience with distributed systems and you speak English; Deutsch ist ein Plus, und wir bieten flexible Arbeitszeiten.\n- Go, PostgreSQL, Kafka\n- Experience with Terraform and AWS\n", want: ""},
		{text: "Kubernetes, Terraform, Go, Python, PostgreSQL, Kafka, Prometheus, Grafana, AWS, GCP, Linux", want: ""},
		// Short texts: judged on the foreign words no name holds.
		{text: "Wir suchen einen Entwickler für unser Team in Berlin.", want: "German"},
		{text: "## Anforderungen\n- Mehrjährige Erfahrung mit Kubernetes und Terraform\n", want: "German"},
		{text: "## Profil recherché\n- Expérience avec Kubernetes et Terraform\n", want: "French"},
		{text: "## Requisitos\n- Experiencia con Kubernetes y Terraform\n", want: "Spanish"},
		{text: "## 要件\n- Kubernetesの本番運用経験5年以上\n- チームリーダー経験\n", want: "not Latin"},
		{text: "## 要件\n- Kubernetes、Terraform、AWS、Prometheusの経験\n", want: "not Latin"},
		{text: "## Requirements\n- 5+ years of Go\n- Kubernetes in production\n", want: ""},
		{text: "## Backend Engineer, Los Angeles, Las Vegas or El Paso\n- Go\n- Kafka\n", want: ""},
		{text: "## Data Scientist (Des Moines or La Jolla)\n- Python\n- Papers (Smith et al.) on un-supervised learning\n", want: ""},
		{text: "## Support Engineer\n- Japanese (日本語) and English\n- Zendesk\n", want: ""},
		{text: "## Nice to have\n- Deutsch und Englisch fließend\n", want: ""},
		{text: "Kubernetes und Terraform", want: ""},
		// English words other languages share ("per", "do", "met", "con";
		// "DI" read lower-case) are not foreign (review of stop 24).
		{text: "# Forklift Operator\nPay per hour: $24; per year about $50,000.\n- Paid per week, overtime per hour at 1.5x\n- Bonus per quarter, per site, per shift\n- DI water systems: check the DI tanks per shift\n- Do not miss a shift; targets met per month\n- Pro and con lists per load\n", want: ""},
	}
	for _, tt := range tests {
		name := tt.file
		if name == "" {
			name = tt.text[:20]
		}
		t.Run(name, func(t *testing.T) {
			text := tt.text
			if tt.file != "" {
				b, err := os.ReadFile(filepath.Join("testdata", "jdwarn", tt.file))
				if err != nil {
					t.Fatal(err)
				}
				text = string(b)
			}
			jd, err := ParseJD(text, "")
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case tt.want == "" && len(jd.Warnings) > 0:
				t.Errorf("warnings %+v, want none", jd.Warnings)
			case tt.want != "" && (len(jd.Warnings) != 1 || jd.Warnings[0].Code != WarnNotEnglish || !strings.Contains(jd.Warnings[0].Message, tt.want)):
				t.Errorf("warnings %+v, want one %s naming %q", jd.Warnings, WarnNotEnglish, tt.want)
			}
			if tt.want != "" && len(jd.Requirements) == 0 {
				t.Errorf("no requirements read: a warning must not stop the match")
			}
		})
	}
}

// TestAchievement: a line that opens with a past-tense verb is a deed; an
// adjective, a passive and a compound are not.
func TestAchievement(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"Led the migration of 120 services", true},
		{"Built Terraform modules used by 14 teams", true},
		{"Reduced recovery time from 40 to 3 minutes", true},
		{"Automated PostgreSQL failover", true},
		{"Proven track record of running Kubernetes", false},
		{"Experienced in Go and Python", false},
		{"Led by repeat entrepreneurs", false},
		{"Marketer-focused products and teams", false},
		{"led the migration", false}, // a wrapped line's tail, not a bullet's start
		{"Build and run our platform", false},
		{"Kubernetes", false},
	}
	for _, tt := range tests {
		if got := achievement(tt.text); got != tt.want {
			t.Errorf("achievement(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestWarningJSON: on the wire a warning is its message, as before codes,
// and its code travels in warning_codes; a result read back has both, and
// an answer of an older server (strings only) still reads.
func TestWarningJSON(t *testing.T) {
	ws := []Warning{{WarnNotEnglish, "not English"}}
	b, err := json.Marshal(Result{Warnings: ws, WarningCodes: Codes(ws)})
	if want := `"warnings":["not English"],"warning_codes":["not_english"]`; err != nil || !strings.Contains(string(b), want) {
		t.Errorf("Marshal = %s, %v; want it to hold %s", b, err, want)
	}
	var back Result
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(ws, back.Warnings); diff != "" {
		t.Errorf("warnings read back (-want +got):\n%s", diff)
	}
	var res Result
	if err := json.Unmarshal([]byte(`{"warnings":["looks like a résumé",{"code":"not_english","message":"m"}]}`), &res); err != nil {
		t.Fatal(err)
	}
	want := []Warning{{Message: "looks like a résumé"}, {WarnNotEnglish, "m"}}
	if diff := cmp.Diff(want, res.Warnings); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
}
