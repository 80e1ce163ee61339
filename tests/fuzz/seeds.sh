#!/usr/bin/env bash
# Writes the seed inputs of a fuzz harness into DIR (emptied first), from the project's
# own files, at the time of the run (no seed is committed):
#   infra     tests/golden/*.infra, stdlib/**/*.infra, examples/**/*.infra
#   template  tests/golden/templates/*, the templates tests/golden expects (*.yaml, *.json),
#             tests/reference/*.yaml, and ../shared/corpus/**/*.{yaml,yml,json} when present
# Usage: tests/fuzz/seeds.sh infra|template DIR
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
[ $# -eq 2 ] || { echo "usage: $0 infra|template DIR" >&2; exit 2; }
harness="$1" dir="$2"

files=()
case "$harness" in
  infra)
    while IFS= read -r -d '' f; do files+=("$f"); done < <(
      find "$root/tests/golden" -maxdepth 1 -name '*.infra' -print0
      find "$root/stdlib" "$root/examples" -name '*.infra' -print0
      # Past findings, replayed first by every run (tests/fuzz/findings/README.md).
      find "$root/tests/fuzz/findings/infra" -type f ! -name '*.md' -print0)
    ;;
  template)
    while IFS= read -r -d '' f; do files+=("$f"); done < <(
      if [ -d "$root/tests/golden/templates" ]; then find "$root/tests/golden/templates" -type f -print0; fi
      find "$root/tests/golden" -maxdepth 1 \( -name '*.yaml' -o -name '*.json' \) -print0
      find "$root/tests/reference" -name '*.yaml' -print0
      if [ -d "$root/../shared/corpus" ]; then
        find "$root/../shared/corpus" -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \) -print0
      fi)
    ;;
  *) echo "seeds.sh: unknown harness \`$harness\` (infra or template)" >&2; exit 2 ;;
esac

rm -rf "$dir"
mkdir -p "$dir"
for f in "${files[@]}"; do
  rel="${f#"$root"/}"
  rel="${rel#../}"
  cat "$f" >"$dir/$(printf '%s' "$rel" | tr '/' '_')"
done
echo "seeds: ${#files[@]} $harness inputs in $dir"
