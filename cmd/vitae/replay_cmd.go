package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"vitae"
	"vitae/audit"
	"vitae/match"
)

func newReplayCmd(g *globals) *cobra.Command {
	var query string
	cmd := &cobra.Command{
		Use:   "replay AUDIT-ID",
		Short: "Re-run a logged search or match and report any difference",
		Long: `Replay reads a ranking from the audit log (its inputs, index and model
versions), runs it again on the index as it is now, and compares the
order and scores place by place. The same versions (and, for a match,
the same rules: the options and weights of the configuration) should
give the same ranking; a difference with the same versions is a bug to
report. Without
audit.store_text the logged query is only a hash: give the text with
--query, which must match it. Matches weigh evidence by recency, so a
replay much later can move scores slightly. Exit status 1 on a difference.`,
		Example: "  vitae replay A42\n  vitae replay A42 --query 'led a devops team'",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			a, err := g.open(cmd, nil)
			if err != nil {
				return err
			}
			defer a.Close()
			l, err := readAudit(a.cfg)
			if err != nil {
				return err
			}
			defer l.Close()
			rec, err := l.Get(args[0])
			if err != nil {
				return err
			}
			text := rec.Text
			if query != "" {
				sum := sha256.Sum256([]byte(query))
				if hex.EncodeToString(sum[:]) != rec.TextSHA256 {
					return &exitError{code: 2, err: fmt.Errorf("--query does not match the text logged in %s (SHA-256 differs)", rec.ID)}
				}
				text = query
			}
			if text == "" && rec.TextSHA256 != "" {
				return &exitError{code: 2, err: fmt.Errorf("%s kept only the hash of its text (audit.store_text is off): give it with --query", rec.ID)}
			}
			if rec.Redacted && query == "" {
				fmt.Fprintf(g.stdout, "note: an erased person's name, email or phone was replaced by %s in the logged text; the replay runs the text as it now reads\n", audit.Redacted)
			}
			now, ran, err := rerun(cmd, a, rec, text)
			if err != nil {
				return err
			}
			if diffs := compareRankings(g.stdout, rec, now, ran); diffs > 0 {
				return &exitError{code: 1, err: fmt.Errorf("%s: %d differences", rec.ID, diffs)}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&query, "query", "", "the query or job description, when the log kept only its hash")
	return cmd
}

// rerun runs the logged request again and returns its ranking and the
// versions it ran on.
func rerun(cmd *cobra.Command, a *app, rec *audit.Record, text string) ([]audit.Ranked, versions, error) {
	switch rec.Action {
	case audit.Search:
		var q vitae.Query
		if err := json.Unmarshal(rec.Params, &q); err != nil {
			return nil, versions{}, fmt.Errorf("%s: logged parameters: %w", rec.ID, err)
		}
		q.Text = text
		res, err := a.engine.Search(cmd.Context(), q)
		if err != nil {
			return nil, versions{}, err
		}
		return audit.SearchRanking(res), versions{index: res.IndexVersion, model: res.ModelVersion}, nil
	case audit.Match:
		var r struct {
			match.Request
			Rules string `json:"rules"`
		}
		if err := json.Unmarshal(rec.Params, &r); err != nil {
			return nil, versions{}, fmt.Errorf("%s: logged parameters: %w", rec.ID, err)
		}
		r.JobDescription = text
		res, err := a.matcher.Match(cmd.Context(), r.Request)
		if err != nil {
			return nil, versions{}, err
		}
		var out []audit.Ranked
		for _, c := range res.Candidates {
			out = append(out, audit.Ranked{ResumeID: c.ResumeID, Score: c.Score})
		}
		return out, versions{index: res.IndexVersion, model: res.ModelVersion, rules: res.Rules, logged: r.Rules}, nil
	}
	return nil, versions{}, &exitError{code: 2, err: fmt.Errorf("%s is a %s, not a search or match", rec.ID, rec.Action)}
}

// versions are what a rerun ran on: the index and model, and for a
// match its rules now and as logged (empty: an entry from before the
// rules were logged).
type versions struct{ index, model, rules, logged string }

// compareRankings prints the versions and each place that differs, and
// returns the number of differences.
func compareRankings(w io.Writer, rec *audit.Record, now []audit.Ranked, v versions) int {
	same := func(a, b string) string {
		if a == b {
			return "same"
		}
		return "changed"
	}
	fmt.Fprintf(w, "%s %s at %s by %s\n", rec.ID, rec.Action, rec.Time.Format("2006-01-02 15:04:05Z07:00"), rec.Actor)
	fmt.Fprintf(w, "index %s → %s (%s)\nmodel %s → %s (%s)\n", rec.IndexVersion, v.index, same(rec.IndexVersion, v.index), rec.ModelVersion, v.model, same(rec.ModelVersion, v.model))
	if v.logged != "" {
		fmt.Fprintf(w, "rules %s → %s (%s)\n", v.logged, v.rules, same(v.logged, v.rules))
	}
	ids := rec.ResumeIDs()
	diffs := 0
	for i := range max(len(ids), len(now)) {
		var was, is string
		if i < len(ids) {
			name := ids[i]
			if name == "" {
				name = "(erased)"
			}
			was = fmt.Sprintf("%s %s %.4f", name, rec.Ranked[i].Ref, rec.Ranked[i].Score)
		}
		if i < len(now) {
			is = fmt.Sprintf("%s %s %.4f", now[i].ResumeID, now[i].Ref, now[i].Score)
		}
		if was != is {
			diffs++
			fmt.Fprintf(w, "#%d logged %q, now %q\n", i+1, was, is)
		}
	}
	if diffs == 0 {
		fmt.Fprintf(w, "same %d places, same order and scores\n", len(ids))
	}
	return diffs
}
