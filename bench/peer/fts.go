package main

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"strings"
	"time"

	_ "modernc.org/sqlite" // pure-Go SQLite with FTS5

	"vitae"
)

// fts is a SQLite FTS5 index of bullets, ranked by bm25(), with the
// settings a developer would pick for English text: the porter stemmer
// over unicode61 tokens.
type fts struct {
	db   *sql.DB
	path string
	ids  []string // rowid-1 → "résumé-id#ref"
	stmt *sql.Stmt
}

func openFTS(path string) (*fts, error) {
	db, err := sql.Open("sqlite", path)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1) // one connection: queries are timed one at a time
	for _, s := range []string{
		`PRAGMA journal_mode=WAL`,
		`PRAGMA synchronous=NORMAL`,
		`CREATE VIRTUAL TABLE bullets USING fts5(text, tokenize='porter unicode61')`,
	} {
		if _, err := db.Exec(s); err != nil {
			db.Close()
			return nil, fmt.Errorf("fts5: %s: %w", s, err)
		}
	}
	return &fts{db: db, path: path}, nil
}

// load inserts every bullet in one transaction per 10,000 rows, then
// merges the FTS5 segments (`optimize`), as a bulk load would.
func (f *fts) load(ctx context.Context, resumes []*vitae.Resume) error {
	tx, err := f.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	ins, err := tx.Prepare(`INSERT INTO bullets(rowid, text) VALUES (?, ?)`)
	if err != nil {
		tx.Rollback()
		return err
	}
	n := 0
	for _, r := range resumes {
		for _, b := range r.Bullets {
			f.ids = append(f.ids, b.ResumeID+"#"+b.Ref)
			if _, err := ins.Exec(len(f.ids), b.Text); err != nil {
				tx.Rollback()
				return err
			}
			if n++; n%10000 == 0 {
				ins.Close()
				if err := tx.Commit(); err != nil {
					return err
				}
				if tx, err = f.db.BeginTx(ctx, nil); err != nil {
					return err
				}
				if ins, err = tx.Prepare(`INSERT INTO bullets(rowid, text) VALUES (?, ?)`); err != nil {
					tx.Rollback()
					return err
				}
			}
		}
	}
	ins.Close()
	if err := tx.Commit(); err != nil {
		return err
	}
	if _, err := f.db.Exec(`INSERT INTO bullets(bullets) VALUES ('optimize')`); err != nil {
		return err
	}
	f.stmt, err = f.db.Prepare(`SELECT rowid, highlight(bullets, 0, '<mark>', '</mark>') FROM bullets WHERE bullets MATCH ? ORDER BY rank LIMIT ?`)
	return err
}

var word = regexp.MustCompile(`[\p{L}\p{N}]+`)

// matchExpr turns free text into an FTS5 query: every word quoted (so
// none is read as an operator) and OR-ed, the same any-word semantics as
// Vitae's keyword side, ranked by bm25.
func matchExpr(text string) string {
	ws := word.FindAllString(text, -1)
	for i, w := range ws {
		ws[i] = `"` + w + `"`
	}
	return strings.Join(ws, " OR ")
}

// search returns the IDs ("résumé-id#ref") of the best limit bullets.
func (f *fts) search(ctx context.Context, text string, limit int) ([]string, error) {
	expr := matchExpr(text)
	if expr == "" {
		return nil, nil
	}
	rows, err := f.stmt.QueryContext(ctx, expr, limit)
	if err != nil {
		return nil, fmt.Errorf("fts5 %q: %w", expr, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id int
		var hl string
		if err := rows.Scan(&id, &hl); err != nil {
			return nil, err
		}
		out = append(out, f.ids[id-1])
	}
	return out, rows.Err()
}

// timeQueries runs the queries once untimed, then rounds times timed.
func (f *fts) timeQueries(ctx context.Context, queries []string, rounds int) ([]time.Duration, error) {
	for _, q := range queries {
		if _, err := f.search(ctx, q, 10); err != nil {
			return nil, err
		}
	}
	var ds []time.Duration
	for r := 0; r < rounds; r++ {
		for _, q := range queries {
			t := time.Now()
			if _, err := f.search(ctx, q, 10); err != nil {
				return nil, err
			}
			ds = append(ds, time.Since(t))
		}
	}
	return ds, nil
}

func (f *fts) close() error { return f.db.Close() }
