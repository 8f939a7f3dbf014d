package main

import (
	"encoding/json"
	"fmt"
	"os"
)

// writeJSONL writes xs to f, one JSON object a line, and closes f. HTML
// characters stay as written ("R&D", "<5 years"): the file is read by
// people and scripts, not put in a page.
func writeJSONL[T any](f *os.File, xs []T) error {
	enc := json.NewEncoder(f)
	enc.SetEscapeHTML(false)
	for _, x := range xs {
		if err := enc.Encode(x); err != nil {
			f.Close()
			return fmt.Errorf("write %s: %w", f.Name(), err)
		}
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", f.Name(), err)
	}
	return nil
}
