package match

import (
	"bufio"
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"vitae"
	"vitae/embed"
	"vitae/lexicon"
)

// TestTitleFamily reads the titles of testdata/role_families.txt: stems
// ("reliability engineer" is a "reliability engineering" name), the name
// that ends last (a software engineering manager is a manager), level
// words out but for a last "lead" after one role word ("team lead").
func TestTitleFamily(t *testing.T) {
	f, err := os.Open("testdata/role_families.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		title, want, ok := strings.Cut(line, "|")
		if !ok {
			t.Fatalf("line %q: no |", line)
		}
		title, want = strings.TrimSpace(title), strings.TrimSpace(want)
		got := ""
		if fi, ok := titleFamily(title); ok {
			got = lexicon.Default().Groups()[fi].Canonical
		}
		if got != want {
			t.Errorf("titleFamily(%q) = %q, want %q", title, got, want)
		}
		n++
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if n < 20 {
		t.Fatalf("read %d titles, want the file's 20 or more", n)
	}
}

// TestRoleSenseFamily: a title of the JD role's family that the model
// reads far (by its words, not the family's name) reads at least
// Weights.RoleFamily near; without the floor it does not, and a title of
// another family gains nothing.
func TestRoleSenseFamily(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	pool := map[string]*vitae.Resume{
		"staff-sre": resume("staff-sre", "S", "X", "Senior Staff Reliability Engineer", "2021-01", "", "Kept services up"),
		"director":  resume("director", "D", "Y", "Director of Engineering", "2021-01", "", "Grew the team"),
		"nurse":     resume("nurse", "N", "Z", "Registered Nurse", "2015-01", "", "Cared for patients"),
	}
	emb := embed.NewLocal(embed.LocalOptions{})
	w := defaultWeights
	w.RecencyHalfLife = 5
	from := (w.RoleFamily - w.RoleSenseFrom) / (1 - w.RoleSenseFrom) // the floor as role sense
	for _, tt := range []struct{ title, id string }{
		{"Site Reliability Engineer", "staff-sre"},
		{"Software Engineering Manager (Marketing Campaigns)", "director"},
	} {
		off := w
		off.RoleFamily = 0
		without, err := roleSense(context.Background(), emb, tt.title, pool, off, now)
		if err != nil {
			t.Fatal(err)
		}
		with, err := roleSense(context.Background(), emb, tt.title, pool, w, now)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s for %q: role sense %.3f without the family floor, %.3f with it", tt.id, tt.title, without[tt.id], with[tt.id])
		if without[tt.id] >= from-0.01 {
			t.Errorf("%s for %q without the floor: role sense %.3f, want below %.3f (the model reads it far)", tt.id, tt.title, without[tt.id], from)
		}
		if with[tt.id] < from-0.001 {
			t.Errorf("%s for %q: role sense %.3f, want at least the family floor's %.3f", tt.id, tt.title, with[tt.id], from)
		}
		if with["nurse"] != without["nurse"] {
			t.Errorf("a nurse for %q: role sense %.3f with the floor, %.3f without; want no change", tt.title, with["nurse"], without["nurse"])
		}
	}
}

// TestFamilyFloorMainPart: the floor reads a title's role, not its team
// or employer: "Account Executive, DevOps" is no DevOps role.
func TestFamilyFloorMainPart(t *testing.T) {
	want := []string{"Site Reliability Engineer"}
	for _, tt := range []struct {
		title string
		near  float64
	}{
		{"Account Executive, DevOps", 0},
		{"Sales Manager — DevOps Inc", 0},
		{"DevOps Engineer, Payments", 0.6},
		{"Senior Staff Reliability Engineer", 0.6},
	} {
		near := []float64{0}
		familyFloor(near, []string{tt.title}, want, 0.6)
		if near[0] != tt.near {
			t.Errorf("familyFloor for %q: %.2f, want %.2f", tt.title, near[0], tt.near)
		}
	}
}
