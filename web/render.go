package web

import (
	"bytes"
	"encoding/json"
	"sync"

	"github.com/gin-gonic/gin"
)

// bufs keeps answer buffers between requests: c.JSON's json.Marshal
// copies every answer into a new slice (~10 KB a search page).
var bufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxKeptBuf is the largest buffer kept: one huge answer should not pin
// its memory in the pool.
const maxKeptBuf = 1 << 20

// writeJSON answers v as c.JSON does, encoded into a kept buffer: the
// same bytes and headers plus Content-Length, on purpose (c.Data knows
// the whole body; net/http sends c.JSON's chunked past its 2 KB buffer).
func writeJSON(c *gin.Context, code int, v any) {
	buf := bufs.Get().(*bytes.Buffer)
	buf.Reset()
	defer func() {
		if buf.Cap() <= maxKeptBuf {
			bufs.Put(buf)
		}
	}()
	// Encoder escapes HTML as Marshal does; it ends with a newline that
	// Marshal does not write.
	if err := json.NewEncoder(buf).Encode(v); err != nil {
		c.JSON(code, v) // fails as it would have: gin records the error
		return
	}
	c.Data(code, "application/json; charset=utf-8", bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
}
