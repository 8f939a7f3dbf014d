// Package searchtest builds what the tests of search, and of the packages
// over it (match), search over: résumés with one bullet per text, the
// built-in embedder trained on them, and a real index on disk holding
// them with their vectors. It imports no search, so search's own tests
// can use it.
package searchtest
