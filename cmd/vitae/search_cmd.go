package main

import (
	"fmt"
	"html"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"vitae"
	"vitae/search"
)

func newSearchCmd(g *globals) *cobra.Command {
	var (
		q       vitae.Query
		mode    string
		by      string
		asJSON  bool
		explain bool
	)
	cmd := &cobra.Command{
		Use:   "search QUERY",
		Short: "Find the achievement bullets that mean QUERY",
		Long: `Search ranks bullets by keyword (BM25) and meaning (embeddings), fused.
On first use with an empty index it indexes the sample data (data.paths);
with none to index it fails (exit 1) and says to run vitae index DIR.

The query takes recruiter syntax, as the web page and the API do:
  "exact phrase"               the words together, in this order
  -word  -"phrase"             leave out bullets that say it
  a OR b                       either (words are alternatives anyway)
  skill:Go  company:"Acme Corp"  role:SRE  person:Smith  section:work
  since:2019  until:2022-06    field filters, added to the flags' filters
A filter's value follows the colon with no space, in quotes when it has
several words. Company, role and person match by words (role:SRE finds
"Senior SRE"); a skill matches whole (skill:C is not C++).`,
		Example: `  vitae search "led DevOps team"
  vitae search "reduced cloud costs" --skill AWS --since 2020 --limit 5
  vitae search "mentored engineers" --by candidate --json
  vitae search -- "-devops kubernetes"     # a query that starts with "-" follows --`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			switch by {
			case "", "bullet":
			case "candidate":
				q.GroupBy = "candidate"
			default:
				return usage(fmt.Errorf("--by %q: want bullet or candidate", by))
			}
			a, srv, cfg, err := g.openOrRemote(cmd, map[string]string{"search.mode": "mode"}, func(cfg *Config) error {
				if err := blankFilterFlag(cmd, q.Filters); err != nil {
					return err
				}
				return search.CheckLimit("--limit", q.Limit, cfg.Search.MaxLimit)
			})
			if err != nil {
				return err
			}
			q.Text = strings.Join(args, " ")
			q.Mode = vitae.Mode(cfg.Search.Mode)
			q.SemanticRatio = cfg.Search.SemanticRatio
			if cmd.Flags().Changed("semantic-ratio") {
				q.SemanticRatio, _ = cmd.Flags().GetFloat64("semantic-ratio")
			}
			q.Explain = explain || asJSON
			var res *vitae.Results
			if srv != nil {
				res, err = srv.search(cmd.Context(), q)
			} else {
				defer a.Close()
				res, err = a.engine.Search(cmd.Context(), q)
			}
			if vitae.ErrorCode(err) == vitae.EINVALID {
				return usage(err) // built from the flags alone
			}
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(g.stdout, res)
			}
			printResults(g.stdout, res, q, isTerminal(g.stdout))
			return nil
		},
	}
	f := cmd.Flags()
	f.IntVarP(&q.Limit, "limit", "n", 10, "number of bullets, 1..search.max_limit (0 means 10)")
	f.IntVar(&q.Offset, "offset", 0, "skip this many results (pagination)")
	f.StringSliceVar(&q.Filters.Company, "company", nil, "only bullets at this company (repeatable)")
	f.StringSliceVar(&q.Filters.Role, "role", nil, "only bullets in this role (repeatable)")
	f.StringSliceVar(&q.Filters.Skill, "skill", nil, "only bullets with this skill (repeatable)")
	f.StringVar(&q.Filters.Since, "since", "", "only bullets from roles active since YYYY or YYYY-MM")
	f.StringVar(&q.Filters.Until, "until", "", "only bullets from roles active until YYYY or YYYY-MM")
	f.StringVar(&mode, "mode", "hybrid", "keyword, semantic or hybrid (search.mode)")
	f.Float64("semantic-ratio", 0.5, "hybrid weight of meaning over keywords, 0..1 (search.semantic_ratio)")
	f.StringVar(&by, "by", "bullet", "bullet, or candidate to group bullets under each person")
	f.BoolVar(&asJSON, "json", false, "print results as JSON")
	f.BoolVar(&explain, "explain", false, "show keyword, vector and fused scores")
	return cmd
}

// blankFilterFlag refuses a filter flag given an empty value (--skill ""),
// as the API refuses "skill": [""]: a server asked for this search would
// refuse it, and the index alone would search unfiltered. pflag reads
// --skill= as no values at all, not as one empty value: Changed tells.
func blankFilterFlag(cmd *cobra.Command, f vitae.Filters) error {
	fs := cmd.Flags()
	for _, name := range []string{"company", "role", "skill"} {
		if vs, _ := fs.GetStringSlice(name); fs.Changed(name) && len(vs) == 0 {
			return vitae.BlankFilter(name, "")
		}
	}
	for _, name := range []string{"since", "until"} {
		if v, _ := fs.GetString(name); fs.Changed(name) && v == "" {
			return vitae.BlankFilter(name, v)
		}
	}
	return f.CheckBlank()
}

func printResults(w io.Writer, res *vitae.Results, q vitae.Query, color bool) {
	if res.Degraded {
		fmt.Fprintf(w, "(keyword results only: %s)\n", res.DegradedReason)
	}
	if len(res.Hits) == 0 {
		fmt.Fprintf(w, "%s.\n", noMatch(res, q))
		return
	}
	if res.NoMatch {
		// The hits are the closest bullets, not matches (total 0): say so
		// first, not "5 of 0 shown" after them.
		if res.BulletsWithoutFilters == nil {
			fmt.Fprintf(w, "%s; the %d closest in meaning:\n", noMatch(res, q), len(res.Hits))
		} else {
			fmt.Fprintf(w, "%s. The %d closest in meaning, filtered:\n", noMatch(res, q), len(res.Hits))
		}
	}
	if q.GroupBy == "candidate" && len(res.Candidates) > 0 {
		for i, c := range res.Candidates {
			fmt.Fprintf(w, "%d. %s  (score %.3f, %d bullet(s))\n", i+1, c.Person, c.Score, len(c.Hits))
			for _, h := range c.Hits {
				fmt.Fprintf(w, "   • %s\n", highlighted(h, color))
				fmt.Fprintf(w, "     %s\n", byline(h.Bullet, false))
			}
		}
		return
	}
	for i, h := range res.Hits {
		fmt.Fprintf(w, "%2d. %s\n", q.Offset+i+1, highlighted(h, color))
		fmt.Fprintf(w, "    %s   score %.3f\n", byline(h.Bullet, true), h.Score)
		if len(h.Duplicates) > 0 {
			fmt.Fprintf(w, "    also written by: %s\n", copiesOf(h.Duplicates))
		}
		if q.Explain && h.Details != nil {
			d := h.Details
			fmt.Fprintf(w, "    keyword %s · semantic %s · fused %.3f\n", side(d.Keyword, d.KeywordRank), side(d.Vector, d.VectorRank), d.Fused)
		}
	}
	if !res.NoMatch {
		fmt.Fprintf(w, "%d of %d shown\n", len(res.Hits), res.Total)
	}
}

// noMatch says that nothing matched q and, when its filters (the flags'
// and the query's own) emptied the answer, how many bullets match
// without them.
func noMatch(res *vitae.Results, q vitae.Query) string {
	if res.BulletsWithoutFilters == nil {
		return fmt.Sprintf("No bullets match %q", q.Text)
	}
	words, filters := search.WithoutFilters(q.Text), search.ParseSyntax(q.Text).Merge(q.Filters)
	switch n := *res.BulletsWithoutFilters; n {
	case 0:
		return fmt.Sprintf("No bullets match %q, with or without these filters (%s)", words, filters)
	case 1:
		return fmt.Sprintf("No bullets match %q with these filters (%s); 1 matches without them", words, filters)
	default:
		return fmt.Sprintf("No bullets match %q with these filters (%s); %d match without them", words, filters, n)
	}
}

// byline is "person · role · company · dates".
func byline(b vitae.Bullet, person bool) string {
	var parts []string
	if person && b.Person != "" {
		parts = append(parts, b.Person)
	}
	for _, s := range []string{b.Role, b.Company, dates(b)} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " · ")
}

func dates(b vitae.Bullet) string {
	switch {
	case b.Start == "" && b.End == "":
		return ""
	case b.End == "":
		return b.Start + " – present"
	case b.Start == "":
		return "until " + b.End
	}
	return b.Start + " – " + b.End
}

// highlighted renders a hit's highlight fragment for a terminal: matched
// terms in bold yellow on a terminal, between asterisks otherwise.
func highlighted(h vitae.Hit, color bool) string {
	if len(h.Highlights) == 0 {
		return h.Text
	}
	open, close := "*", "*"
	if color {
		open, close = "\033[1;33m", "\033[0m"
	}
	frag := strings.Join(h.Highlights, " … ")
	frag = strings.ReplaceAll(frag, "<mark>", "\x00")
	frag = strings.ReplaceAll(frag, "</mark>", "\x01")
	frag = html.UnescapeString(stripTags(frag))
	frag = strings.ReplaceAll(frag, "\x00", open)
	return strings.ReplaceAll(frag, "\x01", close)
}

func stripTags(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>' && in:
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// copiesOf names the people whose identical bullets folded into a hit,
// so that a folded copy's author is not lost from the list.
func copiesOf(ds []vitae.Duplicate) string {
	names := make([]string, len(ds))
	for i, d := range ds {
		names[i] = d.Person
		if names[i] == "" {
			names[i] = d.ResumeID
		}
	}
	return strings.Join(names, ", ")
}

// side is one retriever's score and rank of a hit, or that it did not
// return the hit ("0.000 (#0)" read as a rank).
func side(score float64, rank int) string {
	if rank == 0 {
		return "not retrieved"
	}
	return fmt.Sprintf("%.3f (#%d)", score, rank)
}
