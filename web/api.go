package web

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"vitae"
)

// The JSON API under /api/v1: one file and one register…Routes per
// resource (api_search.go, api_match.go, api_resumes.go, api_stats.go);
// this file holds what they share.

// decode reads a JSON body strictly: unknown fields and trailing data
// are errors, size is bounded by limitBody. Every body is an object: any
// other JSON value is refused as such, null too, which would otherwise
// decode as an object with every field empty. A body that is not UTF-8
// is refused whole: the decoder would turn its bad bytes into U+FFFD
// and a job description into other words ("Kub��ernetes") unseen.
func decode(c *gin.Context, v any) error {
	data, err := io.ReadAll(c.Request.Body)
	if err != nil {
		if tooLarge(err) {
			return vitae.Errorf(vitae.ETOOLARGE, "request body is too large")
		}
		return vitae.Errorf(vitae.EINVALID, "request body could not be read")
	}
	if !utf8.Valid(data) {
		return vitae.Errorf(vitae.EINVALID, "request body is not UTF-8 text, as JSON must be")
	}
	body := bufio.NewReader(bytes.NewReader(data))
	first := firstByte(body)
	dec := json.NewDecoder(body)
	dec.DisallowUnknownFields()
	err = dec.Decode(v)
	var te *json.UnmarshalTypeError
	if first != '{' && (err == nil || errors.As(err, &te)) {
		return vitae.Errorf(vitae.EINVALID, "request body must be a JSON object")
	}
	if err != nil {
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

// firstByte is the first byte of r after JSON white space, left unread;
// 0 when r ends (or fails) first, which the decoder then reports.
func firstByte(r *bufio.Reader) byte {
	for {
		b, err := r.ReadByte()
		if err != nil {
			return 0
		}
		switch b {
		case ' ', '\t', '\r', '\n':
			continue
		}
		_ = r.UnreadByte()
		return b
	}
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
