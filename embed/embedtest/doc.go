// Package embedtest serves the built-in model over the OpenAI wire on
// loopback for the tests of the packages that read a model (match, web,
// cmd/vitae): a real provider under test, whose requests a test may
// refuse, hold or count by their body to make the provider fail the way
// a remote one does.
package embedtest
