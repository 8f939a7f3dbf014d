package index

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"vitae"
)

// decodeBullet must read every record as json.Unmarshal does: the
// records Vitae writes (read by hand) and anything else (handed over).
func TestDecodeBulletAsJSON(t *testing.T) {
	full := vitae.Bullet{ID: "a1", ResumeID: "r", Person: "Ada Lovelace", Company: "Acme", Role: "Engineer",
		Section: "work", Start: "2020-01", End: "2021", Text: "Cut costs 40% — in Zürich", Skills: []string{"Go", "SQL"},
		Source: "/cv/ada.json", Ref: "/work/0/highlights/2"}
	marshal := func(b vitae.Bullet) string { data, _ := json.Marshal(b); return string(data) }
	for name, rec := range map[string]string{
		"full":                 marshal(full),
		"minimal":              marshal(vitae.Bullet{ID: "x"}),
		"escapes":              marshal(vitae.Bullet{ID: "e", Text: `R&D "quoted" <b> \ back` + "\u2028 tab\t", Skills: []string{"R&D", `a"b`}}),
		"surrogates":           `{"id":"\ud83d\ude00 \ud800 x"}`,
		"bad escape":           `{"id":"\x"}`,
		"escaped quote end":    `{"id":"a\\"}`,
		"invalid utf8 escaped": "{\"id\":\"\\n\xff\"}",
		"one skill":            marshal(vitae.Bullet{ID: "s", Skills: []string{"Go"}}),
		"empty object":         `{}`,
		"empty skills":         `{"id":"x","skills":[]}`,
		"null skills":          `{"id":"x","skills":null}`,
		"null string":          `{"id":null,"text":"t"}`,
		"spaces":               `{ "id" : "x" , "skills" : [ "Go" ] }`,
		"other key":            `{"id":"x","score":1.5,"text":"t"}`,
		"key in capitals":      `{"ID":"x","Text":"t"}`,
		"duplicate key":        `{"id":"x","id":"y"}`,
		"unicode escape":       `{"id":"\u0041"}`,
		"invalid utf8":         "{\"id\":\"a\xffb\"}",
		"control char":         "{\"id\":\"a\nb\"}",
		"trailing comma":       `{"id":"x",}`,
		"not an object":        `["x"]`,
		"truncated":            `{"id":"x"`,
		"trailing bytes":       `{"id":"x"}x`,
		"number":               `{"id":1}`,
		"skills numbers":       `{"skills":["a",2]}`,
		"skills open":          `{"skills":["a"`,
		"empty":                ``,
	} {
		t.Run(name, func(t *testing.T) {
			var want, got vitae.Bullet
			werr := json.Unmarshal([]byte(rec), &want)
			gerr := decodeBullet([]byte(rec), &got)
			if (werr == nil) != (gerr == nil) {
				t.Fatalf("error %v, json.Unmarshal's %v", gerr, werr)
			}
			if werr == nil {
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("(-json.Unmarshal +decodeBullet):\n%s", diff)
				}
			}
		})
	}
}

func FuzzDecodeBullet(f *testing.F) {
	f.Add(`{"id":"a","resume_id":"r","person":"P","section":"work","text":"t","skills":["Go","SQL"]}`)
	f.Add(`{"id":"a","text":"R\u0026D"}`)
	f.Fuzz(func(t *testing.T, rec string) {
		var want, got vitae.Bullet
		werr := json.Unmarshal([]byte(rec), &want)
		gerr := decodeBullet([]byte(rec), &got)
		if (werr == nil) != (gerr == nil) {
			t.Fatalf("%q: error %v, json.Unmarshal's %v", rec, gerr, werr)
		}
		if werr == nil && !cmp.Equal(want, got) {
			t.Fatalf("%q: %s", rec, cmp.Diff(want, got))
		}
	})
}
