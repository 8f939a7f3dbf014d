package match

import (
	"slices"
	"strings"
	"testing"
)

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
// names ("hired 3 Python engineers", "as AWS Cloud Engineers", "with the Python staff") is the
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
		{"the staff's skill", "Python",
			"Logged defects with the Python staff, which led to my promotion to QA Engineer", Partial, Partial},
		{"a report is no person", "Desired experience in one of: Redshift, BigQuery, Hive",
			"Developed the Pig scripts and Hive Reports", Strong, Strong},
	}
	checkGrades(t, tests, "older", NewGrader(), "shipped", NewGraderFor(Options{StrongGate: true, ContextEvidence: true}))
}

// TestStaffSkillsPunctuation: a people noun after a full stop, comma or
// semicolon does not make the tool before it the people's.
func TestStaffSkillsPunctuation(t *testing.T) {
	checkGrades(t, []gradeCase{
		{"full stop", "Python", "Automated the release with Python. Engineers now ship daily", Strong, Strong},
		{"comma", "Python", "Automated the release with Python, engineers now ship daily", Strong, Strong},
		{"semicolon", "Python", "Rewrote the build in Python; engineers now wait 2 minutes, not 20", Strong, Strong},
	}, "older", NewGrader(), "shipped", NewGraderFor(Options{StrongGate: true, ContextEvidence: true}))
}

// TestHighlightTypographic: a word read through a typographic apostrophe
// is still marked, and a hyphenated word is marked in parts only when it
// is a tool's compound ("C-level" is no C).
func TestHighlightTypographic(t *testing.T) {
	z := newAnalyzer(true)
	raw := "Earned a Bachelor’s degree in Computer Science"
	var terms []string
	for _, v := range z.bullet(raw).surface {
		terms = append(terms, v...)
	}
	if h := highlight(raw, terms); !strings.Contains(h, "<mark>Bachelor") {
		t.Errorf("highlight %q: the degree word is not marked (terms %q)", h, terms)
	}
	if h := highlight("Briefed C-level executives; wrote C firmware", []string{"c"}); strings.Count(h, "<mark>") != 1 {
		t.Errorf("highlight %q: C of C-level marked", h)
	}
}

// TestExcelTheVerb: "Excel at critical thinking" asks no spreadsheet (a
// tryout saw it read as the skill Excel, at full weight); Excel the tool
// stays Excel.
func TestExcelTheVerb(t *testing.T) {
	for _, tc := range []struct {
		line  string
		excel bool
	}{
		{"Excel at critical thinking and adapt to new situations", false},
		{"You will excel at building relationships", false},
		{"A drive to excel in a fast-paced team", false},
		{"Advanced Excel and SQL for reporting", true},
		{"Built financial models in Excel", true},
	} {
		jd, err := ParseJD("## Requirements\n- "+tc.line+"\n", "")
		if err != nil || len(jd.Requirements) != 1 {
			t.Fatalf("%q: %v, %+v", tc.line, err, jd)
		}
		got := slices.Contains(jd.Requirements[0].Skills, "Excel")
		if got != tc.excel {
			t.Errorf("%q: skills %v, want Excel %v", tc.line, jd.Requirements[0].Skills, tc.excel)
		}
	}
}
