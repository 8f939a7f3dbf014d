package main

import (
	"fmt"
	"strings"
)

// idleAblation refuses to ablate a part the configuration has off: the
// run would change the rules id and nothing else, and read as a
// measurement of that part.
func idleAblation(list string, cfg *Config) error {
	for _, part := range strings.Split(list, ",") {
		switch strings.TrimSpace(part) {
		case "core":
			if cfg.Match.CoreWeight == 0 {
				return fmt.Errorf("--ablate core: match.core_weight is 0: nothing to ablate")
			}
		case "role-evidence":
			if cfg.Match.RoleEvidence == 0 {
				return fmt.Errorf("--ablate role-evidence: match.role_evidence is 0: nothing to ablate")
			}
		}
	}
	return nil
}
