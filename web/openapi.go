package web

import _ "embed"

// openapiJSON documents /api/v1; a test checks it against the router.
//
//go:embed openapi.json
var openapiJSON []byte
