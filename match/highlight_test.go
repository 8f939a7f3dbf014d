package match

import "testing"

// Words joined by a slash: a wanted part is marked on its own, a wanted
// whole stays one mark.
func TestHighlightSlashedWords(t *testing.T) {
	tests := []struct {
		text  string
		words []string
		want  string
	}{
		{"Served 40k ops/s at p99", []string{"ops"}, "Served 40k <mark>ops</mark>/s at p99"},
		{"Built CI/CD pipelines", []string{"ci/cd", "ci"}, "Built <mark>CI/CD</mark> pipelines"},
		{"Built CI/CD pipelines", []string{"cd"}, "Built CI/<mark>CD</mark> pipelines"},
		{"Ran TCP/IP and UDP/QUIC stacks.", []string{"tcp", "quic"}, "Ran <mark>TCP</mark>/IP and UDP/<mark>QUIC</mark> stacks."},
		{"Led <a/b> teams", []string{"b"}, "Led &lt;a/<mark>b</mark>&gt; teams"},
		{"Wrote docs/guides/", []string{"guides"}, "Wrote docs/<mark>guides</mark>/"},
	}
	for _, tt := range tests {
		if got := highlight(tt.text, tt.words); got != tt.want {
			t.Errorf("highlight(%q, %q) = %q, want %q", tt.text, tt.words, got, tt.want)
		}
	}
}
