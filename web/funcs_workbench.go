package web

import (
	"net/url"
	"strconv"
)

// Template functions of the workbench pages, added to funcs before the
// templates are parsed (New runs after package init).
func init() {
	funcs["why"] = hitWhy
	funcs["savedURL"] = savedURL
	funcs["urlq"] = url.QueryEscape
	funcs["years"] = func(f float64) string {
		if f == 0 {
			return ""
		}
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	// ctx pairs a card with its page, for the "card" template.
	funcs["ctx"] = func(c card, page any) cardCtx { return cardCtx{C: c, Page: page} }
}

type cardCtx struct {
	C    card
	Page any
}
