package match

import "testing"

// TestStrayWordsMeetNothing: a degree requirement is met only by a bullet that
// names a degree or a course of study, never by a stray word of its field,
// or by what it offers instead ("… or an internship in software
// development"), unless that is vague ("or equivalent experience");
// a requirement of one letter matches nothing; one shared plain word of a
// two-word requirement is no evidence; "R²" is a statistic, not the R
// language; a tool-only line's tool ("Craft") is met by its name, not by
// the verb it shares a stem with, nor is a name listed among tools
// ("Invision (+ Craft)") met by its common word ("the programming
// craft").
func TestStrayWordsMeetNothing(t *testing.T) {
	tests := []struct {
		name, requirement, bullet string
		met                       bool // any level but none
	}{
		{"a stray word of the field", "BS in Computer Science", "Diagnosed client issues, checked in computers for service", false},
		{"a 1:1 is no degree", "BS in Computer Science", "Holds regular 1:1s with team members", false},
		{"science of another kind", "Degree in Computer Science or related field", "Applied data science to customer churn", false},
		{"the degree named", "BS in Computer Science", "B.S. in Computer Science, University of Michigan", true},
		{"study named", "Degree in Computer Science or related field", "Graduated in computer science", true},
		{"an internship offered instead of a degree", "A degree in computer science or a coding bootcamp, or an internship in software development", "Software Engineering Intern", true},
		{"a bootcamp offered instead of a degree", "A degree in computer science or a coding bootcamp, or an internship in software development", "Graduated from the Le Wagon coding bootcamp", true},
		{"equivalent experience is shown by no one bullet", "BS in Computer Science or equivalent experience", "Ten years of experience in computer repair", false},
		{"another degree offered is still a degree", "BS or MS in Computer Science", "Diagnosed client issues, checked in computers for service", false},
		{"one letter", "x", "Built the X-framework for internal tools", false},
		{"one capital letter", "X", "Built the X-framework for internal tools", false},
		{"one shared word of two", "Willing to travel 10 days a year", "Spoke At Philly Tech Week Dev Day", false},
		{"both words", "Willing to travel 10 days a year", "Travelled to client sites 40 days a year", true},
		{"a web site is no customer's site", "Ability to travel onsite to customer sites in North America", "Guide a large web site development team in implementing user centered design", false},
		{"a web site written open is a website", "Build and maintain the company web site", "Built and maintained the company website on WordPress", true},
		{"a lexicon language of one letter still counts", "Programming in R", "Built forecasting models in R", true},
		{"a fit's R² is no R", "Strong knowledge of R", "Raised the model's R² from 0.6 to 0.8", false},
		{"a tool is not its verb", "Craft", "Crafted compelling stories for customers", false},
		{"a tool is not its verb at the start", "Craft", "Craft compelling stories for customers", false},
		{"a tool of a list is not its verb", "Notion, Craft", "Crafted compelling stories for customers", false},
		{"a tool of a list is not its verb at the start", "Notion, Craft", "Craft compelling stories for customers", false},
		{"the tool named", "Craft", "Built the marketing site in Craft", true},
		{"the tool named in a list", "Notion, Craft", "Moved the team wiki from Notion to Craft", true},
		{"a listed name is not the common word", "Proficiency with Sketch, Zeplin, Invision (+ Craft), Adobe Suite, or comparable tools.", "Mentored those newer to the programming craft through code review", false},
		{"a listed name written as one", "Proficiency with Sketch, Zeplin, Invision (+ Craft), Adobe Suite, or comparable tools.", "Designed the landing pages in Craft", true},
		{"a run of capitals is no listed name", "Deliver data products centered around Retail Execution Commercial pillar in Databricks and Snowflake", "Built commercial data products in Databricks", true},
	}
	g := NewGraderFor(Options{StrongGate: true})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, score := g.Grade(tt.requirement, tt.bullet); (got != None) != tt.met {
				t.Errorf("%q for %q: %v (score %.2f), want met %v", tt.bullet, tt.requirement, got, score, tt.met)
			}
		})
	}
}
