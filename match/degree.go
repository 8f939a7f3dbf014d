package match

import "strings"

// degreeNames are the names of academic degrees a résumé writes instead of
// the word "degree" ("B.Tech (Computer Science)", "Bachelor of
// Engineering"). Short forms that are also words ("be", "me", "ms") count
// only when written with dots.
var degreeNames = setOf(`bachelor bachelors bachelor's master's btech mtech bsc msc beng meng phd mba
b.tech m.tech b.sc m.sc b.e b.s m.s b.a m.a ph.d b.eng m.eng`)

// isDegree reports whether a bullet's word names a degree: it then also
// says "degree" to "a degree in Computer Science".
func isDegree(word string) bool {
	return degreeNames[strings.TrimRight(strings.ToLower(word), ".")]
}
