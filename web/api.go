package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"unicode"

	"github.com/gin-gonic/gin"

	"vitae"
)

// The JSON API under /api/v1: one file and one register…Routes per
// resource (api_search.go, api_match.go, api_resumes.go, api_stats.go);
// this file holds what they share.

// decode reads a JSON body strictly: unknown fields and trailing data
// are errors, size is bounded by limitBody.
func decode(c *gin.Context, v any) error {
	dec := json.NewDecoder(c.Request.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		if tooLarge(err) {
			return vitae.Errorf(vitae.ETOOLARGE, "request body is too large")
		}
		return vitae.Errorf(vitae.EINVALID, "malformed JSON body: %s", jsonProblem(err))
	}
	if dec.More() {
		return vitae.Errorf(vitae.EINVALID, "malformed JSON body: trailing data")
	}
	return nil
}

// jsonProblem describes a decoding error without echoing input.
func jsonProblem(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Sprintf("syntax error at byte %d", se.Offset)
	case errors.As(err, &te):
		return fmt.Sprintf("field %q has the wrong type", jsonPath(te.Field))
	case errors.Is(err, io.EOF):
		return "empty body"
	case strings.HasPrefix(err.Error(), "json: unknown field"):
		return strings.TrimPrefix(err.Error(), "json: ")
	}
	return "invalid JSON"
}

// jsonPath is a decode error's field path as the client wrote it: the
// decoder puts the Go name of an embedded struct in the path
// ("Request.job_description"), and the API's JSON names are lower case.
func jsonPath(field string) string {
	parts := strings.Split(field, ".")
	kept := parts[:0]
	for _, p := range parts {
		if p != "" && !unicode.IsUpper([]rune(p)[0]) {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, ".")
}

func intParam(c *gin.Context, name string, def int) (int, error) {
	v := c.Query(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > 1000000 {
		return 0, vitae.Errorf(vitae.EINVALID, "%s must be a non-negative integer", name)
	}
	return n, nil
}

// tooLarge reports whether err came from the body size limit.
func tooLarge(err error) bool {
	var mbe *http.MaxBytesError
	return errors.As(err, &mbe)
}
