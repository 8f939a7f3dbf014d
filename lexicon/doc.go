// Package lexicon is the résumé-domain lexicon Vitae ships: skills and their
// aliases (k8s → Kubernetes), action-verb families (led, managed, headed,
// oversaw), role families (DevOps, SRE, platform, operations) and concepts
// (team, group, crew). Ingest uses it to tag bullets with skills, the job
// parser to read requirements, and the built-in embedder to put words a
// recruiter treats as equal in one direction.
package lexicon
