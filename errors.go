package vitae

import (
	"errors"
	"fmt"
)

// Error codes: one vocabulary for every package. web maps them to HTTP
// status in one table; the CLI maps them to messages and exit codes.
const (
	EINVALID       = "invalid"              // the caller sent something malformed
	ENOTFOUND      = "not_found"            // no such résumé, bullet, route
	EUNAUTHORIZED  = "unauthorized"         // missing or wrong API key
	EFORBIDDEN     = "forbidden"            // refused whatever the key: a change sent from another site's page
	ETOOLARGE      = "too_large"            // a request body, upload or file over its size, or a full store (a field too long is EINVALID: TooLong)
	EUNAVAILABLE   = "unavailable"          // a dependency (embedding provider) is down
	ETIMEOUT       = "timeout"              // the work took longer than allowed
	ERATELIMIT     = "rate_limited"         // too many requests from one client
	EUNSUPPORTED   = "unsupported"          // a format or feature Vitae does not handle
	EUNPROCESSABLE = "unprocessable"        // well-formed but nothing to use (a résumé without bullets)
	ECONFLICT      = "conflict"             // clashes with what is stored or sent (a duplicate)
	EINSUFFICIENT  = "insufficient_storage" // the disk holding the index is full
	EINTERNAL      = "internal"             // a bug or an unexpected failure
)

// Error is an error with a code and a message safe to show a user.
type Error struct {
	Code    string
	Message string
	Err     error // cause, for logs; never shown to clients
}

// Errorf returns an *Error with code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Wrap returns an *Error with code and message whose cause is err.
func Wrap(code string, err error, message string) *Error {
	return &Error{Code: code, Message: message, Err: err}
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %v", e.Message, e.Err)
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// ErrorCode returns the code of the first *Error in err's chain, or
// EINTERNAL when there is none.
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of err: the message of its
// first *Error, or "internal error" so causes never leak.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}

// TooLong is the error of a request field over its limit: EINVALID (HTTP
// 400), naming the field and the limit, "query is longer than 1000
// characters", "query has more than 256 terms". ETOOLARGE (HTTP 413) is
// for what is too large as a whole: a request body, an upload, a file.
func TooLong(field string, limit int, unit string) *Error {
	if unit == "characters" {
		return Errorf(EINVALID, "%s is longer than %d characters", field, limit)
	}
	return Errorf(EINVALID, "%s has more than %d %s", field, limit, unit)
}

// Sentinels for errors.Is checks.
var (
	ErrNotFound    = &Error{Code: ENOTFOUND, Message: "not found"}
	ErrUnavailable = &Error{Code: EUNAVAILABLE, Message: "service unavailable"}
)
