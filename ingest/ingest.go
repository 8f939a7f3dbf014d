package ingest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"vitae"
	"vitae/lexicon"
)

// Options bound what one file may cost. The zero value is filled by
// WithDefaults.
type Options struct {
	MaxFileSize     int64 // bytes read from disk
	MaxDecompressed int64 // bytes inflated from a DOCX archive
	MaxBullets      int   // bullets in one résumé
	MaxPages        int   // PDF pages
	// MaxText bounds the text one DOCX or PDF may yield, and with it the
	// memory its parse holds, however far its archive inflates.
	MaxText int64
	// Budget, when set, is shared by the files of one request: together
	// they inflate at most that much (see NewBudget).
	Budget  *Budget
	Lexicon *lexicon.Lexicon
}

// WithDefaults fills unset limits: 20 MiB files, 100 MiB inflated,
// 1 MiB of text from a DOCX or PDF, 5,000 bullets, 200 pages, the
// shipped lexicon.
func (o Options) WithDefaults() Options {
	if o.MaxFileSize <= 0 {
		o.MaxFileSize = 20 << 20
	}
	if o.MaxDecompressed <= 0 {
		o.MaxDecompressed = 100 << 20
	}
	if o.MaxText <= 0 {
		o.MaxText = 1 << 20
	}
	if o.MaxBullets <= 0 {
		o.MaxBullets = 5000
	}
	if o.MaxPages <= 0 {
		o.MaxPages = 200
	}
	if o.Lexicon == nil {
		o.Lexicon = lexicon.Default()
	}
	return o
}

type parser func(ctx context.Context, name string, data []byte, o Options) (*vitae.Resume, error)

// parsers by format; those that inflate (DOCX, PDF) stop when ctx ends,
// the others are bounded by the file's size.
var parsers = map[string]parser{
	"json":     plain(parseJSON),
	"yaml":     plain(parseYAML),
	"markdown": plain(parseMarkdown),
	"text":     plain(parseText),
	"html":     plain(parseHTML),
	"docx":     parseDOCX,
	"pdf":      parsePDF,
}

func plain(f func(name string, data []byte, o Options) (*vitae.Resume, error)) parser {
	return func(_ context.Context, name string, data []byte, o Options) (*vitae.Resume, error) {
		return f(name, data, o)
	}
}

var extFormats = map[string]string{
	".json": "json", ".yaml": "yaml", ".yml": "yaml",
	".md": "markdown", ".markdown": "markdown", ".txt": "text", ".text": "text",
	".html": "html", ".htm": "html", ".docx": "docx", ".pdf": "pdf",
}

// Supported reports whether path has an extension Vitae reads.
func Supported(path string) bool {
	_, ok := extFormats[strings.ToLower(filepath.Ext(path))]
	return ok
}

// File reads and parses one résumé file.
func File(path string, opts Options) (*vitae.Resume, error) {
	opts = opts.WithDefaults()
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("ingest %s: %w", path, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, opts.MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("ingest %s: %w", path, err)
	}
	if int64(len(data)) > opts.MaxFileSize {
		return nil, fmt.Errorf("ingest %s: %w", path, vitae.Errorf(vitae.ETOOLARGE, "file is larger than %d bytes", opts.MaxFileSize))
	}
	r, err := parse(context.Background(), path, data, opts)
	if err != nil {
		return nil, err
	}
	r.Source = path
	for i := range r.Bullets {
		r.Bullets[i].Source = path
	}
	return r, nil
}

// Parse parses data as the résumé file name (its extension picks the
// format, its stem the résumé ID).
func Parse(name string, data []byte, opts Options) (*vitae.Resume, error) {
	return ParseContext(context.Background(), name, data, opts)
}

// ParseContext is Parse stopping when ctx ends: an archive being inflated
// (DOCX, PDF streams) stops at its next read with an ETIMEOUT error.
func ParseContext(ctx context.Context, name string, data []byte, opts Options) (*vitae.Resume, error) {
	opts = opts.WithDefaults()
	if int64(len(data)) > opts.MaxFileSize {
		return nil, fmt.Errorf("ingest %s: %w", name, vitae.Errorf(vitae.ETOOLARGE, "file is larger than %d bytes", opts.MaxFileSize))
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("ingest %s: %w", name, ctxError(err))
	}
	return parse(ctx, name, data, opts)
}

func parse(ctx context.Context, name string, data []byte, opts Options) (r *vitae.Resume, err error) {
	// A parser bug on hostile input must cost one file, not the batch.
	defer func() {
		if p := recover(); p != nil {
			r, err = nil, fmt.Errorf("ingest %s: %w", name, vitae.Errorf(vitae.EINVALID, "unreadable file (parser failure: %v)", p))
		}
	}()
	format := detect(name, data)
	parseFn, ok := parsers[format]
	if !ok {
		return nil, fmt.Errorf("ingest %s: %w", name, vitae.Errorf(vitae.EUNSUPPORTED, "unsupported format %q", filepath.Ext(name)))
	}
	r, err = parseFn(ctx, name, data, opts)
	if err != nil {
		return nil, fmt.Errorf("ingest %s: %w", name, err)
	}
	r.Format = format
	sum := sha256.Sum256(data)
	r.Hash = hex.EncodeToString(sum[:])
	if err := finish(r, name, opts); err != nil {
		return nil, fmt.Errorf("ingest %s: %w", name, err)
	}
	return r, nil
}

// detect trusts content over extension where the two disagree in a way
// that is unambiguous (a .txt that is JSON, a PDF named .docx).
func detect(name string, data []byte) string {
	head := bytes.TrimLeft(data[:min(len(data), 512)], " \t\r\n\ufeff")
	switch {
	case IsPDF(data):
		return "pdf"
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return "docx"
	}
	format := extFormats[strings.ToLower(filepath.Ext(name))]
	switch format {
	case "text", "markdown", "":
		if len(head) > 0 && (head[0] == '{') {
			return "json"
		}
		lower := bytes.ToLower(head)
		if bytes.HasPrefix(lower, []byte("<!doctype html")) || bytes.HasPrefix(lower, []byte("<html")) {
			return "html"
		}
		if format == "" && filepath.Ext(name) == "" && len(head) > 0 {
			return "text" // no extension at all: read it as text
		}
	}
	return format
}

// finish fills what every format shares: IDs, person, skills, clean text.
func finish(r *vitae.Resume, name string, opts Options) error {
	if r.ID == "" {
		id, err := FileID(name)
		if err != nil {
			return fmt.Errorf("file name: %w", err)
		}
		r.ID = id
	}
	r.Person = cleanText(r.Person)
	if r.Person == "" {
		r.Person, r.Unnamed = PersonFromStem(r.ID), true
	}
	if len(r.Bullets) > opts.MaxBullets {
		return vitae.Errorf(vitae.ETOOLARGE, "%d bullets, more than the limit of %d", len(r.Bullets), opts.MaxBullets)
	}
	r.Skills = dedupeFold(r.Skills)
	kept := r.Bullets[:0]
	seen := map[string]bool{}
	for _, b := range r.Bullets {
		b.Text = dropGlyphs(cleanText(b.Text))
		if b.Text == "" || seen[b.Ref] {
			continue
		}
		seen[b.Ref] = true
		b.ResumeID = r.ID
		b.ID = BulletID(r.ID, b.Ref)
		b.Person = r.Person
		b.Company = dropHeading(cleanText(b.Company))
		b.Role = dropHeading(cleanText(b.Role))
		if b.Section == "" {
			b.Section = vitae.SectionOther
		}
		b.Skills = canonical(opts, append(append([]string{}, b.Skills...), opts.Lexicon.Skills(b.Text)...))
		kept = append(kept, b)
	}
	r.Bullets = kept
	r.Skills = canonical(opts, r.Skills)
	r.Email, r.Phone = cleanText(r.Email), cleanText(r.Phone)
	r.Identity = Identity(r)
	if len(r.Bullets) == 0 {
		return vitae.Errorf(vitae.EUNPROCESSABLE, "no bullets found (nothing to index)")
	}
	return nil
}

// canonical maps skills the lexicon knows to their canonical names, so
// "k8s" and "Kubernetes" facet together, and drops duplicates.
func canonical(opts Options, skills []string) []string {
	out := make([]string, 0, len(skills))
	for _, s := range skills {
		if g, ok := opts.Lexicon.Lookup(s); ok && g.Kind == "skill" {
			s = g.Canonical
		}
		out = append(out, s)
	}
	return dedupeFold(out)
}

// cleanText collapses whitespace, drops control characters and repairs
// invalid UTF-8, so stored text is safe to index and display.
func cleanText(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// dropGlyphs drops the question marks that open a bullet whose list
// glyph ("•", "➢") was lost to a wrong encoding on its way into the file
// ("?? Churn Analysis …", "? Develop project …"): they say nothing and
// read as broken text. A question mark joined to a word ("??s workload")
// is left: what it stood for is not known.
func dropGlyphs(s string) string {
	t := strings.TrimLeft(s, "?\uFFFD")
	if t == s || t == "" || t[0] != ' ' {
		return s
	}
	return strings.TrimLeft(t, " ")
}

// dropHeading returns "" for a section heading the source put where a
// company or role belongs ("Key Achievements:"), else s.
func dropHeading(s string) string {
	if _, ok := sectionNames[strings.ToLower(strings.Trim(s, " :"))]; ok {
		return ""
	}
	return s
}

// PersonFromStem is the Person of a résumé whose file gives no name
// (Unnamed): the words of its ID capitalised ("jane-doe" → "Jane Doe"),
// or the ID itself when it is not name-like ("000_e0696…").
func PersonFromStem(id string) string {
	words := strings.FieldsFunc(id, func(r rune) bool { return r == '-' || r == '_' || r == '.' })
	for _, w := range words {
		for _, r := range w {
			if !unicode.IsLetter(r) {
				return id // not a name-like stem: keep it as is
			}
		}
	}
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

func dedupeFold(xs []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range xs {
		x = cleanText(x)
		k := strings.ToLower(x)
		if x == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, x)
	}
	return out
}

// Expand lists the supported files under paths, sorted; directories are
// walked, hidden entries skipped. A path that does not exist is an error
// naming it.
func Expand(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("ingest %s: %w", p, err)
		}
		if !st.IsDir() {
			out = append(out, p)
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if path != p && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.IsDir() && Supported(path) {
				out = append(out, path)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("ingest %s: %w", p, err)
		}
	}
	sort.Strings(out)
	return out, nil
}
