package match

import (
	"strings"
	"testing"

	"vitae/index"
)

// TestGrade pins the evidence levels of the examples of issue #14:
// near-verbatim bullets are strong, a shared generic word is nothing, a
// tool-only requirement is met by a bullet using the tool and only
// partly by a tool list; under the default and the strict rules alike.
func TestGrade(t *testing.T) {
	ix, err := index.Open(index.Options{Path: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	tests := []struct {
		req, bullet string
		want        Level
	}{
		{"Leading a team of SREs or DevOps engineers", "Led operationally-focused teams of DevOps engineers and SREs", Strong},
		{"Lead a team of SREs", "Managed a group of six site reliability engineers", Strong},
		{"Reduced cloud costs on AWS", "Cut our AWS cloud spend by 40% with reserved instances", Strong},
		{"Reduced cloud costs on AWS", "Led budgeting and forecasting for a $120M cost base", None},
		{"Experience building large scale data processing pipelines", "Followed the Large-Scale Scrum (LeSS) methodology to align with agile processes.", None},
		{"On-call process improvements", "Our product helps teams process invoices", None},
		{"Terraform", "Wrote Terraform modules for every AWS account", Strong},
		{"Terraform", "Tech used: Terraform, Docker, Go", Partial},
		{"Go, Rust", "Rewrote the ingest service in Rust", Strong},
		{"Kubernetes in production", "Migrated 40 services to Kubernetes in production", Strong},
		// A tool named in passing, one of a list after "using" or in a
		// parenthesis, is only part of what a one-tool requirement asks.
		{"Deep Docker expertise", "Automated deployments using Jenkins, Ansible, and Docker", Partial},
		{"Deep Docker expertise", "Built a billing service (Go, Docker) for the payments team", Partial},
		{"Deep Docker expertise", "Packaged every service as Docker images with Ansible and Jenkins", Strong},
		{"Strong AWS experience", "Built the data platform using AWS EC2, AWS S3, Go and Terraform", Strong},
		// "AWS DynamoDB": AWS qualifies the tool, it is no alternative.
		{"Experience with Cassandra, AWS DynamoDB, Riak", "Deployed the mobile backend on AWS Lambda", None},
	}
	for name, g := range map[string]*Grader{"default": NewGrader(), "strict": NewStrictGrader()} {
		for _, tt := range tests {
			t.Run(name+"/"+tt.req+"/"+tt.bullet, func(t *testing.T) {
				got, score := g.Grade(tt.req, tt.bullet)
				if got != tt.want {
					t.Errorf("level %v (score %.2f), want %v", got, score, tt.want)
				}
			})
		}
	}
}

func TestHighlight(t *testing.T) {
	got := highlight("Cut AWS spend <fast>", []string{"aws", "spend"})
	if want := "Cut <mark>AWS</mark> <mark>spend</mark> &lt;fast&gt;"; got != want {
		t.Errorf("highlight %q, want %q", got, want)
	}
	if strings.Contains(highlight("<b>", nil), "<b>") {
		t.Error("unescaped HTML")
	}
}
