package main

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"

	"vitae/audit"
	"vitae/index"
)

// TestConfigYAMLMatchesDefaults keeps the documented config.yaml and the
// built-in defaults in step: reading the file must change nothing, and it
// must name every key.
func TestConfigYAMLMatchesDefaults(t *testing.T) {
	t.Chdir(t.TempDir()) // no ./config.yaml here
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	defaults, err := loadConfig("", nil)
	if err != nil {
		t.Fatal(err)
	}
	fromFile, err := loadConfig(repoFile(t, "config.yaml"), nil)
	if err != nil {
		t.Fatal(err)
	}
	fromFile.File = ""
	if diff := cmp.Diff(defaults, fromFile); diff != "" {
		t.Errorf("config.yaml differs from the built-in defaults (-defaults +file):\n%s", diff)
	}

	v := viper.New()
	v.SetConfigFile(repoFile(t, "config.yaml"))
	if err := v.ReadInConfig(); err != nil {
		t.Fatal(err)
	}
	d := viper.New()
	setDefaults(d)
	for _, key := range d.AllKeys() {
		if key == "embed.api_key" {
			continue // environment only, on purpose
		}
		if !v.IsSet(key) {
			t.Errorf("config.yaml does not document %s", key)
		}
	}
}

func TestConfigPrecedence(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "xdg"))
	write(t, filepath.Join(dir, "xdg", "vitae", "config.yaml"), "index:\n  path: from-xdg\nsearch:\n  mode: keyword\n")

	cfg, err := loadConfig("", nil)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Index.Path != "from-xdg" || cfg.Search.Mode != "keyword" {
		t.Errorf("XDG config not read: path %q mode %q", cfg.Index.Path, cfg.Search.Mode)
	}

	write(t, filepath.Join(dir, "config.yaml"), "index:\n  path: from-cwd\n")
	cfg, err = loadConfig("", nil)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Index.Path != "from-cwd" || cfg.Search.Mode != "hybrid" {
		t.Errorf("./config.yaml should win over XDG: path %q mode %q", cfg.Index.Path, cfg.Search.Mode)
	}

	explicit := filepath.Join(dir, "other.yaml")
	write(t, explicit, "index:\n  path: from-flag-file\n")
	cfg, err = loadConfig(explicit, nil)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Index.Path != "from-flag-file" {
		t.Errorf("--config should win: path %q", cfg.Index.Path)
	}

	t.Setenv("VITAE_INDEX_PATH", "from-env")
	cfg, err = loadConfig(explicit, nil)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Index.Path != "from-env" {
		t.Errorf("env should override the file: path %q", cfg.Index.Path)
	}

	fs := pflag.NewFlagSet("test", pflag.ContinueOnError)
	fs.String("index", "", "")
	if err := fs.Parse([]string{"--index", "from-flag"}); err != nil {
		t.Fatal(err)
	}
	cfg, err = loadConfig(explicit, map[string]*pflag.Flag{"index.path": fs.Lookup("index")})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Index.Path != "from-flag" {
		t.Errorf("flag should override env: path %q", cfg.Index.Path)
	}

	if _, err := loadConfig(filepath.Join(dir, "missing.yaml"), nil); err == nil {
		t.Error("a missing --config file should be an error")
	}
}

func TestConfigInvalidListsEveryProblem(t *testing.T) {
	t.Chdir(t.TempDir())
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	file := filepath.Join(t.TempDir(), "bad.yaml")
	write(t, file, `
index:
  backend: cassandra
embed:
  provider: magic
  batch_size: 0
search:
  mode: fuzzy
  semantic_ratio: 1.5
  ranking: clever
log:
  level: loud
`)
	_, err := loadConfig(file, nil)
	if err == nil {
		t.Fatal("want an error for an invalid config")
	}
	for _, want := range []string{`index.backend: "cassandra" is not one of`, "embedded", "embed.provider", "embed.batch_size", "search.mode", "search.semantic_ratio", `search.ranking: "clever"`, "log.level"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not mention %s:\n%v", want, err)
		}
	}

	t.Setenv("VITAE_SEARCH_SEMANTIC_RATIO", "2")
	_, err = loadConfig("", nil)
	if err == nil || !strings.Contains(err.Error(), "search.semantic_ratio") {
		t.Errorf("invalid env value should be reported, got %v", err)
	}
}

// TestConfigStrongSenseRange: match.strong_sense is a cosine threshold,
// 0..1; NaN (which the rules fingerprint could not encode) is refused.
func TestConfigStrongSenseRange(t *testing.T) {
	t.Chdir(t.TempDir())
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	for _, v := range []string{"NaN", "1.5", "-0.1"} {
		t.Setenv("VITAE_MATCH_STRONG_SENSE", v)
		if _, err := loadConfig("", nil); err == nil || !strings.Contains(err.Error(), "match.strong_sense") {
			t.Errorf("strong_sense %s: err %v; want match.strong_sense named", v, err)
		}
	}
	for _, v := range []string{"0", "0.35", "1"} {
		t.Setenv("VITAE_MATCH_STRONG_SENSE", v)
		if _, err := loadConfig("", nil); err != nil {
			t.Errorf("strong_sense %s: %v", v, err)
		}
	}
}

// TestConfigCoreWeightRange: match.core_weight is 0 ≤ w < 1; at 1 a
// requirement that is not core weighs nothing, and a JD with no core
// requirement scored 0/0.
func TestConfigCoreWeightRange(t *testing.T) {
	t.Chdir(t.TempDir())
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	for _, v := range []string{"NaN", "1", "1.5", "-0.1"} {
		t.Setenv("VITAE_MATCH_CORE_WEIGHT", v)
		if _, err := loadConfig("", nil); err == nil || !strings.Contains(err.Error(), "match.core_weight") {
			t.Errorf("core_weight %s: err %v; want match.core_weight named", v, err)
		}
	}
	for _, v := range []string{"0", "0.6", "0.99"} {
		t.Setenv("VITAE_MATCH_CORE_WEIGHT", v)
		if _, err := loadConfig("", nil); err != nil {
			t.Errorf("core_weight %s: %v", v, err)
		}
	}
}

// TestConfigFeedbackRange: match.feedback is a share of the score,
// 0 ≤ w < 1 (at 1 a career unlike the top ones would score 0); with
// feedback on, match.feedback_top averages at least two profiles (a top
// candidate is read against the others') and at most the candidates
// feedback reads; with it off, feedback_top is not read.
func TestConfigFeedbackRange(t *testing.T) {
	t.Chdir(t.TempDir())
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	for _, tt := range []struct {
		feedback, top, named string
		ok                   bool
	}{
		{"NaN", "5", "match.feedback", false},
		{"-0.1", "5", "match.feedback", false},
		{"1.5", "5", "match.feedback", false},
		{"1", "5", "match.feedback", false},
		{"0.3", "5", "", true},
		{"0.99", "5", "", true},
		{"0.3", "1", "match.feedback_top", false},
		{"0.3", "51", "match.feedback_top", false},
		{"0.3", "2", "", true},
		{"0.3", "50", "", true},
		{"0", "0", "", true}, // off: feedback_top is not read
	} {
		t.Run(tt.feedback+","+tt.top, func(t *testing.T) {
			t.Setenv("VITAE_MATCH_FEEDBACK", tt.feedback)
			t.Setenv("VITAE_MATCH_FEEDBACK_TOP", tt.top)
			_, err := loadConfig("", nil)
			if tt.ok && err != nil {
				t.Errorf("%v", err)
			}
			if !tt.ok && (err == nil || !strings.Contains(err.Error(), tt.named)) {
				t.Errorf("err %v; want %s named", err, tt.named)
			}
		})
	}
}

func TestEmbedAPIKeyFromEnvironmentOnly(t *testing.T) {
	t.Chdir(t.TempDir())
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("OPENAI_API_KEY", "sk-openai")
	cfg, err := loadConfig("", nil)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Embed.APIKey != "sk-openai" {
		t.Errorf("OPENAI_API_KEY not used: %q", cfg.Embed.APIKey)
	}
	t.Setenv("VITAE_EMBED_API_KEY", "sk-vitae")
	cfg, err = loadConfig("", nil)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Embed.APIKey != "sk-vitae" {
		t.Errorf("VITAE_EMBED_API_KEY should win over OPENAI_API_KEY: %q", cfg.Embed.APIKey)
	}
}

func write(tb testing.TB, path, content string) {
	tb.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		tb.Fatal(err)
	}
}

// repoRoot is resolved before any test changes directory.
var repoRoot, _ = filepath.Abs(filepath.Join("..", ".."))

// repoFile is a path relative to the repository root.
func repoFile(tb testing.TB, rel string) string {
	tb.Helper()
	return filepath.Join(repoRoot, rel)
}

func TestParseBytes(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
		bad  bool
	}{
		{in: "", want: 0},
		{in: "3GiB", want: 3 << 30},
		{in: "2500MiB", want: 2500 << 20},
		{in: "1.5 GiB", want: 3 << 29},
		{in: "3GB", want: 3e9},
		{in: "1048576", want: 1 << 20},
		{in: "512B", want: 512},
		{in: "lots", bad: true},
		{in: "3 parsecs", bad: true},
		{in: "-1GiB", bad: true},
		{in: "0", bad: true},
		{in: "1e30TiB", bad: true},
	} {
		got, err := parseBytes(tc.in)
		if tc.bad {
			if err == nil {
				t.Errorf("parseBytes(%q) = %d, want an error", tc.in, got)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("parseBytes(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
		}
	}
}

// index.memory_limit becomes the runtime's soft heap limit; a bad value
// is a config error naming the key.
func TestMemoryLimitApplied(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(before) })
	dir := workdir(t)
	t.Setenv("VITAE_INDEX_MEMORY_LIMIT", "3GiB")
	if code, _, stderr := cli(t, dir, "search", "--json", "DevOps"); code != 0 {
		t.Fatalf("search: exit %d: %s", code, stderr)
	}
	if got := debug.SetMemoryLimit(-1); got != 3<<30 {
		t.Errorf("soft memory limit %d, want %d", got, int64(3<<30))
	}
	t.Setenv("VITAE_INDEX_MEMORY_LIMIT", "plenty")
	code, _, stderr := cli(t, dir, "search", "DevOps")
	if code != 2 || !strings.Contains(stderr, "index.memory_limit") {
		t.Errorf("bad limit: exit %d, stderr %q; want 2 naming index.memory_limit", code, stderr)
	}
}

// index.gc_percent becomes the collector's target unless GOGC is set;
// zero or below -1 is a config error naming the key.
func TestGCPercentApplied(t *testing.T) {
	before := debug.SetGCPercent(100)
	t.Cleanup(func() { debug.SetGCPercent(before) })
	dir := workdir(t)
	for _, tc := range []struct {
		gogc, key  string
		code, want int
	}{
		{"", "", 0, 100},     // the default (Go's)
		{"", "150", 0, 150},  // the config key
		{"80", "150", 0, 80}, // GOGC wins: the key leaves it alone
		{"", "0", 2, 0},
		{"", "-2", 2, 0},
	} {
		t.Setenv("GOGC", tc.gogc)
		t.Setenv("VITAE_INDEX_GC_PERCENT", tc.key)
		if tc.key == "" {
			os.Unsetenv("VITAE_INDEX_GC_PERCENT")
		}
		debug.SetGCPercent(80)
		code, _, stderr := cli(t, dir, "search", "--json", "DevOps")
		if code != tc.code {
			t.Fatalf("GOGC %q, key %q: exit %d, want %d: %s", tc.gogc, tc.key, code, tc.code, stderr)
		}
		if code != 0 {
			if !strings.Contains(stderr, "index.gc_percent") {
				t.Errorf("key %q: stderr %q does not name index.gc_percent", tc.key, stderr)
			}
			continue
		}
		if got := debug.SetGCPercent(80); got != tc.want {
			t.Errorf("GOGC %q, key %q: GC percent %d, want %d", tc.gogc, tc.key, got, tc.want)
		}
	}
}

// retention.sources is read from the file into the audit policy, and a
// bad rule is reported with the others.
func TestConfigRetentionSources(t *testing.T) {
	t.Chdir(t.TempDir())
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	file := filepath.Join(t.TempDir(), "retention.yaml")
	write(t, file, `
retention:
  resumes: 17520h
  sources:
    - {prefix: "upload:", keep: 8760h}
    - prefix: data/Agency/
      keep: 0s
`)
	cfg, err := loadConfig(file, nil)
	if err != nil {
		t.Fatal(err)
	}
	p := cfg.retentionPolicy()
	want := audit.Policy{Default: 17520 * time.Hour, Rules: []audit.Rule{{Source: "upload:", Keep: 8760 * time.Hour}, {Source: "data/Agency/"}}}
	if diff := cmp.Diff(want, p); diff != "" {
		t.Errorf("policy (-want +got):\n%s", diff)
	}
	if keep, rule := p.For("data/Agency/x.json"); keep != 0 || rule != "source data/Agency/" {
		t.Errorf("the prefix's case was not kept: %s %s", keep, rule)
	}

	write(t, file, `
audit:
  enabled: false
retention:
  sources:
    - {prefix: "", keep: 720h}
    - {prefix: "upload:", keep: -1h}
`)
	_, err = loadConfig(file, nil)
	for _, want := range []string{"retention.sources: rule 1: source is empty", "rule 2 (upload:): keep must not be negative", "needs audit.enabled"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error does not say %q:\n%v", want, err)
		}
	}
}

func TestHNSWConfigReachesTheIndex(t *testing.T) {
	t.Chdir(t.TempDir())
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("VITAE_INDEX_HNSW_EF_SEARCH", "160")
	cfg, err := loadConfig("", nil)
	if err != nil {
		t.Fatal(err)
	}
	got := indexOptions(cfg, nil).HNSW
	if want := (index.HNSWOptions{M: 16, EfConstruction: 128, EfSearch: 160}); got != want {
		t.Errorf("index HNSW options %+v, want %+v", got, want)
	}
	t.Setenv("VITAE_INDEX_HNSW_EF_SEARCH", "0") // follows the graph's size
	if cfg, err := loadConfig("", nil); err != nil || indexOptions(cfg, nil).HNSW.EfSearch != 0 {
		t.Errorf("ef_search 0 should be accepted and passed on as 0, got %v", err)
	}
	t.Setenv("VITAE_INDEX_HNSW_EF_SEARCH", "-1")
	if _, err := loadConfig("", nil); err == nil || !strings.Contains(err.Error(), "index.hnsw") {
		t.Errorf("ef_search -1 should be reported, got %v", err)
	}
}
