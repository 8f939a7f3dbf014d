package match

import (
	"strings"
	"testing"
)

// TestGradeContext pins the strict rules that read a bullet's match in
// the context of the whole requirement (docs/matching.md §3, "The strong
// gate, second round"), each beside a bullet it keeps strong. The gate
// applies them to the default rules' strong grades.
func TestGradeContext(t *testing.T) {
	def, gate := NewGrader(), NewGraderFor(Options{StrongGate: true, ContextEvidence: true})
	tests := []gradeCase{
		{"a tool named after a head about other things is one item",
			"Building a world class support team that delivers consulting that delights customers, focused on Kubernetes or Linux",
			"Implementing mysql replication over linux servers.", Strong, Partial},
		{"one of two tools joined by and is part of what is asked",
			"Building a world class support team that delivers consulting that delights customers, focused on Kubernetes and Linux",
			"Implementing mysql replication over linux servers.", Partial, Partial},
		{"a tool of a list of examples is what is asked",
			"Experience using container technology such as Docker, Packer, or rkt",
			"Automate and orchestrate infrastructure with Packer and Terraform.", Strong, Strong},
		{"a tool of a requirement that only lists tools is what is asked",
			"Familiarity with AWS, Docker, Golang - all a big plus",
			"Developed VaporShell, a PowerShell module to assist in AWS CloudFormation template building and stack management", Strong, Strong},
		{"a bullet that carries more than the tool is strong",
			"You demonstrate knowledge of cloud architecture security, scaling, and management principles and have experience working with AWS, GCE or Azure cloud infrastructures",
			"Infrastructure Management as AWS Administartor", Strong, Strong},
		{"the head's verb spent on its own things is no part of a later item",
			"Building a world class training organization that delivers training that delights customers, focused on Kubernetes and Linux containers",
			"Migrated existing bare-metal architecture to Docker using CI/CD pipelines", Strong, Partial},
		{"the head's verb spent on the tools is a part",
			"Strong experience building and maintaining production systems on AWS using EC2, RDS, S3, etc. and familiarity interacting with the AWS APIs",
			"Create and maintain AWS infrastructure such as EC2 servers, Security Groups, Lambda functions, and S3 buckets", Strong, Strong},
		{"as part of a team is an idiom",
			"Ability to work efficiently both solo and as part of a team; willingness to learn new things",
			"Part of the team that built the new BBC Search service", Strong, Partial},
		{"an idiom alone: no clause, no head",
			"Experience as part of a product team",
			"Part of the team that built the new BBC Search service", Strong, Partial},
		{"a company described is not work shown: no evidence under the gate",
			"Working directly with key customers where needed",
			"DELL Inc. is one of the world's leading computer systems company. Dell designs, builds and customizes products and services to satisfy a range of customer requirements. Dell does business directly with the customers to meet unique needs.", Strong, None},
		{"a project's purpose described is not work shown",
			"5+ years of support leadership",
			"A G JOHNSON is a global employment website. The main purpose of this application is to recruit employees and it provide services like Management and Leadership Support", Strong, None},
		{"a soft skill named is claimed",
			"Expert communicator, written and verbal",
			"9 years of work experience at healthcare startups has enhanced my communication skills through discussions with clients and writing articles", Strong, Partial},
		{"a later clause without the head's things is one item",
			"Background in Computer Science, Engineering or other technical discipline", // a degree asked would need study shown (degree.go)
			"Vendor interaction for functional and technical disciplines.", Strong, Partial},
		{"a company described is no work shown, even for a requirement a hedge meets",
			"Familiarity with AWS, Docker, Golang",
			"Acme is a cloud company that runs its platform on AWS and Docker", Strong, None},
		{"a borrowed verb alone: the head rule passes (the bullet carries the head's consulting), the clause's one thing does not",
			"Building a world class support team that delivers consulting, with observability software platforms",
			"Built observability software platforms for our consulting team", Strong, Partial},
		{"a tool must be listed alone: a head of one thing, no later-clause rule",
			"Deep knowledge of payments systems and experience with AWS",
			"Ran our services on AWS", Strong, Partial},
		{"a later clause that lists examples needs no head",
			"Experience with release engineering practices and continuous integration systems such as Jenkins, TravisCI or Bamboo",
			"Designed and developed a continuous deployment system with Jenkins, GitHub and AWS to automate rolling deployments of fully-tested features", Strong, Strong},
	}
	checkGrades(t, tests, "default rules", def, "strong gate", gate)
}

// TestGradeContextStrict pins the context rules under the strict rules,
// where they also decide partial against none: they only move strong to
// partial.
func TestGradeContextStrict(t *testing.T) {
	strict, ctx := NewStrictGrader(), NewGraderFor(Options{StrictEvidence: true, ContextEvidence: true})
	tests := []gradeCase{
		{"an idiom caps at partial, it does not remove a part",
			"Ability to work efficiently both solo and as part of a team; willingness to learn new things",
			"Part of the team that built the new BBC Search service", Strong, Partial},
		{"an idiom alone",
			"Experience as part of a product team",
			"Part of the team that built the new BBC Search service", Strong, Partial},
		{"a borrowed verb alone",
			"Building a world class support team that delivers consulting, with payment software platforms",
			"Built payment software platforms for our consulting team", Strong, Partial},
		{"a tool must be listed alone",
			"Deep knowledge of payments systems and experience with AWS",
			"Managed AWS accounts for the company", Strong, Partial},
		{"a tool a requirement lists as examples stays strong",
			"Experience using container technology such as Docker, Packer, or rkt",
			"Automate and orchestrate infrastructure with Packer and Terraform.", Strong, Strong},
	}
	checkGrades(t, tests, "strict rules", strict, "strict + context rules", ctx)
}

// TestDescribes pins which bullets read as a description of a company,
// product or project rather than the author's work.
func TestDescribes(t *testing.T) {
	tests := []struct {
		bullet string
		want   bool
	}{
		{"DELL Inc. is one of the world's leading computer systems company.", true},
		{"Trackvy is a RFID-based stock management system.", true},
		{"The main purpose of this application is to recruit employees", true},
		{"The project aim at building State Datamart for enterprise solution.", true},
		{"This application is browser-based application to reduce investment in hardware", true},
		{"Led a team of six engineers that is a model for the company", false},
		{"Designed the billing system, which is the core of the product", false},
		{"Built a recommendation engine used by 2M users", false},
		{"I was the technical lead of the payments team", false},
		{"I was a member of the SRE team that ran the clusters", false},
		{"My role was a mix of backend development and operations", false},
		{"We were a team of four building the billing system", false},
		{"Our team is a group of six SREs", false},
	}
	for _, tt := range tests {
		if got := describes(tt.bullet); got != tt.want {
			t.Errorf("describes(%q) = %v, want %v", tt.bullet, got, tt.want)
		}
	}
}

// TestListed pins which named tool of a clause is what the requirement
// lists. The first word of a sentence is capitalised as a sentence, not
// as a name: only a skill there is a tool.
func TestListed(t *testing.T) {
	z := newAnalyzer(true)
	z.context = true
	tests := []struct {
		req, clause string
		want        bool
	}{
		{"Experience using container technology such as Docker, Packer, or rkt", " Packer", true},
		{"Familiarity with AWS, Docker, Golang - all a big plus", "Familiarity with AWS", true},
		{"Experience operating large clusters with Kubernetes, Nomad or Mesos", "Experience operating large clusters with Kubernetes", false},
		{"Building a world class support team that delivers consulting, focused on Kubernetes and Linux", "Building a world class support team that delivers consulting", false},
		{"Kubernetes in production, and on-call for it", "Kubernetes in production", true},
	}
	for _, tt := range tests {
		at := strings.Index(tt.req, tt.clause)
		if at < 0 {
			t.Fatalf("%q is not in %q", tt.clause, tt.req)
		}
		if got, _ := z.listed(tt.req, at, tt.clause); got != tt.want {
			t.Errorf("listed(%q, %q) = %v, want %v", tt.req, tt.clause, got, tt.want)
		}
	}
}

// TestDescribesPastOwnWork: an impersonal report of the author's own
// work in the past tense ("Main responsibility was the design of …")
// stays evidence under the gate; only a description of what something
// is now is none.
func TestDescribesPastOwnWork(t *testing.T) {
	g := NewGraderFor(Options{StrongGate: true, ContextEvidence: true})
	for _, b := range []string{
		"Main responsibility was the design of Kafka data pipelines for payments",
		"Key achievement was a Kafka pipeline handling 2M events/s",
	} {
		if l, _ := g.Grade("Experience with Kafka", b); l == None {
			t.Errorf("%q: none, want partial at least", b)
		}
	}
}
