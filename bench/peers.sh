#!/usr/bin/env bash
# Times infrac beside its peers on the seed article's template, in one run: infrac
# building it from examples/article.infra (parse, check, prove, emit), cfn-lint checking
# the template infrac built, jsonnet evaluating that template written as a jsonnet
# literal (jsonnet's floor: a program with functions and imports costs more), and the
# AWS CDK synthesising it from one construct per resource, parameter and output
# (bench/peers/cdk_app.js). Every peer produces or reads the same 18 resources. See
# bench/README.md, "Side by side".
#
#   bench/peers.sh [--infrac PATH] [--runs K]
#
#   --infrac PATH   the compiler (default: build-bench/compiler/infrac, else build/compiler/infrac)
#   --runs K        timed runs per tool after one warm-up (default 10; CDK gets 3)
#
# Prints a table: median and fastest wall time, peak memory, and each tool's median
# over infrac's. A peer that is not installed is skipped with how to install it:
# jsonnet from Debian (apt-get install jsonnet), cfn-lint from pip, the CDK with
# `npm ci --prefix bench/peers`. Exits 0 whether or not a peer is present.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
# shellcheck source=bench/common.sh
source "$BENCH_DIR/common.sh"
INFRAC=""
RUNS=10
while [[ $# -gt 0 ]]; do
  case "$1" in
    --infrac) INFRAC="${2:?--infrac needs a path}"; shift 2 ;;
    --runs) RUNS="${2:?--runs needs a number}"; shift 2 ;;
    -h|--help) bench_help "$0"; exit 0 ;;
    *) echo "peers.sh: unknown argument \`$1\` (try --help)" >&2; exit 2 ;;
  esac
done
INFRAC="$(bench_compiler "$ROOT" "$INFRAC")"
[[ -x "$INFRAC" ]] || { echo "peers.sh: no compiler at $INFRAC (build first)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "peers.sh: GNU time (/usr/bin/time) is required" >&2; exit 2; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/infrac-peers.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
SOURCE="$ROOT/examples/article.infra"
"$INFRAC" build "$SOURCE" -o "$WORK/article.json" 2>/dev/null \
  || { echo "peers.sh: infrac could not build $SOURCE" >&2; exit 1; }
cp "$WORK/article.json" "$WORK/article.jsonnet"  # JSON is jsonnet

RESULTS="$WORK/results.tsv"
: >"$RESULTS"
# timed NAME WHAT RUNS COMMAND...: K runs after a warm-up, each with its wall time (ns)
# and peak resident memory (KiB), into results.tsv.
timed() {
  local name="$1" what="$2" runs="$3"; shift 3
  "$@" >/dev/null 2>&1 || true  # warm-up (and the file cache)
  local walls="" peaks=""
  for ((i = 0; i < runs; i++)); do
    local t0 t1
    t0=$(date +%s%N)
    /usr/bin/time -f '%M' -o "$WORK/time.out" "$@" >/dev/null 2>&1 || true
    t1=$(date +%s%N)
    walls="$walls $((t1 - t0))"
    peaks="$peaks $(tail -1 "$WORK/time.out")"
  done
  printf '%s\t%s\t%s\t%s\n' "$name" "$what" "$walls" "$peaks" >>"$RESULTS"
}

timed infrac "build examples/article.infra (parse, check, prove, emit)" "$RUNS" \
  "$INFRAC" build "$SOURCE" -o "$WORK/out.json"
if command -v cfn-lint >/dev/null; then
  timed cfn-lint "check the template infrac built" "$RUNS" cfn-lint "$WORK/article.json"
else
  echo "peers.sh: cfn-lint is not installed (pip install cfn-lint): skipped" >&2
fi
if command -v jsonnet >/dev/null; then
  timed jsonnet "evaluate the template as a jsonnet literal (no checks)" "$RUNS" jsonnet "$WORK/article.jsonnet"
else
  echo "peers.sh: jsonnet is not installed (apt-get install jsonnet): skipped" >&2
fi
if command -v node >/dev/null && [[ -d "$BENCH_DIR/peers/node_modules/aws-cdk-lib" ]]; then
  timed cdk "synth one construct per resource (no checks beyond CDK's)" 3 \
    node "$BENCH_DIR/peers/cdk_app.js" "$WORK/article.json" "$WORK/cdk.out"
else
  echo "peers.sh: the CDK is not installed (npm ci --prefix bench/peers): skipped" >&2
fi

echo "== infrac: $("$INFRAC" --version 2>&1 | head -1); load $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
python3 - "$RESULTS" <<'PY'
import statistics, sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])]
base = None
print(f"{'tool':<9} {'median ms':>10} {'min ms':>8} {'peak MB':>8} {'x infrac':>9}  what")
for name, what, walls, peaks in rows:
    w = [int(x) / 1e6 for x in walls.split()]
    p = [int(x) / 1024 for x in peaks.split()]
    med = statistics.median(w)
    if base is None:
        base = med
    print(f"{name:<9} {med:>10.1f} {min(w):>8.1f} {statistics.median(p):>8.1f} {med / base:>9.1f}  {what}")
PY
