package match

import (
	"reflect"
	"testing"
)

// TestWordSpansIsReWord checks wordSpans against the regexp it stands
// for, on the table's texts and every line of the JD test files.
func TestWordSpansIsReWord(t *testing.T) {
	lines := []string{
		"", "C++11/14 and C#", "Nagios/Zabbix, node.js's", "-leading dash", "Zoë's café 3.5x",
		"Go\xffbad byte", "end.", "¿Qué? ½ ², Ⅻ", "a'b-c+d#e/f.g",
	}
	lines = append(lines, jdLines(t)...)
	for _, l := range lines {
		want := reWord.FindAllStringIndex(l, -1)
		if got := wordSpans(l); !reflect.DeepEqual(got, want) {
			t.Errorf("wordSpans(%q) = %v, reWord %v", l, got, want)
		}
	}
}

func FuzzWordSpans(f *testing.F) {
	f.Add("C++11/14 and C#, node.js's café")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := wordSpans(s), reWord.FindAllStringIndex(s, -1); !reflect.DeepEqual(got, want) {
			t.Errorf("wordSpans(%q) = %v, reWord %v", s, got, want)
		}
	})
}
