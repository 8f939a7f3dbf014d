#!/bin/sh
# Re-runs every figure of BENCHMARKS.md. From the repository root, with
# ../shared (the corpus) beside it:
#
#   bench/run.sh                      # 10k and 100k bullets (~10 min on 2 cores)
#   SIZES=10k,100k,1M bench/run.sh    # and 1M (about 40 minutes more)
#   PEER=weaviate bench/run.sh        # and Weaviate beside Vitae, same run (needs
#                                     # weaviate-server on PATH or in the Go bin dir)
#   BACKEND=weaviate bench/run.sh     # and Vitae on its Weaviate backend, same run
#
# Results go to $OUT (default ${TMPDIR:-/tmp}/vitae-bench): the tables as text, the
# reports as JSON, the chart as SVG, the Go benchmarks' output.
set -eu
sizes=${SIZES:-10k,100k}
peer=${PEER:+--peer $PEER}
backend=${BACKEND:+--backend $BACKEND}
out=${OUT:-${TMPDIR:-/tmp}/vitae-bench}
mkdir -p "$out"
{ echo "nproc: $(nproc)"; free -h; uptime; git rev-parse HEAD 2>/dev/null || true; } | tee "$out/machine.txt"
go build -o "$out/vitae" ./cmd/vitae
"$out/vitae" bench --sizes "$sizes" $peer $backend --json-out "$out/vitae.json" --svg "$out/BENCHMARKS.svg" | tee "$out/vitae.txt"
(cd bench/peer && go run . --sizes "$sizes" --json-out "../../$out/peer.json") | tee "$out/peer.txt"
go test -run '^$' -bench . -benchmem ./... | tee "$out/go-bench.txt"
echo "results in $out"
