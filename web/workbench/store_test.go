package workbench

import (
	"strings"
	"testing"

	"vitae"
)

func open(t *testing.T) (*Store, string) {
	t.Helper()
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, dir
}

func TestShortlistLifecycleSurvivesReopen(t *testing.T) {
	s, dir := open(t)
	l, err := s.CreateShortlist("  SRE lead  ", "led DevOps team")
	if err != nil {
		t.Fatal(err)
	}
	if l.Name != "SRE lead" || l.Query != "led DevOps team" || len(l.Entries) != 0 {
		t.Fatalf("created %+v", l)
	}
	for _, e := range []struct{ id, note string }{{"ana-silva", "strong on-call story"}, {"jordan-lee", ""}, {"ana-silva", "call back Monday"}} {
		if _, err := s.SetEntry(l.ID, e.id, e.note); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.Shortlist(l.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Entries) != 2 || got.Entries[0].ResumeID != "ana-silva" || got.Entries[0].Note != "call back Monday" || got.Entries[1].ResumeID != "jordan-lee" {
		t.Fatalf("entries after reopen: %+v", got.Entries)
	}
	if _, err := s.RemoveEntry(l.ID, "jordan-lee"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RemoveEntry(l.ID, "jordan-lee"); vitae.ErrorCode(err) != vitae.ENOTFOUND {
		t.Errorf("removing twice: %v, want not_found", err)
	}
	if err := s.DeleteShortlist(l.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Shortlist(l.ID); vitae.ErrorCode(err) != vitae.ENOTFOUND {
		t.Errorf("deleted shortlist: %v, want not_found", err)
	}
}

func TestForgetErasesAPersonFromEveryShortlist(t *testing.T) {
	s, _ := open(t)
	a, _ := s.CreateShortlist("a", "")
	b, _ := s.CreateShortlist("b", "")
	c, _ := s.CreateShortlist("c", "")
	s.SetEntry(a.ID, "grace-okafor", "private note about Grace")
	s.SetEntry(a.ID, "noah-berg", "")
	s.SetEntry(b.ID, "grace-okafor", "")
	s.SetEntry(c.ID, "noah-berg", "")
	n, err := s.Forget("grace-okafor")
	if err != nil || n != 2 {
		t.Fatalf("Forget = %d, %v; want 2 lists", n, err)
	}
	lists, err := s.Shortlists()
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, l := range lists {
		for _, e := range l.Entries {
			ids = append(ids, l.Name+":"+e.ResumeID)
			if strings.Contains(e.Note, "Grace") {
				t.Errorf("a note about the erased person survived: %q", e.Note)
			}
		}
	}
	if got := strings.Join(ids, ","); got != "a:noah-berg,c:noah-berg" {
		t.Errorf("entries after Forget: %s", got)
	}
}

func TestBadInputIsRefusedWithACode(t *testing.T) {
	s, _ := open(t)
	l, _ := s.CreateShortlist("ok", "")
	tests := []struct {
		name string
		err  func() error
		code string
	}{
		{"empty name", func() error { _, err := s.CreateShortlist("  ", ""); return err }, vitae.EINVALID},
		{"long name", func() error { _, err := s.CreateShortlist(strings.Repeat("x", MaxName+1), ""); return err }, vitae.EINVALID},
		{"long note", func() error { _, err := s.SetEntry(l.ID, "x", strings.Repeat("n", MaxNote+1)); return err }, vitae.EINVALID},
		{"no résumé id", func() error { _, err := s.SetEntry(l.ID, "", ""); return err }, vitae.EINVALID},
		{"unknown list", func() error { _, err := s.SetEntry("nope", "x", ""); return err }, vitae.ENOTFOUND},
		{"search without query", func() error { _, err := s.SaveSearch(Search{Name: "n"}); return err }, vitae.EINVALID},
		{"search bad sort", func() error { _, err := s.SaveSearch(Search{Name: "n", Query: "q", Sort: "random"}); return err }, vitae.EINVALID},
		{"delete unknown search", func() error { return s.DeleteSearch("nope") }, vitae.ENOTFOUND},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := vitae.ErrorCode(tt.err()); got != tt.code {
				t.Errorf("code %q, want %q", got, tt.code)
			}
		})
	}
}

func TestSavedSearchKeepsItsFilters(t *testing.T) {
	s, _ := open(t)
	in := Search{Name: "K8s leads", Query: "led DevOps team", Mode: vitae.ModeHybrid, Sort: "recent",
		Filters: vitae.Filters{Skill: []string{"Kubernetes", "Go"}, Company: []string{"CoreOS"}, Since: "2015"}}
	saved, err := s.SaveSearch(in)
	if err != nil {
		t.Fatal(err)
	}
	all, err := s.Searches()
	if err != nil || len(all) != 1 {
		t.Fatalf("Searches = %v, %v", all, err)
	}
	got := all[0]
	if got.ID != saved.ID || strings.Join(got.Filters.Skill, ",") != "Kubernetes,Go" || got.Filters.Company[0] != "CoreOS" || got.Filters.Since != "2015" || got.Sort != "recent" {
		t.Errorf("saved search came back as %+v", got)
	}
	if err := s.DeleteSearch(saved.ID); err != nil {
		t.Fatal(err)
	}
	if all, _ := s.Searches(); len(all) != 0 {
		t.Errorf("after delete: %v", all)
	}
}
