package ingest

import "testing"

// TestListItem: the markers of Markdown, word processors and PDFs start an
// item; a number with a decimal, a ruler and a hyphenated word do not.
func TestListItem(t *testing.T) {
	tests := []struct {
		line, text string
		ok         bool
	}{
		{"- Kubernetes in production", "Kubernetes in production", true},
		{"  * Go, Rust", "Go, Rust", true},
		{"• Terraform", "Terraform", true},
		{"● Led a team of five", "Led a team of five", true},
		{"\uf0b7 Built CI/CD pipelines", "Built CI/CD pipelines", true}, // pdftotext's Symbol-font bullet
		{"➢ On-call process improvements", "On-call process improvements", true},
		{"– Reduced cloud costs", "Reduced cloud costs", true},
		{"12) Shipped the billing service", "Shipped the billing service", true},
		{"-", "", true},           // a lone marker: an empty item
		{"•\u00a0Go", "Go", true}, // a no-break space after the bullet
		{"-\u00a0Kubernetes", "Kubernetes", true},
		{"•Go", "Go", true},                     // a bullet glyph needs no space
		{"\uf0a7 Terraform", "Terraform", true}, // Wingdings bullets as pdftotext writes them
		{"\uf0d8 Terraform", "Terraform", true},
		{"→ On-call experience", "On-call experience", true}, // arrows and emoji a pasted JD uses
		{"👉 Python or Go", "Python or Go", true},
		{"✔️ Terraform", "Terraform", true},                     // with the emoji variation selector
		{"a. Experience with dbt", "Experience with dbt", true}, // a lettered list
		{"b) Snowflake or BigQuery", "Snowflake or BigQuery", true},
		{"e.g. Kafka", "", false},
		{"J. Smith led the team", "", false}, // an initial is no letter of a list
		{"*emphasis* here", "", false},
		{"1.5 years of Go", "", false},
		{"---", "", false},
		{"-Kubernetes", "", false},
		{"Kubernetes in production", "", false},
	}
	for _, tt := range tests {
		text, ok := ListItem(tt.line)
		if text != tt.text || ok != tt.ok {
			t.Errorf("ListItem(%q) = %q, %v; want %q, %v", tt.line, text, ok, tt.text, tt.ok)
		}
	}
}

// TestStartsLowerAndIndentWidth: what says a line continues the item or
// sentence before it — a lower-case start, or an indent of two spaces or a
// tab.
func TestStartsLowerAndIndentWidth(t *testing.T) {
	tests := []struct {
		line   string
		lower  bool
		indent int
	}{
		{"distributed systems", true, 0},
		{"Distributed systems", false, 0},
		{"éclairs and coffee", true, 0}, // a letter beyond ASCII
		{"  services", false, 2},        // the indent comes before the letter
		{"\tservices", false, 4},
		{" \t- Go", false, 5},
		{"3 years", false, 0},
		{"", false, 0},
		{"   ", false, 3},
	}
	for _, tt := range tests {
		if got := StartsLower(tt.line); got != tt.lower {
			t.Errorf("StartsLower(%q) = %v, want %v", tt.line, got, tt.lower)
		}
		if got := IndentWidth(tt.line); got != tt.indent {
			t.Errorf("IndentWidth(%q) = %d, want %d", tt.line, got, tt.indent)
		}
	}
}
