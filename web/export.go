package web

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"vitae"
)

// exportRow is one candidate of an exported list.
type exportRow struct {
	Rank          int            `json:"rank"`
	ResumeID      string         `json:"resume_id"`
	Name          string         `json:"name"`
	Title         string         `json:"title"`
	Location      string         `json:"location,omitempty"`
	Years         float64        `json:"years"`
	RelevantYears float64        `json:"relevant_years"`
	Score         float64        `json:"score"`
	Note          string         `json:"note,omitempty"`
	Matched       []exportBullet `json:"matched_bullets"`
}

type exportBullet struct {
	Text  string  `json:"text"`
	Score float64 `json:"score"`
	Why   string  `json:"why,omitempty"`
}

func exportRows(cards []card, query string) []exportRow {
	rows := make([]exportRow, 0, len(cards))
	for i, c := range cards {
		row := exportRow{Rank: i + 1, ResumeID: c.ResumeID, Name: c.Name, Title: c.Title, Location: c.Location, Years: c.Years,
			RelevantYears: c.RelevantYears, Score: round3(c.Score), Note: c.Note, Matched: []exportBullet{}}
		for _, h := range c.Hits[:min(3, len(c.Hits))] {
			row.Matched = append(row.Matched, exportBullet{Text: h.Text, Score: round3(h.Score), Why: hitWhy(query, h)})
		}
		rows = append(rows, row)
	}
	return rows
}

func round3(f float64) float64 { return float64(int(f*1000+0.5)) / 1000 }

var reUnsafeName = regexp.MustCompile(`[^a-z0-9]+`)

// writeExport answers rows as CSV or JSON, as a download named for name.
func writeExport(c *gin.Context, rows []exportRow, name string) {
	slug := strings.Trim(reUnsafeName.ReplaceAllString(strings.ToLower(name), "-"), "-")
	if slug == "" || len(slug) > 60 {
		slug = "vitae-export"
	}
	format := c.DefaultQuery("format", "csv")
	switch format {
	case "json":
		c.Header("Content-Disposition", `attachment; filename="`+slug+`.json"`)
		data, _ := json.MarshalIndent(gin.H{"candidates": rows, "exported": time.Now().UTC().Format(time.RFC3339)}, "", "  ")
		c.Data(http.StatusOK, "application/json; charset=utf-8", data)
	case "csv":
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		w.Write([]string{"rank", "resume_id", "name", "title", "location", "years", "relevant_years", "score", "note", "matched_bullets", "bullet_scores"})
		for _, r := range rows {
			var texts, scores []string
			for _, b := range r.Matched {
				texts = append(texts, b.Text)
				scores = append(scores, strconv.FormatFloat(b.Score, 'f', 3, 64))
			}
			w.Write(cellsSafe([]string{strconv.Itoa(r.Rank), r.ResumeID, r.Name, r.Title, r.Location, fmt.Sprint(r.Years), fmt.Sprint(r.RelevantYears),
				strconv.FormatFloat(r.Score, 'f', 3, 64), r.Note, strings.Join(texts, "\n"), strings.Join(scores, " ")}))
		}
		w.Flush()
		c.Header("Content-Disposition", `attachment; filename="`+slug+`.csv"`)
		c.Data(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
	default:
		c.String(http.StatusBadRequest, "format must be csv or json")
	}
}

// cellsSafe keeps a spreadsheet from running résumé text as a formula:
// a cell starting with = + - @ (or a tab / CR) gets a leading quote.
func cellsSafe(cells []string) []string {
	for i, s := range cells {
		if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
			cells[i] = "'" + s
		}
	}
	return cells
}

// exportSearch exports the search page's candidates, all of them.
func (s *Server) exportSearch(c *gin.Context) {
	p := parseSearchParams(c.Request.URL.Query())
	p.Bullets, p.Page, p.Blind = false, 1, s.pageBlind(c)
	if p.Query == "" {
		c.String(http.StatusBadRequest, "q is empty: export a search")
		return
	}
	o, err := s.search(c.Request.Context(), p, true)
	if err != nil {
		c.String(statusOf(vitae.ErrorCode(err)), vitae.ErrorMessage(err))
		return
	}
	o.mask = nil // the log names real candidates; cards are masked below
	cards, err := s.cardsOf(c.Request.Context(), o, o.cards, p)
	if err != nil {
		c.String(statusOf(vitae.ErrorCode(err)), vitae.ErrorMessage(err))
		return
	}
	if f := c.DefaultQuery("format", "csv"); f == "csv" || f == "json" {
		s.recordExport(c, p.Query, cards, p.Blind)
	}
	if p.Blind {
		m := s.masker(c.Request.Context())
		for i := range cards {
			m.card(&cards[i])
		}
	}
	writeExport(c, exportRows(cards, p.Query), "vitae "+p.Query)
}

// exportShortlist exports a shortlist with notes.
func (s *Server) exportShortlist(c *gin.Context) {
	wb, err := s.workbench()
	if err != nil {
		c.String(statusOf(vitae.ErrorCode(err)), vitae.ErrorMessage(err))
		return
	}
	l, err := wb.Shortlist(c.Param("id"))
	if err != nil {
		c.String(statusOf(vitae.ErrorCode(err)), vitae.ErrorMessage(err))
		return
	}
	cards, err := s.shortlistCards(c.Request.Context(), l, nil)
	if err != nil {
		c.String(statusOf(vitae.ErrorCode(err)), vitae.ErrorMessage(err))
		return
	}
	blind := s.pageBlind(c)
	if f := c.DefaultQuery("format", "csv"); f == "csv" || f == "json" {
		s.recordExport(c, l.Query, cards, blind)
	}
	if blind {
		m := s.masker(c.Request.Context())
		for i := range cards {
			m.card(&cards[i])
		}
	}
	writeExport(c, exportRows(cards, l.Query), "shortlist "+l.Name)
}
