package match

import (
	"strconv"
	"strings"
)

// The team a requirement asks to lead has a kind and a size when it
// names them: the lexicon's team concept holds "engineers" and
// "developers", so "Lead a team of engineers" keeps one part, the team,
// and a bullet that leads anyone ("Supervised nurses on night shift")
// met it; "Manage a team of 20+" was met by a team of 5. The team part
// is met by leading people of the kind asked (engineers ≈ developers ≈
// SREs, any plural engineering role), and in half by a team smaller
// than the size asked (teamFit).

// team is the kind and size of the people a text leads or asks to lead.
type team struct {
	engineers bool // names engineers, developers or an engineering role
	others    bool // names people of another kind ("nurses", "interns", "designers")
	size      int  // the largest team or number of people stated; 0 for none
}

// engineerWords are plural people words of the engineering kind.
var engineerWords = setOf(`engineers developers programmers devs sres coders`)

// anyPeople are the people words that name no kind.
var anyPeople = setOf(`team teams group groups squad squads crew crews staff department org organization reports people members
employees hires individuals contributors`)

// teamOf reads the team a text's tokens name: an engineering kind
// (engineerWords, a plural role such as "site reliability engineers")
// and the size stated next to a people word ("5 engineers", "a team of
// 12", "teams of 10+", "a 40-person organization").
func teamOf(toks []token) team {
	var t team
	for k, tk := range toks {
		if !isPeople(tk) && !strings.HasSuffix(tk.word, "-person") {
			continue
		}
		switch {
		case engineerWords[tk.word] || tk.kind == "role" && (strings.HasSuffix(tk.word, "engineers") || strings.HasSuffix(tk.word, "developers")):
			t.engineers = true
		case isPeople(tk) && !anyPeople[tk.word]:
			t.others = true
		}
		for _, j := range []int{k - 1, k - 2, k + 2} {
			if j < 0 || j >= len(toks) || j == k+2 && (!teamWord(tk.word) || toks[k+1].word != "of") {
				continue
			}
			if n := count(toks[j].word); n > 0 {
				t.size = max(t.size, n)
				break
			}
		}
		if n := count(tk.word); n > 0 { // "40-person"
			t.size = max(t.size, n)
		}
	}
	return t
}

// count is the number a word writes ("12", "10+", "40-person", "six"),
// 0 for none.
func count(w string) int {
	if n, ok := numberWords[w]; ok { // jd.go's, one to ten
		return int(n)
	}
	end := 0
	for end < len(w) && w[end] >= '0' && w[end] <= '9' {
		end++
	}
	switch rest := w[end:]; {
	case end == 0:
		return 0
	case rest != "" && rest != "+" && rest != "-person" && rest != "-member" && rest != "-strong":
		return 0 // "1-on-1", "24x7"
	}
	n, _ := strconv.Atoi(w[:end])
	return n
}

// fit is how much of the team asked (t) a bullet that leads the team
// led shows: none when it asks for engineers and the bullet names
// people of another kind only (a team it names no kind of may be
// engineers: "Led the team delivering the billing platform"), half when
// the bullet states a smaller team than asked, all otherwise.
func (t team) fit(led team) float64 {
	switch {
	case t.engineers && !led.engineers && led.others:
		return 0
	case t.size > 0 && led.size > 0 && led.size < t.size:
		return 0.5
	}
	return 1
}
