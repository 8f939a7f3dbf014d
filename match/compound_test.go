package match

import "testing"

// TestPlain pins how a text is read before its words: a tool joined by a
// hyphen to a word of how it is used is the tool, a compound the lexicon
// knows stays whole, and a typographic apostrophe is the ASCII one.
func TestPlain(t *testing.T) {
	z := newAnalyzer(true)
	tests := []struct{ in, want string }{
		{"Kubernetes-based platforms", "Kubernetes based platforms"},
		{"Python-heavy tooling", "Python heavy tooling"},
		{"AWS-native services and Go-powered APIs", "AWS native services and Go powered APIs"},
		{"event-driven architecture", "event-driven architecture"}, // a lexicon concept
		{"cloud-first strategy", "cloud-first strategy"},           // … written with its hyphen
		{"team-based planning", "team-based planning"},             // "team" is no tool
		{"hands-on experience", "hands-on experience"},
		{"you’ll build tools", "you'll build tools"},
		{"no hyphen at all", "no hyphen at all"},
	}
	for _, tt := range tests {
		if got := z.plain(tt.in); got != tt.want {
			t.Errorf("plain(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestCompoundTools: a requirement or a bullet that writes its tool
// joined by a hyphen ("Kubernetes-based") is read as naming the tool, so
// the two meet as they do written apart (a new user's finding: the
// requirement lost its skill and its weight).
func TestCompoundTools(t *testing.T) {
	tests := []gradeCase{
		{"a hyphenated requirement, a plain bullet", "Kubernetes-based platforms",
			"Migrated 40 services onto Kubernetes platforms on EKS", Strong, Strong},
		{"a plain requirement, a hyphenated bullet", "Kubernetes in production",
			"Operated Kubernetes-based clusters in production for 2M users", Strong, Strong},
		{"the tool of a compound is no other tool", "Terraform",
			"Built Kubernetes-based platforms", None, None},
	}
	checkGrades(t, tests, "older", NewGrader(), "shipped", NewGraderFor(Options{StrongGate: true, ContextEvidence: true}))
}

// TestHighlightHyphen: the words a grade matched are marked inside a
// hyphenated word too, as inside a slashed one.
func TestHighlightHyphen(t *testing.T) {
	got := highlight("Ran Kubernetes-based clusters", []string{"kubernetes"})
	if want := "Ran <mark>Kubernetes</mark>-based clusters"; got != want {
		t.Errorf("highlight = %q, want %q", got, want)
	}
}

// TestStaffSkills: a tool named only as the skill of people the bullet
// names ("hired 3 Python engineers", "as AWS Cloud Engineers") is the
// people's, not the author's work: partial at most; named as work too,
// or before a word that is not people ("Hive Reports"), it counts.
func TestStaffSkills(t *testing.T) {
	tests := []gradeCase{
		{"the people's skill", "Python",
			"Hired 3 Python engineers for the data team", Partial, Partial},
		{"the people's skill, a list of tools", "Experience working with AWS, GCE or Azure cloud infrastructures",
			"Cross-trained four datacentre engineers as AWS Cloud Engineers", Partial, Partial},
		{"the skill used and the people's", "Python",
			"Built Python services and hired 3 Python engineers", Strong, Strong},
		{"a report is no person", "Desired experience in one of: Redshift, BigQuery, Hive",
			"Developed the Pig scripts and Hive Reports", Strong, Strong},
	}
	checkGrades(t, tests, "older", NewGrader(), "shipped", NewGraderFor(Options{StrongGate: true, ContextEvidence: true}))
}
