#!/usr/bin/env bash
# Modules and loops against plain resources: the same N resources (default 1,000) written
# through a module instantiated in a `for`, and written out flat. Up to 500 resources the
# two templates are byte-identical (checked here); above, `check` is timed, which runs
# every phase and stops at the one limit error, E0601, in both.
#
#   bench/modules_vs_flat.sh [N] [--runs K]
#
# Prints the median of K runs of each and their ratio. Uses build-bench/ as run.sh does.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
runs=10
if [ "${2:-}" = "--runs" ]; then runs=$3; fi

cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build build-bench --target infrac >/dev/null
infrac=build-bench/compiler/infrac
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 bench/gen_modules_vs_flat.py 500 "$work/n500"
"$infrac" build "$work/n500/modular.infra" -o "$work/modular.yaml"
"$infrac" build "$work/n500/flat.infra" -o "$work/flat.yaml"
if cmp -s "$work/modular.yaml" "$work/flat.yaml"; then
  echo "same template: modular and flat give byte-identical output at 500 resources"
else
  echo "DIFFERENT templates at 500 resources: the comparison below is not fair" >&2
fi

python3 bench/gen_modules_vs_flat.py "$n" "$work/n"
cmd=build
if [ "$n" -gt 500 ]; then cmd=check; fi
median() {  # median wall time in ms of K runs of "$@"
  local times=()
  for _ in $(seq "$runs"); do
    local t0 t1
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { printf "%.1f", (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) / 1000 }'
}
m=$(median "$infrac" "$cmd" "$work/n/modular.infra")
f=$(median "$infrac" "$cmd" "$work/n/flat.infra")
echo "$n resources, infrac $cmd, median of $runs: modules and loops $m ms, flat $f ms"
awk -v m="$m" -v f="$f" 'BEGIN { r = m / f; printf "ratio modules/flat: x%.2f (%s: within 2x)\n", r, (r <= 2 ? "PASS" : "FAIL") }'
