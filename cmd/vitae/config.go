package main

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"

	"vitae"
	"vitae/audit"
	"vitae/match"
)

// Config is every setting of the binary; config.yaml at the repository root
// documents each key and its default. Only this package reads viper: the
// rest of Vitae takes plain option structs built from Config.
type Config struct {
	Index struct {
		Backend      string `mapstructure:"backend"`
		Path         string `mapstructure:"path"`
		BatchSize    int    `mapstructure:"batch_size"`
		Quantize     bool   `mapstructure:"quantize"`
		ANNThreshold int    `mapstructure:"ann_threshold"`
		// HNSW tunes the approximate index: M and EfConstruction shape the
		// graph (a change rebuilds it once), EfSearch each search (0: it
		// follows the graph's size, vector.HNSWOptions.EfSearchFor).
		HNSW struct {
			M              int `mapstructure:"m"`
			EfConstruction int `mapstructure:"ef_construction"`
			EfSearch       int `mapstructure:"ef_search"`
		} `mapstructure:"hnsw"`
		MemoryLimit string `mapstructure:"memory_limit"`
		GCPercent   int    `mapstructure:"gc_percent"`
		// EraseTimeout bounds the wipe each DELETE waits for; Verify and
		// VerifyTimeout the integrity check at open (SECURITY.md).
		EraseTimeout  time.Duration `mapstructure:"erase_timeout"`
		Verify        bool          `mapstructure:"verify"`
		VerifyTimeout time.Duration `mapstructure:"verify_timeout"`
	} `mapstructure:"index"`
	Weaviate struct {
		Hosts             []string      `mapstructure:"hosts"`
		APIKey            string        `mapstructure:"api_key"` // from the environment only
		Collection        string        `mapstructure:"collection"`
		Shards            int           `mapstructure:"shards"`
		ReplicationFactor int           `mapstructure:"replication_factor"`
		Consistency       string        `mapstructure:"consistency"`
		Timeout           time.Duration `mapstructure:"timeout"`
	} `mapstructure:"weaviate"`
	Data struct {
		Paths []string `mapstructure:"paths"`
	} `mapstructure:"data"`
	Ingest struct {
		MaxText    int64  `mapstructure:"max_text"`
		Duplicates string `mapstructure:"duplicates"`
	} `mapstructure:"ingest"`
	Embed struct {
		Provider   string        `mapstructure:"provider"`
		BaseURL    string        `mapstructure:"base_url"`
		Model      string        `mapstructure:"model"`
		Dimensions int           `mapstructure:"dimensions"`
		BatchSize  int           `mapstructure:"batch_size"`
		Parallel   int           `mapstructure:"parallel"`
		Timeout    time.Duration `mapstructure:"timeout"`
		MaxRetries int           `mapstructure:"max_retries"`
		APIType    string        `mapstructure:"api_type"`
		APIVersion string        `mapstructure:"api_version"`
		Cache      bool          `mapstructure:"cache"`
		APIKey     string        `mapstructure:"api_key"` // from the environment only
	} `mapstructure:"embed"`
	Search struct {
		Mode          string        `mapstructure:"mode"`
		SemanticRatio float64       `mapstructure:"semantic_ratio"`
		Fusion        string        `mapstructure:"fusion"`
		RankConstant  int           `mapstructure:"rank_constant"`
		Candidates    int           `mapstructure:"candidates"`
		KeywordDepth  int           `mapstructure:"keyword_depth"`
		CommonShare   float64       `mapstructure:"common_share"`
		MaxLimit      int           `mapstructure:"max_limit"`
		Timeout       time.Duration `mapstructure:"timeout"`
		Ranking       string        `mapstructure:"ranking"`
	} `mapstructure:"search"`
	Match struct {
		RecencyHalfLife float64  `mapstructure:"recency_half_life"`
		StrictEvidence  bool     `mapstructure:"strict_evidence"`
		StrongGate      bool     `mapstructure:"strong_gate"`
		ContextEvidence bool     `mapstructure:"context_evidence"`
		StrongSense     float64  `mapstructure:"strong_sense"`
		StrongCap       []string `mapstructure:"strong_cap"`
		LearnedGate     bool     `mapstructure:"learned_gate"`
		RoleEvidence    float64  `mapstructure:"role_evidence"`
		CoreWeight      float64  `mapstructure:"core_weight"`
		YearsCap        bool     `mapstructure:"years_cap"`
		CareerYears     bool     `mapstructure:"career_years"`
		Feedback        float64  `mapstructure:"feedback"`
		FeedbackTop     int      `mapstructure:"feedback_top"`
	} `mapstructure:"match"`
	Server struct {
		Addr              string        `mapstructure:"addr"`
		APIKey            string        `mapstructure:"api_key"`
		ProtectReads      bool          `mapstructure:"protect_reads"`
		CORSOrigins       []string      `mapstructure:"cors_origins"`
		MaxBodyBytes      int64         `mapstructure:"max_body_bytes"`
		MaxQueryLen       int           `mapstructure:"max_query_len"`
		RequestTimeout    time.Duration `mapstructure:"request_timeout"`
		RateLimit         float64       `mapstructure:"rate_limit"`
		RateBurst         int           `mapstructure:"rate_burst"`
		TrustedProxies    []string      `mapstructure:"trusted_proxies"`
		MaxUploadInflated int64         `mapstructure:"max_upload_inflated"`
		ParseSlots        int           `mapstructure:"parse_slots"`
		ReadTimeout       time.Duration `mapstructure:"read_timeout"`
		WriteTimeout      time.Duration `mapstructure:"write_timeout"`
		IdleTimeout       time.Duration `mapstructure:"idle_timeout"`
		ShutdownTimeout   time.Duration `mapstructure:"shutdown_timeout"`
	} `mapstructure:"server"`
	Audit struct {
		Enabled   bool          `mapstructure:"enabled"`
		StoreText bool          `mapstructure:"store_text"`
		Retention time.Duration `mapstructure:"retention"`
		Contact   string        `mapstructure:"contact"`
	} `mapstructure:"audit"`
	Retention struct {
		Resumes time.Duration `mapstructure:"resumes"`
		// Sources override Resumes by the résumé's source prefix.
		Sources    []RetentionSource `mapstructure:"sources"`
		SweepEvery time.Duration     `mapstructure:"sweep_every"`
	} `mapstructure:"retention"`
	Log struct {
		Level  string `mapstructure:"level"`
		Format string `mapstructure:"format"`
	} `mapstructure:"log"`

	// File is the config file that was read, empty when none was.
	File string `mapstructure:"-"`
}

// RetentionSource is one retention.sources rule: résumés whose source
// starts with Prefix are kept Keep without activity.
type RetentionSource struct {
	Prefix string        `mapstructure:"prefix"`
	Keep   time.Duration `mapstructure:"keep"`
}

// retentionPolicy is the audit package's form of retention.*.
func (c *Config) retentionPolicy() audit.Policy {
	p := audit.Policy{Default: c.Retention.Resumes}
	for _, s := range c.Retention.Sources {
		p.Rules = append(p.Rules, audit.Rule{Source: s.Prefix, Keep: s.Keep})
	}
	return p
}

// defaults mirror config.yaml; a test keeps the two in step.
func setDefaults(v *viper.Viper) {
	d := map[string]any{
		"index.backend":               "embedded",
		"index.path":                  "./vitae-data",
		"index.batch_size":            1000,
		"index.quantize":              true,
		"index.ann_threshold":         50000,
		"index.hnsw.m":                16,
		"index.hnsw.ef_construction":  128,
		"index.hnsw.ef_search":        0,
		"index.memory_limit":          "",
		"index.gc_percent":            100,
		"index.erase_timeout":         "30s",
		"index.verify":                true,
		"index.verify_timeout":        "60s",
		"data.paths":                  []string{"./data"},
		"weaviate.hosts":              []string{"127.0.0.1:8080"},
		"weaviate.api_key":            "",
		"weaviate.collection":         "Vitae",
		"weaviate.shards":             1,
		"weaviate.replication_factor": 1,
		"weaviate.consistency":        "QUORUM",
		"weaviate.timeout":            "30s",
		"ingest.max_text":             1 << 20,
		"ingest.duplicates":           "keep",
		"embed.provider":              "local",
		"embed.base_url":              "https://api.openai.com/v1",
		"embed.model":                 "text-embedding-3-small",
		"embed.dimensions":            0,
		"embed.batch_size":            128,
		"embed.parallel":              2,
		"embed.timeout":               "30s",
		"embed.max_retries":           5,
		"embed.api_type":              "openai",
		"embed.api_version":           "",
		"embed.cache":                 true,
		"embed.api_key":               "",
		"search.mode":                 "hybrid",
		"search.semantic_ratio":       0.5,
		"search.fusion":               "weighted",
		"search.rank_constant":        60,
		"search.candidates":           100,
		"search.keyword_depth":        0,
		"search.common_share":         0.02,
		"search.max_limit":            100,
		"search.timeout":              "10s",
		"search.ranking":              "default",
		"match.recency_half_life":     5.0,
		"match.strict_evidence":       false,
		"match.strong_gate":           true,
		"match.context_evidence":      true,
		"match.strong_sense":          0.0,
		"match.strong_cap":            []string{},
		"match.learned_gate":          false,
		"match.role_evidence":         0.0,
		"match.core_weight":           0.0,
		"match.years_cap":             false,
		"match.career_years":          false,
		"match.feedback":              0.0,
		"match.feedback_top":          5,
		"server.addr":                 "127.0.0.1:8080",
		"server.api_key":              "",
		"server.protect_reads":        false,
		"server.cors_origins":         []string{},
		"server.max_body_bytes":       10 << 20,
		"server.max_query_len":        1000,
		"server.request_timeout":      "30s",
		"server.rate_limit":           0.0,
		"server.rate_burst":           20,
		"server.trusted_proxies":      []string{},
		"server.max_upload_inflated":  100 << 20,
		"server.parse_slots":          0,
		"server.read_timeout":         "30s",
		"server.write_timeout":        "60s",
		"server.idle_timeout":         "120s",
		"server.shutdown_timeout":     "10s",
		"audit.enabled":               true,
		"audit.store_text":            false,
		"audit.retention":             "4380h",
		"audit.contact":               "",
		"retention.resumes":           "0s",
		"retention.sources":           []map[string]any{},
		"retention.sweep_every":       "24h",
		"log.level":                   "info",
		"log.format":                  "text",
	}
	for k, val := range d {
		v.SetDefault(k, val)
	}
}

// loadConfig reads the configuration: defaults, then the first config file
// found (--config, ./config.yaml, $XDG_CONFIG_HOME/vitae/config.yaml), then
// VITAE_* environment variables, then the flags bound to keys.
func loadConfig(file string, bindings map[string]*pflag.Flag) (*Config, error) {
	v := viper.New()
	setDefaults(v)
	v.SetEnvPrefix("VITAE")
	v.SetEnvKeyReplacer(strings.NewReplacer(".", "_"))
	v.AutomaticEnv()

	path, err := configFile(file)
	if err != nil {
		return nil, err
	}
	if path != "" {
		v.SetConfigFile(path)
		v.SetConfigType("yaml")
		if err := v.ReadInConfig(); err != nil {
			return nil, fmt.Errorf("read config %s: %w", path, err)
		}
	}
	for key, f := range bindings {
		if err := v.BindPFlag(key, f); err != nil {
			return nil, fmt.Errorf("bind flag --%s: %w", f.Name, err)
		}
	}
	// The embedding key comes from the environment only, so it never sits
	// in a file that might be committed.
	if key := os.Getenv("VITAE_EMBED_API_KEY"); key != "" {
		v.Set("embed.api_key", key)
	} else if key := os.Getenv("OPENAI_API_KEY"); key != "" {
		v.Set("embed.api_key", key)
	}

	var cfg Config
	if err := v.Unmarshal(&cfg); err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	cfg.File = path
	if errs := cfg.problems(); len(errs) > 0 {
		return nil, problemsError(errs, bindings)
	}
	return &cfg, nil
}

// problemsError names the flag rather than the key for a value that came
// from a flag ("--mode: ..." for search.mode): the user typed the flag.
func problemsError(errs []string, flags map[string]*pflag.Flag) error {
	fromFlags := 0
	for i, e := range errs {
		key, rest, ok := strings.Cut(e, ":")
		if f := flags[key]; ok && f != nil && f.Changed {
			errs[i], fromFlags = "--"+f.Name+":"+rest, fromFlags+1
		}
	}
	slices.Sort(errs)
	head := "invalid configuration"
	if fromFlags == len(errs) {
		head = "invalid flag value"
	}
	return errors.New(head + ":\n  " + strings.Join(errs, "\n  "))
}

// configFile picks the file to read; an explicit --config must exist.
func configFile(explicit string) (string, error) {
	if explicit != "" {
		if _, err := os.Stat(explicit); err != nil {
			return "", fmt.Errorf("config file: %w", err)
		}
		return explicit, nil
	}
	candidates := []string{"config.yaml"}
	if xdg := os.Getenv("XDG_CONFIG_HOME"); xdg != "" {
		candidates = append(candidates, filepath.Join(xdg, "vitae", "config.yaml"))
	} else if home, err := os.UserHomeDir(); err == nil {
		candidates = append(candidates, filepath.Join(home, ".config", "vitae", "config.yaml"))
	}
	for _, c := range candidates {
		if st, err := os.Stat(c); err == nil && !st.IsDir() {
			return c, nil
		}
	}
	return "", nil
}

// Validate reports every problem at once, one per line.
func (c *Config) Validate() error {
	errs := c.problems()
	if len(errs) == 0 {
		return nil
	}
	return errors.New("invalid configuration:\n  " + strings.Join(errs, "\n  "))
}

// problems lists every problem, sorted, each as "key: what is wrong".
func (c *Config) problems() []string {
	var errs []string
	bad := func(format string, args ...any) { errs = append(errs, fmt.Sprintf(format, args...)) }

	for _, k := range c.Match.StrongCap {
		if !slices.Contains(match.Kinds, match.Kind(strings.TrimSpace(k))) {
			bad("match.strong_cap: %q is not one of %v", k, match.Kinds)
		}
	}
	if backends[c.Index.Backend] == nil {
		bad("index.backend: %q is not one of %s", c.Index.Backend, backendNames())
	}
	if c.Index.Path == "" {
		bad("index.path: must not be empty")
	}
	if c.Index.BatchSize < 1 || c.Index.BatchSize > 100000 {
		bad("index.batch_size: %d is outside 1..100000", c.Index.BatchSize)
	}
	if c.Index.ANNThreshold < 0 {
		bad("index.ann_threshold: %d must be ≥ 0", c.Index.ANNThreshold)
	}
	if h := c.Index.HNSW; h.M < 2 || h.M > 64 || h.EfConstruction < 1 || h.EfConstruction > 4096 || h.EfSearch < 0 || h.EfSearch > 4096 {
		bad("index.hnsw: m %d (2..64), ef_construction %d (1..4096) and ef_search %d (0 = by the graph's size, or 1..4096)", h.M, h.EfConstruction, h.EfSearch)
	}
	if _, err := parseBytes(c.Index.MemoryLimit); err != nil {
		bad("index.memory_limit: %v", err)
	}
	if c.Index.GCPercent < -1 || c.Index.GCPercent == 0 {
		bad("index.gc_percent: %d is not -1 (off) or above 0", c.Index.GCPercent)
	}
	switch c.Embed.Provider {
	case "local", "none":
	case "openai":
		if c.Embed.BaseURL == "" {
			bad("embed.base_url: required when embed.provider is openai")
		}
		if c.Embed.Model == "" {
			bad("embed.model: required when embed.provider is openai")
		}
	default:
		bad("embed.provider: %q is not one of local, openai, none", c.Embed.Provider)
	}
	if c.Ingest.MaxText < 0 {
		bad("ingest.max_text: %d must be ≥ 0", c.Ingest.MaxText)
	}
	if !slices.Contains([]string{"keep", "merge", "reject"}, c.Ingest.Duplicates) {
		bad("ingest.duplicates: %q is not one of keep, merge, reject", c.Ingest.Duplicates)
	}
	if c.Server.MaxUploadInflated < 0 || c.Server.ParseSlots < 0 {
		bad("server.max_upload_inflated, server.parse_slots: must be ≥ 0")
	}
	if c.Embed.Dimensions < 0 {
		bad("embed.dimensions: %d must be ≥ 0", c.Embed.Dimensions)
	}
	if c.Embed.BatchSize < 1 || c.Embed.BatchSize > 2048 {
		bad("embed.batch_size: %d is outside 1..2048", c.Embed.BatchSize)
	}
	if c.Embed.Parallel < 1 || c.Embed.Parallel > 64 {
		bad("embed.parallel: %d is outside 1..64", c.Embed.Parallel)
	}
	if c.Embed.Timeout <= 0 {
		bad("embed.timeout: must be positive")
	}
	if c.Embed.MaxRetries < 0 {
		bad("embed.max_retries: %d must be ≥ 0", c.Embed.MaxRetries)
	}
	switch c.Embed.APIType {
	case "openai":
	case "azure":
		if c.Embed.APIVersion == "" {
			bad("embed.api_version: required when embed.api_type is azure")
		}
	default:
		bad("embed.api_type: %q is not one of openai, azure", c.Embed.APIType)
	}
	if !vitae.Mode(c.Search.Mode).Valid() {
		bad("search.mode: %q is not one of keyword, semantic, hybrid", c.Search.Mode)
	}
	if !(c.Search.SemanticRatio >= 0 && c.Search.SemanticRatio <= 1) { // NaN too
		bad("search.semantic_ratio: %g is outside 0..1", c.Search.SemanticRatio)
	}
	if f := vitae.Fusion(c.Search.Fusion); f != vitae.FusionWeighted && f != vitae.FusionRRF {
		bad("search.fusion: %q is not one of weighted, rrf", c.Search.Fusion)
	}
	if r := c.Search.Ranking; r != "default" && r != "learned" {
		bad("search.ranking: %q is not one of default, learned", r)
	}
	if c.Search.RankConstant < 1 {
		bad("search.rank_constant: %d must be ≥ 1", c.Search.RankConstant)
	}
	if s := c.Search.CommonShare; !(s >= 0 && s <= 1) {
		bad("search.common_share: %g is outside 0..1", s)
	}
	if c.Search.KeywordDepth < 0 || c.Search.KeywordDepth > 10000 {
		bad("search.keyword_depth: %d is outside 0..10000", c.Search.KeywordDepth)
	}
	if c.Search.Candidates < 1 || c.Search.Candidates > 10000 {
		bad("search.candidates: %d is outside 1..10000", c.Search.Candidates)
	}
	if c.Search.MaxLimit < 1 || c.Search.MaxLimit > 1000 {
		bad("search.max_limit: %d is outside 1..1000", c.Search.MaxLimit)
	}
	if c.Search.Timeout <= 0 {
		bad("search.timeout: must be positive")
	}
	if c.Match.RecencyHalfLife < 0 {
		bad("match.recency_half_life: %g must be ≥ 0", c.Match.RecencyHalfLife)
	}
	if s := c.Match.StrongSense; !(s >= 0 && s <= 1) { // NaN too: a cosine threshold
		bad("match.strong_sense: %g is outside 0..1 (a cosine; 0 = no check)", s)
	}
	if s := c.Match.RoleEvidence; !(s >= 0 && s <= 1) {
		bad("match.role_evidence: %g is outside 0..1 (a share of the credit; 0 = off)", s)
	}
	if s := c.Match.CoreWeight; !(s >= 0 && s < 1) { // at 1 a requirement that is not core weighs nothing
		bad("match.core_weight: %g is outside 0 ≤ w < 1 (a share of the weight; 0 = off)", s)
	}
	if s := c.Match.Feedback; !(s >= 0 && s < 1) { // at 1 a career unlike the top ones scores 0, and the order below is lost
		bad("match.feedback: %g is outside 0 ≤ w < 1 (the most of a score feedback takes off; 0 = off)", s)
	}
	if c.Match.Feedback > 0 && (c.Match.FeedbackTop < 2 || c.Match.FeedbackTop > match.FeedbackDepth) {
		bad("match.feedback_top: %d is outside 2..%d (candidates the feedback profile averages)", c.Match.FeedbackTop, match.FeedbackDepth)
	}
	if err := checkListenAddr(c.Server.Addr); err != nil {
		bad("server.addr: %v", err)
	}
	if c.Server.MaxBodyBytes < 1024 {
		bad("server.max_body_bytes: %d is below 1024", c.Server.MaxBodyBytes)
	}
	if c.Server.MaxQueryLen < 1 {
		bad("server.max_query_len: %d must be ≥ 1", c.Server.MaxQueryLen)
	}
	if c.Server.RateLimit < 0 {
		bad("server.rate_limit: %g must be ≥ 0", c.Server.RateLimit)
	}
	if c.Server.RateLimit > 0 && c.Server.RateBurst < 1 {
		bad("server.rate_burst: %d must be ≥ 1 when rate_limit is set", c.Server.RateBurst)
	}
	for name, d := range map[string]time.Duration{
		"server.request_timeout":  c.Server.RequestTimeout,
		"server.read_timeout":     c.Server.ReadTimeout,
		"server.write_timeout":    c.Server.WriteTimeout,
		"server.idle_timeout":     c.Server.IdleTimeout,
		"server.shutdown_timeout": c.Server.ShutdownTimeout,
	} {
		if d <= 0 {
			bad("%s: must be positive", name)
		}
	}
	if c.Audit.Retention < 4380*time.Hour {
		bad("audit.retention: %s is below 4380h (six months, the AI Act's Art. 26(6) minimum)", c.Audit.Retention)
	}
	if c.Retention.Resumes < 0 {
		bad("retention.resumes: must not be negative (0 = keep until deleted)")
	}
	if err := (audit.Policy{Rules: c.retentionPolicy().Rules}).Validate(); err != nil {
		bad("retention.sources: %s", strings.TrimPrefix(err.Error(), "retention policy: "))
	}
	if c.retentionPolicy().Active() && !c.Audit.Enabled {
		bad("retention.resumes: needs audit.enabled (the sweep's activity clock and its log live there)")
	}
	if c.Retention.SweepEvery < time.Minute {
		bad("retention.sweep_every: %s is below 1m", c.Retention.SweepEvery)
	}
	switch c.Log.Level {
	case "debug", "info", "warn", "error":
	default:
		bad("log.level: %q is not one of debug, info, warn, error", c.Log.Level)
	}
	switch c.Log.Format {
	case "text", "json", "auto": // auto: the old default, now text
	default:
		bad("log.format: %q is not one of text, json", c.Log.Format)
	}
	// Sorted so the message is stable whatever the map order above.
	slices.Sort(errs)
	return errs
}

// parseBytes reads a size as GOMEMLIMIT writes it: a number of bytes with
// an optional unit (B, KiB, MiB, GiB, TiB, or KB, MB, GB, TB in powers of
// ten). Empty is 0.
func parseBytes(s string) (int64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	num := strings.TrimRightFunc(s, func(r rune) bool { return r == ' ' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' })
	unit := strings.TrimSpace(s[len(num):])
	mult := map[string]float64{"": 1, "B": 1, "KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30, "TiB": 1 << 40,
		"KB": 1e3, "MB": 1e6, "GB": 1e9, "TB": 1e12}[unit]
	n, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
	if err != nil || mult == 0 || n <= 0 || n*mult > math.MaxInt64 {
		return 0, fmt.Errorf("%q is not a size such as 3GiB or 2500MiB", s)
	}
	return int64(n * mult), nil
}
