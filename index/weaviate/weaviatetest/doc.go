// Package weaviatetest starts real weaviate-server processes on loopback
// for tests: one node, or a cluster of several joined by Raft, each on free
// ports with its data in a test directory, killed at cleanup. Tests that
// use it skip, saying why, when no weaviate-server binary is found on PATH
// or in $(go env GOPATH)/bin (.ci/run installs it there).
package weaviatetest
