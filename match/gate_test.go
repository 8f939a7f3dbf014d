package match

import (
	"testing"
)

// TestGradeGate pins the strong gate (Options.StrongGate): the default
// rules grade, a strong grade stands only when the strict rules agree,
// and what the default rules call none stays none.
func TestGradeGate(t *testing.T) {
	tests := []struct {
		name, req, bullet string
		want              Level
	}{
		{"one item of a list is partial", "Experience in web app security, vulnerability research, and penetration testing",
			"Developed a cyber security solution, using advanced analytics to aggregate and identify malicious threats and vulnerabilities.", Partial},
		{"a phrase's words far apart are partial", "5+ years hardware development experience.",
			"SQL and Visual Basic developer. Responsible for Data General Unix, Hewlett Packard Unix, and Linux server administration. Maintained and troubleshot PC hardware.", Partial},
		{"none stays none where the strict rules say partial", "Experience building large scale data processing pipelines",
			"MySQL database administration on a large scale MySQL installation", None},
		{"a strong grade both rules give stands", "Experience with big relational databases (PostgreSQL, MySQL) and cache layers (memcache, Redis)",
			"Designed PostgreSQL schemas and a Redis cache layer for the billing service", Strong},
		{"a degree's name says degree", "You have a degree in Computer Science or related field",
			"B.Tech (Computer Science) from Rayat and Bahra Institute of Engineering and Biotechnology", Strong},
	}
	g := NewGateGrader()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, score := g.Grade(tt.req, tt.bullet); got != tt.want {
				t.Errorf("Grade = %v (score %.3f), want %v", got, score, tt.want)
			}
		})
	}
}

// TestStrongGateLevels: with Options.StrongGate the matcher keeps the
// ordering property of issue #14, every bullet it shows has the level the
// gate Grader gives the pair, and its credit is the one the level earns:
// strong 1, a demoted strong (partial at a strong score) 0.625, any other
// partial the flat 0.5.
func TestStrongGateLevels(t *testing.T) {
	demoted := 0
	checked := checkShownLevels(t, Options{StrongGate: true}, NewGateGrader(), func(lv Level, score float64) float64 {
		switch {
		case lv != Partial:
			return 1
		case score >= strongAt:
			demoted++
			return 0.625
		}
		return 0.5
	})
	if checked < 20 || demoted == 0 {
		t.Fatalf("checked %d evidence bullets, %d demoted strongs; want at least 20 and 1", checked, demoted)
	}
}
