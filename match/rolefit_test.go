package match

import (
	"math"
	"reflect"
	"testing"
	"time"

	"vitae"
	"vitae/index"
)

// TestRoleFit pins the two rules role fit adds to the IDF-weighted share
// of the title's terms: a title term no role of the pool carries counts
// for nothing, and a role that ended long ago counts a little less.
func TestRoleFit(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	pool := func(rs ...*vitae.Resume) map[string]*vitae.Resume {
		m := map[string]*vitae.Resume{}
		for _, r := range rs {
			m[r.ID] = r
		}
		return m
	}
	current := resume("current", "C", "X", "Analytics Engineer", "2020-01", "", "Built dbt models")
	former := resume("former", "F", "Y", "Analytics Engineer", "2010-01", "2016-01", "Built dbt models")
	nurse := resume("nurse", "N", "Z", "Nurse", "2015-01", "", "Cared for patients")
	seniorDev := resume("senior-dev", "S", "X", "Senior Software Engineer", "2020-01", "", "Built services")
	devops := resume("devops", "D", "X", "DevOps Engineer", "2020-01", "", "Ran Kubernetes clusters")
	marketer := resume("marketer", "M", "X", "Marketing Campaigns Manager", "2020-01", "", "Ran email campaigns")
	engManager := resume("eng-manager", "E", "X", "Software Engineering Manager", "2020-01", "", "Managed eight engineers")
	opsEngineer := resume("ops-engineer", "O", "X", "Ops Engineer", "2020-01", "", "Ran the on-call rota")
	developer := resume("developer", "V", "X", "Developer", "2020-01", "", "Built services")
	// IDF over a pool of two: a term both roles carry, and one only one does.
	common, rare := math.Log(1+3.0/3), math.Log(1+3.0/2)
	decayed := 1 - 0.3*(1-math.Pow(0.5, 10.0/5)) // ended ten years before now
	tests := []struct {
		name     string
		title    string
		halfLife float64
		resumes  map[string]*vitae.Resume
		want     map[string]float64
	}{
		{"employer and seniority nobody's role carries are left out", "Senior Analytics Engineer — The LEGO Group", 5,
			pool(current, nurse), map[string]float64{"current": 1, "nurse": 0}},
		{"a role that ended ten years ago", "Analytics Engineer", 5,
			pool(current, former), map[string]float64{"current": 1, "former": decayed}},
		{"no decay without a half-life", "Analytics Engineer", 0,
			pool(current, former), map[string]float64{"current": 1, "former": 1}},
		{"no title term in any role: no role fit", "Head of Training", 5,
			pool(current, nurse), map[string]float64{}},
		{"a level both titles say counts for nothing", "Senior Analytics Engineer", 5,
			pool(current, seniorDev), map[string]float64{"current": 1, "senior-dev": common / (common + rare)}},
		{"another name of the role in parentheses fits fully", "Site Reliability Engineer (DevOps/SRE)", 5,
			pool(devops, nurse), map[string]float64{"devops": 1, "nurse": 0}},
		{"a product manager is a PM", "Director of PM", 5,
			pool(resume("pm", "P", "X", "Director of Product Management", "2020-01", "", "Ran the roadmap"), nurse), map[string]float64{"pm": 1, "nurse": 0}},
		{"a DevOps engineer does operations", "Senior Operations", 5,
			pool(devops, nurse), map[string]float64{"devops": 1, "nurse": 0}},
		{"ops is operations, both ways", "Operations Engineer", 5,
			pool(opsEngineer, nurse), map[string]float64{"ops-engineer": 1, "nurse": 0}},
		{"an operations title is not thereby DevOps", "DevOps Engineer", 5,
			pool(opsEngineer, devops), map[string]float64{"ops-engineer": common / (common + rare), "devops": 1}},
		{"a developer is not ops", "Ops Engineer", 5,
			pool(developer, opsEngineer), map[string]float64{"developer": 0, "ops-engineer": 1}},
		{"a team in parentheses is not the role", "Software Engineering Manager (Marketing Campaigns)", 5,
			pool(marketer, engManager), map[string]float64{"marketer": common / (common + 2*rare), "eng-manager": 1}},
		// Short-name misreads: a time of day, a field.
		{"a PM shift is no product manager", "Product Manager", 5,
			pool(resume("rn", "R", "X", "RN - PM Shift", "2020-01", "", "Cared for patients"), resume("pm", "P", "X", "Product Manager", "2020-01", "", "Ran the roadmap")),
			map[string]float64{"rn": 0, "pm": 1}},
		{"the headline is a title held now", "Backend Engineer", 5,
			pool(labelled(resume("staff", "A", "X", "Staff Engineer", "2010-01", "2016-01", "Built services"), "Backend Engineer"), seniorDev),
			map[string]float64{"staff": 1, "senior-dev": math.Log(1+3.0/4) / (math.Log(1+3.0/4) + rare)}}, // "engineer" in three titles of two résumés
		{"a trainer does training", "Head of Training", 5,
			pool(resume("trainer", "T", "X", "Trainer of DevOps Engineers", "2020-01", "", "Ran workshops"), nurse),
			map[string]float64{"trainer": 1, "nurse": 0}},
		{"a team leader leads", "Team Lead", 5,
			pool(resume("leader", "L", "X", "Team Leader", "2020-01", "", "Ran the team"), nurse),
			map[string]float64{"leader": 1, "nurse": 0}},
		{"a DevOps engineer does no operations research", "Operations Research Analyst", 5,
			pool(devops, resume("analyst", "A", "X", "Data Analyst", "2020-01", "", "Built reports")),
			map[string]float64{"devops": 0, "analyst": 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := defaultWeights
			w.RecencyHalfLife = tt.halfLife
			got, _ := roleFit(tt.title, tt.resumes, w, now, true)
			if len(got) != len(tt.want) {
				t.Fatalf("role fit %v, want %v", got, tt.want)
			}
			for id, want := range tt.want {
				if math.Abs(got[id]-want) > 0.01 {
					t.Errorf("%s: role fit %.3f, want %.3f", id, got[id], want)
				}
			}
		})
	}
}

// labelled is r with headline label.
func labelled(r *vitae.Resume, label string) *vitae.Resume {
	r.Label = label
	return r
}

// TestRoleTitles pins how a JD title is read for role fit: the role
// without employer, team, marker or level, and the other names of the
// role a parenthesised slash list gives.
func TestRoleTitles(t *testing.T) {
	tests := []struct {
		title string
		want  [][]string
	}{
		{"Site Reliability Engineer (Devops/SRE)", [][]string{{"site", "reliabl", "engin"}, {"devop"}, {"sre"}}},
		{"Data Engineer, Traveler Data Engineering — GetYourGuide", [][]string{{"data", "engin"}}},
		{"Software Engineering Manager (Marketing Campaigns)", [][]string{{"softwar", "engin", "manag"}}},
		{"Data Engineering Lead (m/w/d) — Riverty", [][]string{{"data", "engin"}}}, // "lead" is a level
		{"Lead Data Scientist", [][]string{{"data", "scientist"}}},
		{"Senior Analytics Engineer — The LEGO Group", [][]string{{"analyt", "engin"}}},
		{"Director of PM - MCAM", [][]string{{"director", "pm"}}},
		{"Sr. Staff Backend Engineer | Remote", [][]string{{"backend", "engin"}}},
		{"Director, Product Management", [][]string{{"director", "product", "manag"}}},
		{"Senior Manager – Data Platform", [][]string{{"manag", "data", "platform"}}},
		{"Tech Lead", [][]string{{"tech", "lead"}}}, // a lead's role, not "Tech"
		{"Team Lead — Helmes", [][]string{{"team", "lead"}}},
		{"QA Lead", [][]string{{"qa", "lead"}}},
		{"Senior Engineering Lead", [][]string{{"engin", "lead"}}},
		{"Site Reliability Engineer (Devops/SRE) III", [][]string{{"site", "reliabl", "engin"}, {"devop"}, {"sre"}}},
		{"Data Engineer (Remote/EU)", [][]string{{"data", "engin"}}}, // where, not another name
		{"Data Engineer (Hybrid / Berlin)", [][]string{{"data", "engin"}}},
		{"Site Reliability Engineer #4512", [][]string{{"site", "reliabl", "engin"}}},
		{"Backend Engineer 2", [][]string{{"backend", "engin"}}},
		{"Backend Engineer L5 (2024)", [][]string{{"backend", "engin"}}},
		{"Backend Engineer / Remote", [][]string{{"backend", "engin"}}},
		{"Backend Engineer [Remote]", [][]string{{"backend", "engin"}}},
		{"Backend Engineer (Hybrid/On-site)", [][]string{{"backend", "engin"}}},
		{"Software Engineer III", [][]string{{"softwar", "engin"}}},
		{"Software Engineer 2 [Remote]", [][]string{{"softwar", "engin"}}},
		{"Data Engineer #A123", [][]string{{"data", "engin"}}},
		{"Data Engineer Remote", [][]string{{"data", "engin"}}},
		{"Data Engineer - Hybrid", [][]string{{"data", "engin"}}},
		// A place word, a number or a roman numeral inside the role is
		// a word of it.
		{"Remote Sensing Scientist", [][]string{{"remot", "sens", "scientist"}}},
		{"Hybrid Cloud Architect", [][]string{{"hybrid", "cloud", "architect"}}},
		{"B2B Sales Manager", [][]string{{"b2b", "sale", "manag"}}},
		{"Web3 Engineer", [][]string{{"web3", "engin"}}},
		{"3D Artist", [][]string{{"3d", "artist"}}},
		{"5G Network Engineer", [][]string{{"5g", "network", "engin"}}},
		{"IV&V Engineer", [][]string{{"iv", "v", "engin"}}},
		{"Vi Developer", [][]string{{"vi", "develop"}}},
		// Words after "in" stay in the role: a field is no place
		// (placeTerms leaves a place no one carries out of share).
		{"Data Engineer in Berlin", [][]string{{"data", "engin", "berlin"}}},
		{"Data Engineer in Berlin, Germany", [][]string{{"data", "engin", "berlin"}}},
		{"Research Scientist in Machine Learning", [][]string{{"research", "scientist", "machin", "learn"}}},
		{"Data Scientist in Computer Vision", [][]string{{"data", "scientist", "comput", "vision"}}},
		{"Data Analyst in Finance", [][]string{{"data", "analyst", "financ"}}},
		{"Software Engineer in Test", [][]string{{"softwar", "engin", "test"}}},
		{"Lecturer in Statistics", [][]string{{"lectur", "statist"}}},
		{"Software Engineer in Test in Berlin", [][]string{{"softwar", "engin", "test", "berlin"}}},
		{"Senior", [][]string{{"senior"}}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := roleTitles(tt.title); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("roleTitles(%q) = %v, want %v", tt.title, got, tt.want)
		}
	}
}

// TestTitlePartsLead: "lead" counts as a role word where a title is cut
// at an employer or team, so a lead's title keeps only its role.
func TestTitlePartsLead(t *testing.T) {
	for _, tt := range []struct{ title, want string }{
		{"Team Lead — Helmes", "Team Lead"},
		{"Tech Lead - Stripe", "Tech Lead"},
		{"Technical Lead — Acme", "Technical Lead"},
		{"Team Lead, Payments", "Team Lead"},
		{"Engineering Lead | Remote", "Engineering Lead"},
		{"Senior Manager – Data Platform", "Senior Manager – Data Platform"}, // a one-word head
		{"Director, Product Management", "Director, Product Management"},
	} {
		if got, _ := titleParts(tt.title); got != tt.want {
			t.Errorf("titleParts(%q) = %q, want %q", tt.title, got, tt.want)
		}
	}
}

// TestNameTerms: a role title that names a role by its short name or its
// long one carries the terms of the other, and a "…Ops" compound those
// of ops and operations; words that only end in "ops" add nothing.
func TestNameTerms(t *testing.T) {
	ops := []string{"op", "oper"}
	for _, tt := range []struct {
		title string
		want  []string
	}{
		{"DevOps Engineer", ops},
		{"Dev-Ops Engineer", []string{"oper"}},
		{"SysOps Administrator", ops},
		{"Ops Engineer", []string{"oper"}},
		{"Operations Manager", []string{"op"}},
		{"Lead Product Manager - Design", []string{"pm"}},
		{"Senior PM", []string{"product", "manag"}},
		{"SRE", []string{"site", "reliabl"}},
		{"Senior Quality Assurance Engineer", []string{"qa"}},
		{"ML Engineer", []string{"machin", "learn"}},
		// One row per pair, each way where the first one is not above.
		{"UX Designer", []string{"user", "experi"}},
		{"User Experience Designer", []string{"ux"}},
		{"UI Developer", []string{"user", "interfac"}},
		{"User Interface Developer", []string{"ui"}},
		{"AI Engineer", []string{"artifici", "intellig"}},
		{"Artificial Intelligence Researcher", []string{"ai"}},
		{"Business Intelligence Analyst", []string{"bi"}},
		{"HR Manager", []string{"human", "resourc"}},
		{"Human Resources Generalist", []string{"hr"}},
		{"VP of Engineering", []string{"vice", "presid"}},
		{"Vice President, Sales", []string{"vp"}},
		{"CTO", []string{"chief", "technolog", "offic"}},
		{"Chief Technology Officer", []string{"cto"}},
		{"SWE", []string{"softwar", "engin"}},
		{"Software Engineer", []string{"swe"}},
		{"Site Reliability Engineer", []string{"sre"}},
		{"Machine Learning Engineer", []string{"ml"}},
		{"QA Tester", []string{"qualiti", "assur"}},
		{"Product Manager", []string{"pm"}},
		// One row per kind of "…Ops".
		{"DevSecOps", ops}, {"SecOps", ops}, {"MLOps", ops}, {"AIOps", ops}, {"DataOps", ops},
		{"NetOps", ops}, {"ITOps", ops}, {"BizOps", ops}, {"FinOps", ops}, {"RevOps", ops},
		{"CloudOps", ops}, {"GitOps", ops}, {"InfraOps", ops}, {"LLMOps", ops},
		// Misfires: words that share a stem or spelling with a name.
		{"Co-op Student", nil},
		{"Machine Operator", nil},
		{"Operating Room Nurse", nil},
		{"Operational Excellence Lead", nil},
		{"Project Manager (PM)", nil},
		{"Technical Program Manager, PM", nil},
		{"Bi-lingual Customer Support", nil},
		{"RN - PM Shift", nil},
		{"Nurse, AM/PM", nil},
		{"Operations Research Analyst", nil},
		{"Op-Ed Editor", nil},
		{"Operations Manager, Research", []string{"op"}},
		{"BI Analyst", []string{"busi", "intellig"}},
		{"Bi-lingual BI Analyst", []string{"busi", "intellig"}},
		// A rival long form the title states ("Project Manager (PM)"
		// above) makes a short name a misread; a long form's last word
		// alone does not, in the role, its team or another role.
		{"Reliability Engineer (SRE)", []string{"site", "reliabl"}},
		{"Experience Designer (UX)", []string{"user", "experi"}},
		{"UX Researcher, Customer Experience", []string{"user", "experi"}},
		{"ML Engineer, Learning Platform", []string{"machin", "learn"}},
		{"SWE, Infrastructure Engineering", []string{"softwar", "engin"}},
		{"CTO & Chief Product Officer", []string{"chief", "technolog", "offic"}},
		{"Head of UX / Experience Design", []string{"user", "experi"}},
		{"Program Manager", nil},
		{"PM, Project Management Office", nil},
		{"Senior PM, Product Management", []string{"product", "manag", "pm"}},
		{"Workshops Coordinator", nil},
		{"Desktops Support", nil},
		{"Software Developer", nil},
	} {
		if got, _ := nameTerms(tt.title, index.Terms(tt.title)); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("nameTerms(%q) = %v, want %v", tt.title, got, tt.want)
		}
	}
}

// TestRoleWordsShare: role words weigh, beside role sense, the share of
// the role's words some pooled title carries. A role word no title
// carries ("analytics") leaves role words reading only "engineer", so
// the model's reading of the titles counts for more; without a model,
// role words alone.
func TestRoleWordsShare(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	dev := resume("dev", "D", "X", "Software Engineer", "2020-01", "", "Built services")
	nurse := resume("nurse", "N", "Z", "Nurse", "2015-01", "", "Cared for patients")
	analytics := resume("analytics", "A", "X", "Analytics Engineer", "2020-01", "", "Built dbt models")
	pool := map[string]*vitae.Resume{"dev": dev, "nurse": nurse}
	fit, share := roleFit("Senior Analytics Engineer", pool, defaultWeights, now, true)
	if fit["dev"] != 1 || share <= 0 || share >= 0.5 {
		t.Fatalf("no title says analytics: the engineer fits %v, share %v; want 1 and a small share", fit["dev"], share)
	}
	if _, all := roleFit("Senior Analytics Engineer", map[string]*vitae.Resume{"dev": dev, "analytics": analytics}, defaultWeights, now, true); all != 1 {
		t.Errorf("a title says analytics: share %v, want 1", all)
	}
	// The best of the role's names: "SRE" is carried whole, the long
	// name lacks "engineer", the team "analytics" is carried by no one.
	sre := map[string]*vitae.Resume{"sre": resume("sre", "S", "X", "SRE", "2020-01", "", "Ran clusters"), "nurse": nurse}
	if _, best := roleFit("Site Reliability Engineer (SRE/Analytics)", sre, defaultWeights, now, true); best != 1 {
		t.Errorf("the best of the role's names: share %v, want 1", best)
	}
	if _, none := roleFit("", pool, defaultWeights, now, true); none != 1 {
		t.Errorf("no title: share %v, want 1 (no word of the role is missing)", none)
	}
	// A grade, an id or a place is no word of the role.
	for _, title := range []string{"Software Engineer III", "Software Engineer #4512", "Software Engineer L5", "Software Engineer 2 [Remote]", "Software Engineer in Berlin"} {
		if _, all := roleFit(title, pool, defaultWeights, now, true); all != 1 {
			t.Errorf("%q: share %v, want 1", title, all)
		}
	}
	w := defaultWeights
	for _, tt := range []struct {
		name                        string
		words, share, sense, search float64
		rs, want                    float64
	}{
		{"every word carried: the mean 1 : 0.75", 1, 1, 0.2, 0, 0.75, (1 + 0.75*0.2) / 1.75},
		{"a fifth carried: words weigh a fifth", 1, 0.2, 0.2, 0, 0.75, (0.2 + 0.75*0.2) / 0.95},
		{"none carried: sense alone", 0, 0, 0.6, 0, 0.75, 0.6},
		{"no model: words alone", 0.8, 0.2, 0, 0, 0, 0.8},
		{"the title search floor", 0, 1, 0, 1, 0.75, 0.25},
	} {
		w.RoleSense = tt.rs
		if got := roleFitOf(tt.words, tt.share, tt.sense, tt.search, w); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("%s: role fit %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestPlaceTerms: the words after a title's last " in " are the ones
// share may leave out (when no pooled title carries them).
func TestPlaceTerms(t *testing.T) {
	tests := []struct {
		title string
		want  map[string]bool
	}{
		{"Data Engineer in Berlin", map[string]bool{"berlin": true}},
		{"Data Engineer in Berlin, Germany", map[string]bool{"berlin": true}},
		{"Software Engineer in Test in Berlin", map[string]bool{"berlin": true}},
		{"Research Scientist in Machine Learning", map[string]bool{"machin": true, "learn": true}},
		{"Software Engineer in Test", nil},
		{"Lecturer in Statistics", nil},
		{"Data Engineer", nil},
	}
	for _, tt := range tests {
		if got := placeTerms(tt.title); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("placeTerms(%q) = %v, want %v", tt.title, got, tt.want)
		}
	}
}

// TestHeadlineSameAsOldTitle: a headline that repeats an old role's title
// is still held now, however it is cased (role words and role sense read
// it alike).
func TestHeadlineSameAsOldTitle(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	mk := func(label string) *vitae.Resume {
		r := resume("a", "A", "X", "Backend Engineer", "2005-01", "2016-01", "Built services")
		r.Bullets = append(r.Bullets, resume("a", "A", "Y", "Staff Engineer", "2016-01", "", "Led design reviews").Bullets...)
		r.Label = label
		return r
	}
	w := defaultWeights
	w.RecencyHalfLife = 5 // config.yaml's recency_half_life
	other := resume("b", "B", "X", "Nurse", "2020-01", "", "Cared for patients")
	same, _ := roleFit("Backend Engineer", map[string]*vitae.Resume{"a": mk("Backend Engineer"), "b": other}, w, now, true)
	cased, _ := roleFit("Backend Engineer", map[string]*vitae.Resume{"a": mk("Backend engineer"), "b": other}, w, now, true)
	if same["a"] != cased["a"] {
		t.Errorf("headline %q: role fit %.3f; headline %q: %.3f — the headline is held now either way", "Backend Engineer", same["a"], "Backend engineer", cased["a"])
	}
}
