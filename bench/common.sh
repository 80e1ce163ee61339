# What the bench scripts share; sourced by them, not run.

# bench_help SCRIPT: prints the comment at the top of SCRIPT (its usage), without the `#`s.
bench_help() {
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$1"
}

# bench_compiler ROOT GIVEN: the compiler to measure: GIVEN when set, else the Release one
# bench/run.sh builds into ROOT/build-bench, else ROOT/build's.
bench_compiler() {
  local root="$1" given="$2"
  if [[ -n "$given" ]]; then echo "$given"; return; fi
  if [[ -x "$root/build-bench/compiler/infrac" ]]; then echo "$root/build-bench/compiler/infrac"; return; fi
  echo "$root/build/compiler/infrac"
}
