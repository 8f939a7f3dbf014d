package ingest

import (
	"strings"
	"testing"
)

func TestIdentity(t *testing.T) {
	const body = "\n\n## Experience\n\n### Staff Engineer — Initech\n2021 – Present\n\n- Led the payments platform team of nine engineers\n"
	tests := []struct {
		name, a, b string // two files; same says whether they name one person
		same       bool
		kind       string // identity prefix of a
	}{
		{"same email, case and tag", "# Ana Silva\nana.silva+jobs@Example.com" + body, "# Ana S.\nANA.SILVA@example.com" + body, true, "e-"},
		{"gmail dots", "# Ana Silva\nanasilva@gmail.com" + body, "# Ana Silva\nana.silva@googlemail.com" + body, true, "e-"},
		{"other email", "# Ana Silva\nana@example.com" + body, "# Ana Silva\nana@example.org" + body, false, "e-"},
		{"phone forms", "# Bo Chen\nPhone: +44 20 7946 0018" + body, "# Bo Chen\nTel 020 7946 0018" + body, true, "p-"},
		{"a period is no phone", "# Bo Chen\n2019 – 2021 12345678" + body, "# Bo Chen" + body, true, "n-"},
		{"name and employer", "# José Núñez" + body, "# JOSE NUNEZ" + body, true, "n-"},
		{"same name, other employer", "# Jo Park" + body, "# Jo Park" + strings.Replace(body, "Initech", "Globex", 1), false, "n-"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Parse("a.md", []byte(tt.a), Options{})
			if err != nil {
				t.Fatal(err)
			}
			b, err := Parse("b.md", []byte(tt.b), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(a.Identity, tt.kind) || len(a.Identity) != len(tt.kind)+16 {
				t.Errorf("identity %q, want %s and 16 hex digits", a.Identity, tt.kind)
			}
			if (a.Identity == b.Identity) != tt.same {
				t.Errorf("identities %q and %q: same = %v, want %v", a.Identity, b.Identity, a.Identity == b.Identity, tt.same)
			}
		})
	}
	// Without email, phone or employer there is no identity to share.
	r, err := Parse("c.md", []byte("# Cy Doe\n\n- Built a compiler for a toy language in a weekend\n"), Options{})
	if err != nil || r.Identity != "" {
		t.Errorf("identity %q, %v; want none", r.Identity, err)
	}
}
