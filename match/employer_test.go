package match

import "testing"

// TestEmployerNamed: a tool named only by the company's own name is the
// employer (a tryout saw "Hive thermostat data" at Hive strong for
// "one of: Redshift, BigQuery, Hive"; Hive is a group of its own in the
// lexicon, whose canonical name the requirement holds); named beside it,
// or by another word, it is the tool.
func TestEmployerNamed(t *testing.T) {
	for _, tc := range []struct {
		names         []string
		text, company string
		want          bool
	}{
		{[]string{"Redshift", "BigQuery", "Hive"}, "Built products derived from Hive thermostat data", "Hive", true},
		{[]string{"Redshift", "BigQuery", "Hive"}, "Built products derived from Hive thermostat data into BigQuery", "Hive", false},
		{[]string{"Redshift", "BigQuery", "Hive"}, "Deployed a data platform (VAST S3, Hive, Trino)", "Maven Securities", false},
		{[]string{"Hive"}, "Queried clickstream tables in Hive", "", false},
		{[]string{"Kubernetes"}, "Ran Kubernetes in production", "Hive", false},
		// A name of several words is dropped whole, not word by word.
		{[]string{"Go"}, "Built Go microservices handling payments", "Go Daddy", false},
		{[]string{"Go"}, "Built Go Daddy's checkout pages", "Go Daddy", true},
	} {
		if got := employerNamed(tc.names, tc.text, tc.company); got != tc.want {
			t.Errorf("employerNamed(%v, %q, %q) = %v, want %v", tc.names, tc.text, tc.company, got, tc.want)
		}
	}
}
