package match

import "testing"

// TestGradeCore pins the sixth round's rules (core.go; docs/matching.md
// §3, "The strong gate, sixth round"): a qualifier met without the core
// it qualifies, one example of many asked for, and a quality claimed are
// partial under the gate, each beside ordinary bullets the rule must not
// touch.
func TestGradeCore(t *testing.T) {
	const (
		support = "Building a world class support team that delivers consulting that delights customers, focused on Kubernetes and Linux"
		// … focused on either tool: the core rule alone (Kubernetes and
		// Linux asks for both, so a Linux bullet is partial by the
		// older rules too: conjoined.go).
		either  = "Building a world class support team that delivers consulting that delights customers, focused on Kubernetes or Linux"
		team    = "Leadership experience running multi-disciplinary team including mechanical engineering, electrical engineering, and embedded software."
		diverse = "Proficient across a highly diverse set of technologies (Java/Golang, Riak/Cassandra, Solr/Lucene) OR expert in at least one technology"
		solo    = "Ability to work efficiently both solo and as part of a team; willingness to learn new things"
	)
	tests := []gradeCase{
		{"a focus met without the act and thing it qualifies", either,
			"Designed and delivered PoC for Linux adoption to replace big-box Unix systems", Strong, Partial},
		{"a focus met without the core, a tool of its own", either,
			"Used AI to build Linux PAM module and tray app for on-device password management", Strong, Partial},
		{"one of two tools asked, without the core", support,
			"Designed and delivered PoC for Linux adoption to replace big-box Unix systems", Partial, Partial},
		{"the core carried with the focus", support,
			"Built and led a world class support team delivering Kubernetes and Linux consulting to enterprise customers", Strong, Strong},
		{"what a singular thing includes, met without it", team,
			"Diploma in Electrical Engineering", Strong, Partial},
		{"the team carried with what it includes", team,
			"Led a multi-disciplinary team of mechanical engineering, electrical engineering and embedded software engineers", Strong, Strong},
		{"a plural's instances are parts of it: no core",
			"Expertise in manufacturing processes for structural and aesthetic components including machining, extruding, stamping, forging, injection molding, etc",
			"Developed machining and injection molding processes for structural components", Strong, Strong},
		{"tools listed as examples of the core stay what is asked",
			"Experience using container technology such as Docker, Packer, or rkt",
			"Automate and orchestrate infrastructure with Packer and Terraform.", Strong, Strong},
		{"one example of a diverse set", diverse,
			"Enhanced Test cases using Java programming features and TestNG Annotations.", Strong, Partial},
		{"one example of a diverse set, more of the requirement carried", diverse,
			"Designed and developed robust Java modules for interfacing with highly specialized control systems equipment, highlighting advanced technical proficiency and a keen ability to adapt to specialized technologies.", Strong, Partial},
		{"several examples of a diverse set", diverse,
			"Built services in Java and Golang backed by Cassandra and Solr", Strong, Strong},
		{"one example where one is asked",
			"Experience with release engineering practices and continuous integration systems such as Jenkins, TravisCI or Bamboo",
			"Designed a Jenkins and Python continuous delivery system that automated previously manual releases", Strong, Strong},
		{"a quality claimed", solo, "Willingness to learn & work in team.", Strong, Partial},
		{"a quality claimed, the requirement said back", "Willingness to learn new things",
			"Willingness to learn new things", Strong, Strong},
		{"a quality shown, not claimed", "Ability to mentor junior engineers",
			"Mentored four junior engineers through their first on-call rotations", Strong, Strong},
	}
	checkGrades(t, tests, "older", NewGrader(), "gate", NewGateGrader())
}

// TestGradeCoreBounds pins where a core applies: not after a plural
// group (its instances are what is asked), not to a clause before the
// qualifier starts (review15: each row fails when its rule is removed).
func TestGradeCoreBounds(t *testing.T) {
	tests := []gradeCase{
		{"a plural group's instance named without the plural noun",
			"Leadership experience running multi-disciplinary teams including mechanical engineering, electrical engineering, and embedded software.",
			"Designed electrical engineering test rigs for drive units", Strong, Strong},
		{"a clause before the qualifier is not qualified",
			"Building a support team that delivers consulting, training and security audits to banks, focused on Kubernetes",
			"Ran security audits for retail banks", Strong, Strong},
	}
	checkGrades(t, tests, "older", NewGrader(), "gate", NewGateGrader())
}

// TestGradeCoreDescribes pins the descriptions the sixth round adds to
// the context rules' (reDescribes): a label "Description", and a product
// named with a parenthesis. Under the gate a description is no evidence
// at all (gated).
func TestGradeCoreDescribes(t *testing.T) {
	tests := []gradeCase{
		{"a project's description labelled so", "Desired experience in one of: Redshift, BigQuery, Hive",
			"Description To identify customers who are likely to churn, data is brought into a data lake and analysed with Hive queries", Strong, None},
		{"a product named with a parenthesis described", "Strong iOS",
			"Testing Trends WQR (World Quality Report) is an application which lets users take a survey on iOS devices", Strong, None},
		{"work on the same tool", "Desired experience in one of: Redshift, BigQuery, Hive",
			"Built Hive tables and queries to analyse customer churn", Strong, Strong},
		{"a first-person description is work", "Strong iOS",
			"I was the lead iOS developer of the company's banking app", Strong, Strong},
	}
	checkGrades(t, tests, "older", NewGrader(), "gate + context", NewGraderFor(Options{StrongGate: true, ContextEvidence: true}))
}

// TestPlural pins what reads as a plural category (coreOf).
func TestPlural(t *testing.T) {
	for text, want := range map[string]bool{
		"Expertise in manufacturing processes ":  true,
		"industry experience with ML projects (": true,
		"running multi-disciplinary team ":       false,
		"a world class ":                         false,
		"status ":                                false,
		"analysis, ":                             false,
		"Experience using container technology ": false,
		"":                                       false,
		"running multi-disciplinary teams ":      true,
		"Experience with Kubernetes ":            false,
		"a culture of DevOps ":                   false,
		"Strong background in statistics ":       false,
	} {
		if got := plural(text); got != want {
			t.Errorf("plural(%q) = %v, want %v", text, got, want)
		}
	}
}

// TestGradeBreadth pins where a breadth word asks for many of a list: in
// the list's own head phrase, not before years or months, not in another
// phrase, not after a choice of one (review15).
func TestGradeBreadth(t *testing.T) {
	const pg = "Tuned PostgreSQL queries for the billing service"
	tests := []gradeCase{
		{"several years, not several databases",
			"Several years of experience with databases (PostgreSQL, MySQL)", pg, Strong, Strong},
		{"multiple teams, not multiple databases",
			"Worked with multiple teams on relational databases (PostgreSQL, MySQL)", pg, Strong, Strong},
		{"one of several: one is asked",
			"Experience with one of several languages (Go, Java, Python)", "Built payment services in Go", Strong, Strong},
		{"multiple databases asked, two met",
			"Experience with multiple relational databases such as PostgreSQL and MySQL",
			"Migrated the billing service from MySQL to PostgreSQL", Strong, Strong},
	}
	checkGrades(t, tests, "older", NewGrader(), "gate", NewGateGrader())
}

// TestAsksBreadth pins which list heads ask for many of a kind.
func TestAsksBreadth(t *testing.T) {
	for head, want := range map[string]bool{
		"Proficient across a highly diverse set of technologies (":   true,
		"Experience with multiple relational databases such as":      true,
		"Hands-on work with a variety of cloud providers, including": true,
		"Several years of experience with databases (":               false,
		"Several years' experience in databases (":                   false,
		"Worked with multiple teams on relational databases (":       false,
		"Experience with one of several languages (":                 false,
		"Experience with at least one of multiple languages (":       false,
		"Experience with several languages, in at least one of":      false,
		"Experience with relational databases (":                     false,
	} {
		if got := asksBreadth(head); got != want {
			t.Errorf("asksBreadth(%q) = %v, want %v", head, got, want)
		}
	}
}

// TestCoreOfGroup pins which cores coreOf reads: a group of people, not
// a thing (code's functions are things, a business's function a group).
func TestCoreOfGroup(t *testing.T) {
	z := newAnalyzer(true)
	for text, want := range map[string]bool{
		"Building a world class support team, focused on Kubernetes and Linux": true,
		"Leading the finance function, with a focus on treasury":               true,
		"Experience writing serverless functions, with a focus on AWS Lambda":  false,
		"Experience building data pipelines, focused on Spark and Kafka":       false,
	} {
		if core, _ := z.coreOf(text); (core != nil) != want {
			t.Errorf("coreOf(%q) = %v, want a core %v", text, core != nil, want)
		}
	}
}

// TestGradeCoreFocus pins a focus on things, not a group of people: the
// focus is what is asked, so a bullet that meets it is strong (review15).
func TestGradeCoreFocus(t *testing.T) {
	tests := []gradeCase{
		{"infrastructure, with an emphasis on tools",
			"Experience managing infrastructure, with an emphasis on Kubernetes and Terraform",
			"Managed Kubernetes clusters with Terraform for 200 services", Strong, Strong},
		{"pipelines, focused on tools",
			"Experience building data pipelines, focused on Spark and Kafka",
			"Built streaming pipelines with Spark and Kafka", Strong, Strong},
		{"APIs, with a focus on protocols",
			"Experience designing APIs, with a focus on REST and gRPC",
			"Designed REST and gRPC services for payments", Strong, Strong},
		{"cloud security, especially two of its parts",
			"Experience with cloud security, especially IAM and network policy",
			"Designed IAM roles and network policy for 50 AWS accounts", Strong, Strong},
	}
	checkGrades(t, tests, "older", NewGrader(), "gate", NewGateGrader())
}

// TestGradeClaimResult pins a bullet in a claim's words that reports a
// result: work shown, not a quality claimed (review15).
func TestGradeClaimResult(t *testing.T) {
	tests := []gradeCase{
		{"a result in a claim's words", "Reduced cloud costs on AWS",
			"Able to reduce AWS cloud costs by 35% through rightsizing", Strong, Strong},
		{"a claim that says the requirement back in other forms", "Reduced cloud costs on AWS",
			"Able to reduce cloud costs on AWS", Strong, Strong},
		{"a claim, no result", "Reduced cloud costs on AWS",
			"Able to cut cloud costs on AWS", Strong, Partial},
	}
	checkGrades(t, tests, "older", NewGrader(), "gate", NewGateGrader())
}

// TestDescribesLabel pins a "Description" label before the person's own
// work: work, not a description (review15).
func TestDescribesLabel(t *testing.T) {
	for text, want := range map[string]bool{
		"Description: migrated 40 services to Kubernetes":                      false,
		"Description - built the billing pipeline":                             false,
		"Description To identify customers who are likely to churn, data is …": true,
		"Project description: the application lets users take a survey":        true,
	} {
		if got := describes(text); got != want {
			t.Errorf("describes(%q) = %v, want %v", text, got, want)
		}
	}
}
