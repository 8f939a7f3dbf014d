// Package web serves Vitae over HTTP with gin: the search page (server-
// rendered templates, embedded with embed.FS, usable without JavaScript)
// and the JSON API under /api/v1. It depends only on the Backend interface
// it defines, which *search.Engine satisfies.
package web
