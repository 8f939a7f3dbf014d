// Package workbench keeps what a hiring manager builds while searching:
// shortlists of candidates with a note each, and saved searches with
// their filters. It lives in its own bbolt file (workbench.db) beside
// the index, so the index can be rebuilt without losing them, and it
// forgets a person when the person is erased (Forget).
//
// On disk: bucket "shortlists" maps a shortlist ID to its JSON
// (Shortlist), bucket "searches" a saved search ID to its JSON
// (Search). IDs are 16 random hex digits.
package workbench
