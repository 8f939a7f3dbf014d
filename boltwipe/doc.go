// Package boltwipe zeroes the free pages of a bbolt file. bbolt copies on
// write, so an erased person's bytes stay in freed pages until reused;
// the index (vitae.db) and the audit log (audit.db) both wipe them after
// an erasure with this one routine.
package boltwipe
