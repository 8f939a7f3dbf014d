package web

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"vitae"
	"vitae/match"
)

// jdForm parses the form of a page that posts a job description. gin's
// PostForm drops a parse error, so a body past the size limit would read
// as an empty description; here it is ETOOLARGE naming the body limit. ParseForm goes first: for a body
// that is not multipart, ParseMultipartForm answers ErrNotMultipart and
// hides ParseForm's error.
func jdForm(c *gin.Context) error {
	err := c.Request.ParseForm()
	if err == nil {
		if err = c.Request.ParseMultipartForm(32 << 20); errors.Is(err, http.ErrNotMultipart) {
			err = nil
		}
	}
	var mbe *http.MaxBytesError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &mbe):
		// The body limit, not the description's: name the limit hit.
		return vitae.Errorf(vitae.ETOOLARGE, "the form is larger than the server's limit of %d bytes (a job description holds at most %d characters)", mbe.Limit, match.MaxJDChars)
	}
	return vitae.Wrap(vitae.EINVALID, err, "malformed form")
}

// formErrorKey holds jdForm's error for a handler that reads the form
// after other code has (pageWrite reads "return" first).
const formErrorKey = "vitae.formError"

// keepFormError runs jdForm before anything reads the form and keeps its
// error for the handler.
func keepFormError(c *gin.Context) {
	if err := jdForm(c); err != nil {
		c.Set(formErrorKey, err)
	}
	c.Next()
}
