#!/usr/bin/env bash
# Counts the instructions infrac executes on each benchmark case with valgrind
# (callgrind's instruction count: repeatable on a shared machine, unlike wall time),
# beside the peak resident memory GNU time reports. See bench/README.md.
#
#   bench/instructions.sh [--infrac PATH] [--sizes "100 1000 10000"]
#
#   --infrac PATH   the compiler to measure (default: build-bench/compiler/infrac, built
#                   by bench/run.sh; or build/compiler/infrac when that is missing)
#   --sizes LIST    the generated program sizes of `check` (default: 100 1000 10000)
#
# Prints one line per case: instructions, peak MB, instructions per resource, exit status.
# Exits 0 whether or not the targets are met; non-zero only when it cannot run.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
# shellcheck source=bench/common.sh
source "$BENCH_DIR/common.sh"
INFRAC=""
SIZES="100 1000 10000"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --infrac) INFRAC="${2:?--infrac needs a path}"; shift 2 ;;
    --sizes) SIZES="${2:?--sizes needs a list}"; shift 2 ;;
    -h|--help) bench_help "$0"; exit 0 ;;
    *) echo "instructions.sh: unknown argument \`$1\` (try --help)" >&2; exit 2 ;;
  esac
done
INFRAC="$(bench_compiler "$ROOT" "$INFRAC")"
[[ -x "$INFRAC" ]] || { echo "instructions.sh: no compiler at $INFRAC (run bench/run.sh or build first)" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "instructions.sh: valgrind is required" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "instructions.sh: GNU time (/usr/bin/time) is required" >&2; exit 2; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/infrac-instr.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# instructions CASE RESOURCES ARGS...: one line of the table.
measure() {
  local name="$1" n="$2"; shift 2
  local instr peak status
  valgrind --tool=callgrind --callgrind-out-file="$WORK/cg.out" "$INFRAC" "$@" >/dev/null 2>"$WORK/vg.err" || true
  instr="$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$WORK/vg.err" | tail -1)"
  [[ -n "$instr" ]] || { cat "$WORK/vg.err" >&2; echo "instructions.sh: valgrind failed on $name" >&2; exit 1; }
  status=0
  /usr/bin/time -f '%M' -o "$WORK/time.out" "$INFRAC" "$@" >/dev/null 2>&1 || status=$?
  peak="$(tail -1 "$WORK/time.out")"
  python3 - "$name" "$n" "$instr" "$peak" "$status" <<'PY'
import sys
name, n, instr, peak, status = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
per = f"{instr / int(n):>12,.0f}" if n != "-" else f"{'-':>12}"
print(f"{name:<22} {n:>9} {instr / 1e6:>14,.1f}M {peak / 1024:>8.1f} {per} {status:>6}")
PY
}

echo "== infrac: $("$INFRAC" --version 2>&1 | head -1) ($INFRAC)"
# exit: the compiler's status (a `check` beyond 500 resources exits 1 with E0601 alone;
# anything else, a crash above all, means the figure is not the whole run's).
printf '%-22s %9s %15s %8s %12s %6s\n' case resources instructions "peak MB" "instr/res" exit
measure startup - --version
for ex in lab article environments; do
  [[ -f "$ROOT/examples/$ex.infra" ]] || continue
  measure "examples/$ex" - build "$ROOT/examples/$ex.infra" -o "$WORK/$ex.yaml"
done
for family in network mixed; do
  flag=""; [[ $family == mixed ]] && flag="--mixed"
  for n in $SIZES; do
    python3 "$BENCH_DIR/gen_program.py" $flag "$n" -o "$WORK/$family-$n.infra"
    measure "$family-$n check" "$n" check "$WORK/$family-$n.infra"
  done
done
