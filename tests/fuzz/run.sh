#!/usr/bin/env bash
# Runs a libFuzzer harness of a build configured with -DINFRAC_FUZZ=ON (clang).
#
#   tests/fuzz/run.sh HARNESS [--time SECONDS] [--runs N] [--seed N] [--keep-going] [--build DIR]
#
# HARNESS is `infra` (the .infra pipeline) or `template` (check-template). By default it
# fuzzes for --time seconds (300) with a persistent corpus, DIR/fuzz/HARNESS/corpus, that
# grows from run to run; the seeds (tests/fuzz/seeds.sh) are regenerated each time.
# --runs N instead executes N inputs with a fixed seed (--seed, default 1) from the seeds
# alone, in a scratch corpus: the regression run of CTest and tools/test.sh. (A run is
# not reproducible input for input: libFuzzer's choices follow the coverage it sees, which
# varies a little from run to run. A finding is saved, and replays.)
# --keep-going (fork mode) records a crash, timeout or out-of-memory input and goes on,
# for exploring; without it the run stops at the first finding.
# Findings are written to DIR/fuzz/HARNESS/findings/. The run prints the executions, the
# coverage (edges) and features reached, and every finding's file; it exits 1 when there
# is a finding. DIR defaults to build-sanitize, the build tools/test.sh makes.
#
# Limits, from the product's bounds (10 s and 1 GB for one input, in a release build):
# -timeout=10 as is. The sanitizers make infrac about 3.7 times slower (bench's 10,000-
# resource program: 8.2 s in release, 30 s here), so this is stricter than the bound; the
# inputs are small (at most the largest seed), and one that needs 10 s is a real problem.
# -rss_limit_mb=2560: AddressSanitizer's redzones and shadow cost about 2.1 times the
# release build's memory past a fixed ~0.3 GB (mostly its quarantine of freed memory):
# that program peaks at 0.69 GB in release and 1.56 GB here, a 2,000-resource one at 0.14
# and 0.41 GB. 1 GB in release is then about 2.5 GB here.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"

usage() { echo "usage: $0 infra|template [--time SECONDS] [--runs N] [--seed N] [--keep-going] [--build DIR]" >&2; exit 2; }
[ $# -ge 1 ] || usage
harness="$1"; shift
case "$harness" in infra|template) ;; *) usage ;; esac
time_s=300 runs="" seed="" keep_going=0 build="$root/build-sanitize"
while [ $# -gt 0 ]; do
  case "$1" in
    --time) time_s="${2:?}"; shift 2 ;;
    --runs) runs="${2:?}"; shift 2 ;;
    --seed) seed="${2:?}"; shift 2 ;;
    --keep-going) keep_going=1; shift ;;
    --build) build="$(cd "${2:?}" && pwd)"; shift 2 ;;
    *) usage ;;
  esac
done

binary="$build/tests/fuzz/fuzz_$harness"
if [ ! -x "$binary" ]; then
  echo "run.sh: no $binary; configure with clang and -DINFRAC_FUZZ=ON and build (see README)" >&2
  exit 2
fi

work="$build/fuzz/$harness"
findings="$work/findings"
mkdir -p "$findings"
"$root/tests/fuzz/seeds.sh" "$harness" "$work/seeds"
if [ -n "$runs" ]; then
  corpus="$work/regression-corpus"
  rm -rf "$corpus"
  limit=(-runs="$runs" -seed="${seed:-1}")
else
  corpus="$work/corpus"
  limit=(-max_total_time="$time_s")
  if [ -n "$seed" ]; then limit+=(-seed="$seed"); fi
fi
mkdir -p "$corpus"
if [ "$keep_going" = 1 ]; then
  limit+=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
fi

dict="$root/tests/fuzz/$harness.dict"
log="$work/last.log"
marker="$work/.started"
touch "$marker"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"

echo "fuzz $harness: $binary, corpus $corpus, log $log"
status=0
"$binary" "${limit[@]}" -timeout=10 -rss_limit_mb=2560 -dict="$dict" -print_final_stats=1 \
  -artifact_prefix="$findings/" "$corpus" "$work/seeds" >"$log" 2>&1 || status=$?

# The last status line: "#N DONE cov: C ft: F corp: ..." (or "#N: cov: C ft: F ..." when forking).
last="$(grep -E '^#[0-9]+:?[[:space:]].*cov: [0-9]+ ft: [0-9]+' "$log" | tail -n 1 || true)"
execs="$(grep -oE '^stat::number_of_executed_units: [0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+$' || true)"
[ -n "$execs" ] || execs="$(printf '%s' "$last" | grep -oE '^#[0-9]+' | tr -d '#' || true)"
cov="$(printf '%s' "$last" | grep -oE 'cov: [0-9]+' | grep -oE '[0-9]+' || true)"
ft="$(printf '%s' "$last" | grep -oE 'ft: [0-9]+' | grep -oE '[0-9]+' || true)"
rss="$(grep -oE '^stat::peak_rss_mb: [0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+$' || true)"
secs="$(grep -oE '^Done [0-9]+ runs in [0-9]+ second' "$log" | grep -oE 'in [0-9]+' | grep -oE '[0-9]+' || true)"
corpus_n="$(find "$corpus" -type f | wc -l)"
# cov is libFuzzer's count of the edges reached (fork mode counts its own way), ft its features.
echo "fuzz $harness: ${execs:-?} executions${secs:+ in ${secs} s}, cov ${cov:-?}, ft ${ft:-?}, corpus $corpus_n inputs${rss:+, peak RSS ${rss} MB}"

mapfile -t new < <(find "$findings" -type f -newer "$marker" | sort)
rm -f "$marker"
if [ ${#new[@]} -gt 0 ]; then
  echo "fuzz $harness: ${#new[@]} finding(s):"
  printf '  %s\n' "${new[@]}"
  # The sanitizers' reports, the harness's own complaint (fuzz_infra: ...), an uncaught
  # exception's type and text: what names the fault when only this output is kept (CI).
  grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error:|ALARM|==[0-9]+== ERROR: libFuzzer|fuzz_[a-z]+: |terminate called|  what\(\))' "$log" |
    head -n 20 | sed 's/^/  /'
  # The input itself, when small, so that a finding on another machine can be replayed:
  # `base64 -d > FILE` of the lines between the markers.
  for f in "${new[@]}"; do
    if [ "$(wc -c < "$f")" -le 8192 ]; then
      echo "  input $(basename "$f") (base64):"
      echo "  -----BEGIN-----"
      base64 -w 100 "$f" | sed 's/^/  /'
      echo "  -----END-----"
    fi
  done
  echo "  reproduce: $binary FILE   (full log: $log)"
  exit 1
fi
if [ "$status" -ne 0 ]; then
  echo "fuzz $harness: the fuzzer exited with status $status and wrote no finding; see $log" >&2
  tail -n 20 "$log" >&2
  exit 1
fi
