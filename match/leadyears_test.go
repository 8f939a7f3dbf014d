package match

import (
	"testing"
	"time"

	"vitae"
)

// TestLeadershipYearsNeedLeading: a role counts toward leadership years by
// a title that leads people or a bullet that leads them; an individual
// contributor's bullet that only mentors or helps hire does not make the
// role a leadership role.
func TestLeadershipYearsNeedLeading(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name, role, bullet string
		want               float64
	}{
		{"mentoring alone", "Senior DevOps Engineer", "Mentored application developers on deployment practices", 0},
		{"helping hire alone", "Senior Site Reliability & DevOps Engineer", "Helped hire and onboard three engineers to the SRE team", 0},
		{"leading a team", "Senior DevOps Engineer", "Led a team of four DevOps engineers through the Kubernetes migration", 2},
		{"managing and mentoring", "Senior DevOps Engineer", "Managed and mentored a team of five SREs", 2},
		{"a manager's title", "Engineering Manager", "Mentored application developers on deployment practices", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := []vitae.Bullet{{ID: "b1", Text: tt.bullet, Role: tt.role, Company: "Acme", Start: "2022-01", End: "2024-01", Section: vitae.SectionWork}}
			got, roles := LeadershipYears(b, now)
			if d := got - tt.want; d > 0.1 || d < -0.1 {
				t.Errorf("%q as %q: %.2f leadership years (%v), want %.0f", tt.bullet, tt.role, got, roles, tt.want)
			}
			z := newAnalyzer(false)
			if of, _ := z.leadYearsOf(b, now, fieldsOf(z.rolesOf("SREs or DevOps engineers"))); tt.role != "Engineering Manager" && (of > 0.05) != (tt.want > 0) {
				t.Errorf("%q as %q: %.2f years leading DevOps, want about %.0f", tt.bullet, tt.role, of, tt.want)
			}
		})
	}
}
