package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// readJSONL reads one JSON value per line into T, skipping blank lines;
// check, when not nil, refuses a value. Errors name the line.
func readJSONL[T any](r io.Reader, check func(T) error) ([]T, error) {
	var out []T
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var v T
		if err := json.Unmarshal([]byte(line), &v); err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		if check != nil {
			if err := check(v); err != nil {
				return nil, fmt.Errorf("line %d: %w", n, err)
			}
		}
		out = append(out, v)
	}
	return out, sc.Err()
}
