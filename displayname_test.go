package vitae

import "testing"

// TestDisplayName: the one naming rule of pages, CLI and API candidates.
// A résumé that gives no name goes by its latest role · company: an
// ongoing role before ended ones, the latest end before earlier ones.
func TestDisplayName(t *testing.T) {
	work := func(role, company, start, end string) Bullet {
		return Bullet{Section: SectionWork, Role: role, Company: company, Start: start, End: end}
	}
	tests := []struct {
		name string
		r    Resume
		want string
	}{
		{"named", Resume{ID: "ana-silva", Person: "Ana Silva", Bullets: []Bullet{work("SRE", "Acme", "2020", "")}}, "Ana Silva"},
		{"unnamed, ongoing role first", Resume{ID: "000_e0", Person: "000_e0", Unnamed: true, Bullets: []Bullet{
			work("Principal Engineer", "Planet Labs", "2016-01", "2018-08"), work("VP, Product", "Diamanti", "2018-12", "")}}, "VP, Product · Diamanti"},
		{"unnamed, latest end", Resume{ID: "x", Person: "X", Unnamed: true, Bullets: []Bullet{
			work("Engineer", "Old", "2010", "2012"), work("Lead", "New", "2013", "2019-05")}}, "Lead · New"},
		{"unnamed, company only", Resume{ID: "x", Person: "X", Unnamed: true, Bullets: []Bullet{work("", "Acme", "2020", "")}}, "Acme"},
		{"unnamed, education only", Resume{ID: "x", Person: "X", Unnamed: true, Bullets: []Bullet{
			{Section: SectionEducation, Company: "MIT", Role: "BSc"}}}, "X"},
		{"person is the ID", Resume{ID: "cv", Person: "cv", Bullets: []Bullet{work("Nurse", "Riverside", "2018", "")}}, "Nurse · Riverside"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.r.DisplayName(); got != tt.want {
				t.Errorf("DisplayName() = %q, want %q", got, tt.want)
			}
		})
	}
}
