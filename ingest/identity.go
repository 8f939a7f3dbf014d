package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"vitae"
)

var (
	reEmail = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}`)
	// A phone number is only taken where the line says so or it is
	// written as one (+44 …, (555) …): a bare "2019 – 2021" is a period.
	rePhone     = regexp.MustCompile(`[+(]?\d[\d\s().-]{6,}\d`)
	rePhoneWord = regexp.MustCompile(`(?i)\b(?:phone|tel|mobile|cell)\b|☎|📞`)
)

// contactLines bounds the search for contact details: they head a résumé.
const contactLines = 60

// contacts finds the first email address and phone number in the head of
// a résumé's lines.
func contacts(lines []string) (email, phone string) {
	for _, l := range lines[:min(len(lines), contactLines)] {
		if len(l) > 512 {
			continue // a paragraph, not a contact line
		}
		if email == "" {
			email = reEmail.FindString(l)
		}
		if phone == "" {
			if m := rePhone.FindString(l); m != "" && (m[0] == '+' || m[0] == '(' || rePhoneWord.MatchString(l)) && digits(m) >= 8 {
				phone = strings.TrimSpace(m)
			}
		}
	}
	return email, phone
}

func digits(s string) int {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n
}

// Identity is the candidate identity of r: "e-", "p-" or "n-" and 16 hex
// digits of a hash of, in order of trust, the normalised email, the
// phone's last nine digits, or the name with the latest employer. Empty
// when r has none of them; copies of one person under other IDs share it.
func Identity(r *vitae.Resume) string {
	if e := normalEmail(r.Email); e != "" {
		return identityOf("e-", e)
	}
	if p := normalPhone(r.Phone); p != "" {
		return identityOf("p-", p)
	}
	name, employer := normalWords(r.Person), normalWords(latestEmployer(r.Bullets))
	if name != "" && employer != "" {
		return identityOf("n-", name+"\x00"+employer)
	}
	return ""
}

func identityOf(kind, key string) string {
	sum := sha256.Sum256([]byte(kind + key))
	return kind + hex.EncodeToString(sum[:8])
}

// normalEmail lower-cases an address and drops a "+tag"; Gmail ignores
// dots in the local part, so they go too.
func normalEmail(e string) string {
	e = strings.ToLower(strings.TrimSpace(e))
	local, domain, ok := strings.Cut(e, "@")
	if !ok || local == "" || domain == "" {
		return ""
	}
	local, _, _ = strings.Cut(local, "+")
	if domain == "gmail.com" || domain == "googlemail.com" {
		local, domain = strings.ReplaceAll(local, ".", ""), "gmail.com"
	}
	return local + "@" + domain
}

// normalPhone keeps the last nine digits: "+44 20 7946 0018" and
// "020 7946 0018" are one number.
func normalPhone(p string) string {
	var b strings.Builder
	for _, r := range p {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	d := b.String()
	if len(d) < 8 {
		return ""
	}
	return d[max(0, len(d)-9):]
}

// normalWords folds case and accents and keeps letters and digits, one
// space between words.
func normalWords(s string) string {
	var b strings.Builder
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		default:
			b.WriteRune(' ')
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// latestEmployer is the company of the work bullet with the latest end
// (an ongoing role first), the first such in document order on a tie.
func latestEmployer(bs []vitae.Bullet) string {
	best, bestKey := "", ""
	for _, b := range bs {
		if b.Section != vitae.SectionWork || b.Company == "" {
			continue
		}
		key := b.End
		if key == "" && b.Start != "" {
			key = "9999" // ongoing
		}
		if best == "" || key > bestKey {
			best, bestKey = b.Company, key
		}
	}
	return best
}
