#!/usr/bin/env bash
# Benchmarks the infrac compiler: wall time and peak memory on the examples and on
# generated programs of 100, 500, 1,000 and 10,000 resources. See bench/README.md.
#
#   bench/run.sh [--runs K] [--rev REV] [--keep]
#
#   --runs K   timed runs per case (default 10); the table shows their median, min and max
#   --rev REV  measure a committed revision (its compiler and examples) instead of the
#              working tree: exported with `git archive` into build-bench/rev-SHA/
#   --keep     keep the generated programs and raw results (the directory is printed)
#
# Builds a Release compiler into build-bench/ (never touches build/), prints one table
# and one BUDGET line per budget. Exits 0 whether or not the budgets are met; exits
# non-zero only when the benchmark itself cannot run (the build fails, a tool is missing).
set -euo pipefail

RUNS=10
KEEP=0
REV=""
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=bench/common.sh
source "$BENCH_DIR/common.sh"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) RUNS="${2:?--runs needs a number}"; shift 2 ;;
    --runs=*) RUNS="${1#--runs=}"; shift ;;
    --rev) REV="${2:?--rev needs a revision}"; shift 2 ;;
    --rev=*) REV="${1#--rev=}"; shift ;;
    --keep) KEEP=1; shift ;;
    -h|--help) bench_help "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument \`$1\` (try --help)" >&2; exit 2 ;;
  esac
done
if ! [[ "$RUNS" =~ ^[1-9][0-9]*$ ]]; then
  echo "run.sh: --runs takes a positive whole number, not \`$RUNS\`" >&2
  exit 2
fi

ROOT="$(cd "$BENCH_DIR/.." && pwd)"
BUILD="$ROOT/build-bench"
SRC="$ROOT"  # the tree whose compiler and examples are measured
MEM_RUNS=3

command -v python3 >/dev/null || { echo "run.sh: python3 is required" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "run.sh: GNU time (/usr/bin/time) is required for peak memory" >&2; exit 2; }
HAVE_HYPERFINE=0
command -v hyperfine >/dev/null && HAVE_HYPERFINE=1

WORK="$(mktemp -d "${TMPDIR:-/tmp}/infrac-bench.XXXXXX")"
if [[ $KEEP -eq 1 ]]; then
  trap 'echo "run.sh: kept $WORK"' EXIT
else
  trap 'rm -rf "$WORK"' EXIT
fi

# ---------------------------------------------------------------- build

if [[ -n "$REV" ]]; then
  sha="$(git -C "$ROOT" rev-parse --verify --quiet "$REV^{commit}")" \
    || { echo "run.sh: \`$REV\` is not a commit of $ROOT" >&2; exit 2; }
  SRC="$BUILD/rev-${sha:0:12}/src"
  BUILD="$BUILD/rev-${sha:0:12}/build"
  if [[ ! -f "$SRC/CMakeLists.txt" ]]; then
    mkdir -p "$SRC"
    git -C "$ROOT" archive "$sha" | tar -x -C "$SRC"
  fi
  VERSION_NOTE="commit ${sha:0:12} (exported to $SRC)"
else
  VERSION_NOTE="working tree at $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo 'an unknown commit')"
  if [[ -n "$(git -C "$ROOT" status --porcelain -- compiler grammar CMakeLists.txt 2>/dev/null)" ]]; then
    VERSION_NOTE+=" + uncommitted changes in compiler/, grammar/ or CMakeLists.txt"
  fi
fi
INFRAC="$BUILD/compiler/infrac"

echo "== building a Release compiler in $BUILD"
cmake -S "$SRC" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >"$WORK/cmake.log" 2>&1 \
  || { cat "$WORK/cmake.log" >&2; echo "run.sh: cmake failed" >&2; exit 1; }
ninja -C "$BUILD" infrac >"$WORK/ninja.log" 2>&1 \
  || { tail -40 "$WORK/ninja.log" >&2; echo "run.sh: the build failed" >&2; exit 1; }

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "== infrac: $("$INFRAC" --version), $VERSION_NOTE"
echo "== timing: $RUNS runs per case ($([[ $HAVE_HYPERFINE -eq 1 ]] && hyperfine --version || echo 'date +%s%N loop')), peak memory: median of $MEM_RUNS"

# ---------------------------------------------------------------- cases

# One line per case, tab-separated: name, family, resources, command label,
# expectation (ok | limit), then the infrac arguments.
CASES="$WORK/cases.tsv"
: >"$CASES"
add_case() {  # name family resources label expect args...
  local name="$1" family="$2" n="$3" label="$4" expect="$5"
  shift 5
  local IFS=$'\x1f'  # arguments are joined with the unit separator, so paths may hold spaces
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$family" "$n" "$label" "$expect" "$*" >>"$CASES"
}

add_case startup - - "--version" ok --version
# The resources of an example, counted in the template it compiles to (modules and
# loops make more than the source declares); "-" when it does not compile.
count_resources() {  # file
  "$INFRAC" build "$1" --format json -o "$WORK/count.json" >/dev/null 2>&1 || { echo -; return; }
  python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1])).get("Resources", {})))' "$WORK/count.json"
}
for f in "$SRC"/examples/*.infra; do
  base="$(basename "$f" .infra)"
  n="$(count_resources "$f")"
  add_case "examples/$base" example "$n" "build -o" ok build "$f" -o "$WORK/out-$base.yaml"
done

echo "== generating programs in $WORK"
for family in network mixed; do
  flag=""
  [[ $family == mixed ]] && flag="--mixed"
  for n in 100 500 1000 10000; do
    prog="$WORK/$family-$n.infra"
    python3 "$BENCH_DIR/gen_program.py" "$n" $flag -o "$prog"
    echo "   $family-$n.infra: $(wc -c <"$prog") bytes, $(wc -l <"$prog") lines"
  done
  # `build` where CloudFormation accepts the result (N <= 500); `check` at every N, so
  # the per-resource cost is compared over exactly the same phases.
  add_case "$family-100" "$family" 100 "build -o" ok build "$WORK/$family-100.infra" -o "$WORK/out-$family-100.yaml"
  add_case "$family-500" "$family" 500 "build -o" ok build "$WORK/$family-500.infra" -o "$WORK/out-$family-500.yaml"
  add_case "$family-100" "$family" 100 check ok check "$WORK/$family-100.infra"
  add_case "$family-1000" "$family" 1000 check limit check "$WORK/$family-1000.infra"
  add_case "$family-10000" "$family" 10000 check limit check "$WORK/$family-10000.infra"
done

# ---------------------------------------------------------------- verify, then measure

# Checks that a case gives the expected result: `ok` exits 0 with no error; `limit`
# exits 1 with exactly one error, E0601 (more than 500 resources). Warnings are counted
# in the verdict but allowed. Prints the verdict; on failure, also the diagnostics.
verify() {  # expect args...
  local expect="$1"
  shift
  local rc=0 diags=()
  [[ "$1" == build || "$1" == check ]] && diags=(--diagnostics-format json)
  "$INFRAC" "$@" "${diags[@]}" >"$WORK/verify.out" 2>"$WORK/verify.err" || rc=$?
  # JSON diagnostics are printed on stdout (the builds write their templates with -o).
  python3 - "$expect" "$rc" "$WORK/verify.out" "$1" <<'EOF'
import json, sys
expect, rc, err_path, cmd = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
text = open(err_path, encoding="utf-8", errors="replace").read()
if cmd not in ("build", "check"):
    print("ok" if rc == 0 else f"FAIL(exit {rc})")
    sys.exit(0)
try:
    diags = json.loads(text) if text.strip() else []
except ValueError:
    print(f"FAIL(exit {rc}, stderr not JSON)")
    print(text, file=sys.stderr)
    sys.exit(0)
errors = [d.get("code") for d in diags if d.get("severity") == "error"]
warnings = [d.get("code") for d in diags if d.get("severity") != "error"]
note = f", {len(warnings)} warning{'s' if len(warnings) > 1 else ''}" if warnings else ""
if expect == "ok" and rc == 0 and not errors:
    print(f"ok{' (' + note[2:] + ')' if note else ''}")
elif expect == "limit" and rc == 1 and errors == ["E0601"]:
    print(f"ok (E0601 only{note})")
else:
    print(f"FAIL(exit {rc}, {','.join(errors) or 'no errors'}{note})")
    for d in diags[:10]:
        loc = d.get("location") or {}
        print(f"  {d.get('code')} {loc.get('file', '')}:{loc.get('line', '')}:{loc.get('column', '')}: "
              f"{d.get('message')}", file=sys.stderr)
EOF
}

# Times one case: writes "median min max cpu" in milliseconds; cpu is the mean user +
# system time per run (hyperfine only; "nan" with the fallback loop).
time_case() {  # args...
  if [[ $HAVE_HYPERFINE -eq 1 ]]; then
    local cmd
    cmd="$(printf '%q ' "$INFRAC" "$@")"
    hyperfine -N --ignore-failure --warmup 1 --runs "$RUNS" --style none \
      --export-json "$WORK/hf.json" "$cmd" >/dev/null 2>"$WORK/hf.err" \
      || { cat "$WORK/hf.err" >&2; echo "nan nan nan nan"; return; }
    python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
r["cpu"] = r["user"] + r["system"]
print(" ".join(f"{r[k] * 1000:.3f}" for k in ("median", "min", "max", "cpu")))' "$WORK/hf.json"
  else
    "$INFRAC" "$@" >/dev/null 2>&1 || true  # warm-up
    local i t0 t1 times=()
    for ((i = 0; i < RUNS; i++)); do
      t0=$(date +%s%N)
      "$INFRAC" "$@" >/dev/null 2>&1 || true
      t1=$(date +%s%N)
      times+=($(( t1 - t0 )))
    done
    python3 -c '
import statistics, sys
t = [int(x) / 1e6 for x in sys.argv[1:]]
print(f"{statistics.median(t):.3f} {min(t):.3f} {max(t):.3f} nan")' "${times[@]}"
  fi
}

# Peak memory: the median over MEM_RUNS runs of GNU time's maximum resident set size, in KiB.
peak_kib() {  # args...
  local i vals=()
  for ((i = 0; i < MEM_RUNS; i++)); do
    /usr/bin/time -v -o "$WORK/time.txt" "$INFRAC" "$@" >/dev/null 2>&1 || true
    vals+=("$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$WORK/time.txt")")
  done
  python3 -c 'import statistics, sys; print(int(statistics.median(int(v) for v in sys.argv[1:])))' "${vals[@]}"
}

RESULTS="$WORK/results.tsv"
: >"$RESULTS"
ncases=$(wc -l <"$CASES")
i=0
LOAD_BEFORE="$(cut -d' ' -f1 /proc/loadavg)"
echo "== measuring $ncases cases; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
while IFS=$'\t' read -r name family n label expect args; do
  i=$((i + 1))
  IFS=$'\x1f' read -r -a argv <<<"$args"
  status="$(verify "$expect" "${argv[@]}" 2>"$WORK/verify.why")"
  if [[ "$status" == FAIL* ]]; then
    echo "   [$i/$ncases] $name ($label): $status" >&2
    cat "$WORK/verify.why" >&2
    printf '%s\t%s\t%s\t%s\t%s\tnan\tnan\tnan\tnan\tnan\n' "$name" "$family" "$n" "$label" "$status" >>"$RESULTS"
    continue
  fi
  read -r med min max cpu <<<"$(time_case "${argv[@]}")"
  kib="$(peak_kib "${argv[@]}")"
  echo "   [$i/$ncases] $name ($label): $status, median ${med} ms, peak $((kib / 1024)) MiB"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
    "$name" "$family" "$n" "$label" "$status" "$med" "$min" "$max" "$cpu" "$kib" >>"$RESULTS"
done <"$CASES"

echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores; a higher load means runs waited for a core)"
echo
python3 "$BENCH_DIR/report.py" "$RESULTS" "$(nproc)" "$LOAD_BEFORE" "$(cut -d' ' -f1 /proc/loadavg)"
exit 0
