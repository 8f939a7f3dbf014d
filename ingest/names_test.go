package ingest

import "testing"

// TestUnnamedAndHeadingArtefacts: a file without a name is marked
// Unnamed (pages show its latest role instead of the file name), and a
// section heading in a company or role field is dropped.
func TestUnnamedAndHeadingArtefacts(t *testing.T) {
	tests := []struct {
		name, file, data string
		person           string
		unnamed          bool
		company, role    string
	}{
		{"named markdown", "olga-berg.md", "# Olga Berg\n\n## Experience\n\n### SRE — Umbrella\n2021 – Present\n\n- Ran the fleet\n", "Olga Berg", false, "Umbrella", "SRE"},
		{"stem that looks like a name", "jordan-lee.md", "## Experience\n\n### SRE — Umbrella\n2021 – Present\n\n- Ran the fleet\n", "Jordan Lee", true, "Umbrella", "SRE"},
		{"hash stem", "002_6ca7291b08ba563c.txt", "Experience\n\nUmbrella\n\nSRE • Jan 2021 — Present\n\n  • Ran the fleet\n", "002_6ca7291b08ba563c", true, "Umbrella", "SRE"},
		{"heading as company", "b4nst.json", `{"basics":{"name":"B N"},"work":[{"name":"Key Achievements:","position":"","highlights":["Cut costs by 30%"]}]}`, "B N", false, "", ""},
		{"heading as role", "c.json", `{"basics":{"name":"C"},"work":[{"name":"Acme","position":"Responsibilities","highlights":["Cut costs by 30%"]}]}`, "C", false, "Acme", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Parse(tt.file, []byte(tt.data), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if r.Person != tt.person || r.Unnamed != tt.unnamed {
				t.Errorf("person %q unnamed %v, want %q %v", r.Person, r.Unnamed, tt.person, tt.unnamed)
			}
			if len(r.Bullets) == 0 {
				t.Fatal("no bullets")
			}
			if b := r.Bullets[0]; b.Company != tt.company || b.Role != tt.role {
				t.Errorf("company %q role %q, want %q %q", b.Company, b.Role, tt.company, tt.role)
			}
		})
	}
}
