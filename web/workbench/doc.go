// Package workbench keeps what a hiring manager builds while searching:
// shortlists of candidates with a note each, saved searches with their
// filters, and stored job descriptions (matched against a candidate to
// show the jobs they fit). It lives in its own bbolt file (workbench.db)
// beside the index, so the index can be rebuilt without losing them, and
// it forgets a person when the person is erased (Forget).
//
// On disk: bucket "shortlists" maps a shortlist ID to its JSON
// (Shortlist), bucket "searches" a saved search ID to its JSON
// (Search), bucket "jobs" a job ID to its JSON (Job: title and the
// description's text, no personal data). IDs are 16 random hex digits.
package workbench
