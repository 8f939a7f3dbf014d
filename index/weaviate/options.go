package weaviate

import (
	"fmt"
	"log/slog"
	"regexp"
	"strings"
	"time"

	"vitae"
)

// Consistency levels Weaviate knows.
const (
	One    = "ONE"
	Quorum = "QUORUM"
	All    = "ALL"
)

// Options configure a Store. Zero values take the defaults.
type Options struct {
	// Hosts are "host:port" of the cluster's REST endpoints (at least one);
	// requests go to the first that answers.
	Hosts  []string
	Scheme string // "http" (default) or "https"
	APIKey string // sent as a bearer token when set
	// Collection prefixes the three collection names; it must start with an
	// upper-case letter (Weaviate's rule). Default "Vitae".
	Collection string
	// Shards and ReplicationFactor apply when the collections are created;
	// an existing collection keeps its own. Default 1 and 1.
	Shards            int
	ReplicationFactor int
	// Consistency is how many replicas acknowledge a write or an erasure:
	// ONE, QUORUM (default) or ALL.
	Consistency string
	Timeout     time.Duration // per request; default 30s
	BatchSize   int           // objects per batch request; default 500
	Logger      *slog.Logger
}

var collectionName = regexp.MustCompile(`^[A-Z][A-Za-z0-9_]*$`)

func (o Options) withDefaults() Options {
	if o.Scheme == "" {
		o.Scheme = "http"
	}
	if o.Collection == "" {
		o.Collection = "Vitae"
	}
	if o.Shards == 0 {
		o.Shards = 1
	}
	if o.ReplicationFactor == 0 {
		o.ReplicationFactor = 1
	}
	if o.Consistency == "" {
		o.Consistency = Quorum
	}
	o.Consistency = strings.ToUpper(o.Consistency)
	if o.Timeout == 0 {
		o.Timeout = 30 * time.Second
	}
	if o.BatchSize == 0 {
		o.BatchSize = 500
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return o
}

// Validate reports every problem at once.
func (o Options) Validate() error {
	o = o.withDefaults()
	var errs []string
	if len(o.Hosts) == 0 {
		errs = append(errs, "hosts must not be empty")
	}
	for _, h := range o.Hosts {
		if strings.TrimSpace(h) == "" || strings.Contains(h, "/") {
			errs = append(errs, fmt.Sprintf("host %q: want host:port", h))
		}
	}
	if o.Scheme != "http" && o.Scheme != "https" {
		errs = append(errs, fmt.Sprintf("scheme %q: want http or https", o.Scheme))
	}
	if !collectionName.MatchString(o.Collection) {
		errs = append(errs, fmt.Sprintf("collection %q: want a capital letter, then letters, digits or _", o.Collection))
	}
	if o.Shards < 0 {
		errs = append(errs, fmt.Sprintf("shards %d is negative", o.Shards))
	}
	if o.ReplicationFactor < 0 {
		errs = append(errs, fmt.Sprintf("replication factor %d is negative", o.ReplicationFactor))
	}
	switch o.Consistency {
	case One, Quorum, All:
	default:
		errs = append(errs, fmt.Sprintf("consistency %q: want ONE, QUORUM or ALL", o.Consistency))
	}
	if o.Timeout < 0 || o.BatchSize < 0 {
		errs = append(errs, "timeout and batch size must not be negative")
	}
	if len(errs) > 0 {
		return vitae.Errorf(vitae.EINVALID, "weaviate options: %s", strings.Join(errs, "; "))
	}
	return nil
}
