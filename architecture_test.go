package vitae_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// floors mirrors the table "Floors" of docs/architecture.md: a package may
// import only packages on a lower floor, and the subpackages of its row. A path
// names the package and every package below it unless a longer path has
// its own row. pipeline (the indexing library between search and index)
// and index/vector (the vector store below index) have their floors before
// they exist, so that the packages can land without touching this table.
var floors = map[string]int{
	"vitae":                   0,
	"vitae/internal/cputime":  1,
	"vitae/internal/freeport": 1,
	"vitae/boltwipe":          2,
	"vitae/audit":             5,
	"vitae/lexicon":           10,
	"vitae/embed":             20,
	"vitae/ingest":            20,
	"vitae/index/vector":      25,
	"vitae/index":             30,
	"vitae/pipeline":          40,
	"vitae/search":            50,
	"vitae/match":             60,
	"vitae/eval":              70,
	"vitae/web/workbench":     75,
	"vitae/web":               80,
	"vitae/bench":             90,
	"vitae/cmd/vitae":         100,
}

// floorOf returns the row and floor of pkg: the row of its longest path
// prefix (the module's root row, "vitae", is that package alone).
func floorOf(pkg string) (string, int, bool) {
	best, floor, ok := "", 0, false
	for p, f := range floors {
		if (pkg == p || p != "vitae" && strings.HasPrefix(pkg, p+"/")) && len(p) > len(best) {
			best, floor, ok = p, f, true
		}
	}
	return best, floor, ok
}

// TestImportFloors lists the module's packages with `go list` and fails
// when one imports a package on its own floor or a higher one, or when a
// package has no floor (add it to docs/architecture.md and to floors).
func TestImportFloors(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		goBin = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	// -pgo=off: with cmd/vitae/default.pgo, go list names the imports of
	// the main package by their profile-built variants ("vitae/web
	// [vitae/cmd/vitae]"); the floors are about the source.
	cmd := exec.Command(goBin, "list", "-pgo=off", "-json=ImportPath,Imports", "./...")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	n := 0
	for {
		var p struct {
			ImportPath string
			Imports    []string
		}
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		n++
		row, floor, ok := floorOf(p.ImportPath)
		if !ok {
			t.Errorf("%s has no floor: add it to the table in docs/architecture.md and to floors here", p.ImportPath)
			continue
		}
		for _, imp := range p.Imports {
			if imp != "vitae" && !strings.HasPrefix(imp, "vitae/") {
				continue // standard library and third parties
			}
			impRow, impFloor, ok := floorOf(imp)
			switch {
			case !ok:
				t.Errorf("%s imports %s, which has no floor", p.ImportPath, imp)
			case impRow == row:
				// a package and its subpackages without a row of their own
			case impFloor >= floor:
				t.Errorf("%s (floor %d, %s) imports %s (floor %d, %s): imports must go down the floors of docs/architecture.md", p.ImportPath, floor, row, imp, impFloor, impRow)
			}
		}
	}
	if n == 0 {
		t.Error("go list found no packages")
	}
}

// TestArchitectureDocNamesFloors keeps the table above and the doc's
// table together: every package of floors has a row in the doc.
func TestArchitectureDocNamesFloors(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("docs", "architecture.md"))
	if err != nil {
		t.Fatal(err)
	}
	for p := range floors {
		name := strings.TrimPrefix(strings.TrimPrefix(p, "vitae"), "/")
		if name == "" {
			name = "vitae"
		}
		if !strings.Contains(string(doc), "`"+name+"`") {
			t.Errorf("docs/architecture.md does not name `%s`, which floors places on floor %d", name, floors[p])
		}
	}
}
