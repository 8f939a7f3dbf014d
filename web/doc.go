// Package web serves Vitae over HTTP with gin: the search page (server-
// rendered templates, embedded with embed.FS, usable without JavaScript)
// and the JSON API under /api/v1. It depends only on the interfaces it
// defines, typed in the request and answer shapes of the packages below:
// Backend (search, rank, résumés, stats; *search.Engine satisfies it) and
// Matcher (job matching; *match.Matcher satisfies it).
//
// server.go builds the router and maps error codes to HTTP status (one
// table, statusOf); middleware.go holds what requests pass through (rate
// limiting, CORS, API key, timeouts, metrics); each API resource has its
// file and register…Routes (api_search.go, api_match.go, api_resumes.go,
// api_stats.go); pages.go renders the HTML pages.
package web
