// Package freeport chooses free loopback ports for servers a process
// starts (weaviate-server nodes in tests and in bench). Each port is held
// open until every port is chosen: a port released early is the next one
// the kernel hands out, and two roles of one node once got the same port.
package freeport
