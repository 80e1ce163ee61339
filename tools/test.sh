#!/usr/bin/env bash
# Builds infrac and runs every test (unit, golden, robustness and end-to-end with cfn-lint
# and a local CloudFormation engine), twice:
#   1. build/            g++, Release: the whole suite.
#   2. build-sanitize/   clang 14 with AddressSanitizer (leaks included) and UBSan, undefined
#                        behaviour fatal, and the libFuzzer harnesses: the whole suite again,
#                        then a regression run of each harness (a fixed number of inputs
#                        with a fixed seed; CTest label `fuzz`).
# Installs missing build dependencies first. Arguments go to every ctest run
# (e.g. `tools/test.sh -R golden`). Prints the time of each stage at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

timings=()
passed=0
failed=0
failed_stages=0
# Runs one stage and records its time. A failing stage fails the run, but the other stages
# still run: a failure in one build says nothing about the other.
stage() {
  local name="$1" start=$SECONDS rc=0
  shift
  echo "== test.sh: $name"
  "$@" || rc=$?
  timings+=("$(printf '%-24s %5d s' "$name" $((SECONDS - start)))$([ "$rc" -eq 0 ] || echo "  (failed: status $rc)")")
  if [ "$rc" -ne 0 ]; then failed_stages=$((failed_stages + 1)); fi
}
# Runs ctest, showing its output, and adds its counts to the totals.
suite() {
  local out rc line f t
  out="$(mktemp)"
  ctest "$@" 2>&1 | tee "$out"
  rc=${PIPESTATUS[0]}
  line="$(grep -E '^[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$out" | tail -n 1 || true)"
  rm -f "$out"
  if [ -n "$line" ]; then
    f="$(printf '%s' "$line" | sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/')"
    t="$(printf '%s' "$line" | sed -E 's/.* failed out of ([0-9]+).*/\1/')"
    passed=$((passed + t - f))
    failed=$((failed + f))
  fi
  return "$rc"
}
print_times() {
  echo "== test.sh: stage times"
  printf '  %s\n' "${timings[@]}"
}
jobs="$(nproc)"

stage "dependencies" tools/install-deps.sh

# g++ (the first configure takes CXX; an existing build/ keeps its compiler, g++ by default).
stage "g++ release build" bash -ec '
  CXX="${CXX:-g++}" cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build'
stage "g++ release suite" suite --test-dir build --output-on-failure -j "$jobs" "$@"

# clang with the sanitizers and the fuzzers. RelWithDebInfo: optimised as the release
# build, with line numbers in the sanitizers' stacks.
# AddressSanitizer's redzones make stack frames several times larger, and the depth tests
# call compile() on the main thread's stack (the limit of which is 8 MB by default):
# 2,000 levels of references overflow 16 MB here and pass with 32 MB. The sanitizer runs
# get 64 MB: twice what those tests were seen to need.
if ! ulimit -s 65536 2>/dev/null; then
  echo "test.sh: warning: cannot raise the stack limit to 64 MB; the deepest tests may overflow" >&2
fi
stage "clang sanitizer build" bash -ec '
  cmake -S . -B build-sanitize -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_CXX_COMPILER=clang++-14 -DINFRAC_FUZZ=ON >/dev/null
  cmake --build build-sanitize'
stage "clang sanitizer suite" suite --test-dir build-sanitize --output-on-failure -j "$jobs" -LE fuzz "$@"
stage "fuzz regression runs" suite --test-dir build-sanitize --output-on-failure -j "$jobs" -L fuzz "$@"

print_times
echo "test.sh: $passed passed, $failed failed"
if [ "$failed_stages" -ne 0 ]; then
  echo "test.sh: $failed_stages stage(s) failed" >&2
  exit 1
fi
