#!/usr/bin/env bash
# The round trip: every cfn-lint-clean template of the corpus (MANIFEST.tsv, no error
# codes) is imported, the program is checked to be formatted, built, and the built
# template compared with the original as data (compare.py, with only the equivalences
# README.md lists). Prints `round trip: N/TOTAL`.
#
#   tests/roundtrip/roundtrip.sh INFRAC CORPUS_DIR WORK_DIR [JOBS]
#
# A directory without MANIFEST.tsv (tests/golden/import) gives its templates instead,
# those whose names do not start with `fail_`; none of them may be refused.
#
# Fails when a template differs, does not build, is not formatted, or is refused by
# import without being listed in README.md ("Refused templates"), and when a listed one
# is no longer refused. Skips (exit 77) without the corpus or cfn-lint's Python
# package, except when CI is set.
set -u
infrac=$1
corpus=$2
work=$3
jobs=${4:-2}
here=$(cd "$(dirname "$0")" && pwd)
readme="$here/README.md"
manifest="$corpus/MANIFEST.tsv"
python=${ROUNDTRIP_PYTHON:-python3}

skip() {
  if [ -n "${CI:-}" ]; then echo "not ok - $1"; exit 1; fi
  echo "SKIP: $1"
  exit 77
}
[ -d "$corpus" ] || skip "the corpus is not at $corpus"
# cfn-lint's decoder reads the templates; a pyenv shim may hide where it is installed.
if ! "$python" -c 'import cfnlint.decode' 2>/dev/null; then
  cfn=$(command -v cfn-lint 2>/dev/null)
  if [ -n "$cfn" ] && command -v pyenv >/dev/null 2>&1; then cfn=$(pyenv which cfn-lint 2>/dev/null); fi
  alt=$(dirname "${cfn:-/nonexistent}")/python3
  if [ -x "$alt" ] && "$alt" -c 'import cfnlint.decode' 2>/dev/null; then python=$alt
  else skip "cfn-lint's Python package (cfnlint) is not installed"; fi
fi

rm -rf "$work"
mkdir -p "$work/out"
corpus=$(cd "$corpus" && pwd)
if [ -f "$manifest" ]; then
  awk -F'\t' 'NR > 1 && $2 == "-" { print $1 }' "$manifest" > "$work/templates.txt"
  listed_refusals=yes
else
  (cd "$corpus" && ls | grep -E '\.(yaml|json)$' | grep -v '^fail_') > "$work/templates.txt"
  listed_refusals=no
fi
total=$(wc -l < "$work/templates.txt")


# One template: import, fmt --check, build. Writes one status line into its .status file.
one() {
  local infrac=$1 corpus=$2 work=$3 t=$4
  local n=${t//\//_}
  n="$work/out/${n%.*}"
  if ! "$infrac" import --color never "$corpus/$t" -o "$n.infra" 2> "$n.import.txt"; then
    echo "refused" > "$n.status"; return
  fi
  if ! "$infrac" fmt --check "$n.infra" > "$n.fmt.txt" 2>&1; then
    echo "unformatted" > "$n.status"; return
  fi
  if ! "$infrac" build --color never "$n.infra" -o "$n.built.yaml" 2> "$n.build.txt"; then
    echo "unbuilt" > "$n.status"; return
  fi
  echo "built" > "$n.status"
}
export -f one
xargs -P "$jobs" -I{} bash -c 'one "$@"' _ "$infrac" "$corpus" "$work" {} < "$work/templates.txt"

# Templates README.md lists as refused: lines "- `PATH`: reason".
if [ "$listed_refusals" = yes ]; then
  sed -n 's/^- `\([^`]*\)`: .*/\1/p' "$readme" | sort > "$work/listed.txt"
else
  : > "$work/listed.txt"
fi

: > "$work/pairs.txt"
failed=0
refused=0
declare -A status
while read -r t; do
  n=${t//\//_}
  n="$work/out/${n%.*}"
  s=$(cat "$n.status" 2>/dev/null || echo "crashed")
  case $s in
    built) printf '%s\t%s\n' "$corpus/$t" "$n.built.yaml" >> "$work/pairs.txt" ;;
    refused)
      if grep -qxF "$t" "$work/listed.txt"; then
        refused=$((refused + 1))
      else
        failed=$((failed + 1))
        echo "not ok - $t: refused by import, and not listed in README.md"
        sed 's/^/    /' "$n.import.txt" | head -20
      fi ;;
    unformatted)
      failed=$((failed + 1)); echo "not ok - $t: the imported program is not formatted"; head -20 "$n.fmt.txt" | sed 's/^/    /' ;;
    unbuilt)
      failed=$((failed + 1)); echo "not ok - $t: the imported program does not build"; head -20 "$n.build.txt" | sed 's/^/    /' ;;
    *) failed=$((failed + 1)); echo "not ok - $t: $s" ;;
  esac
  status[$t]=$s
done < "$work/templates.txt"

while read -r t; do
  [ -z "$t" ] && continue
  if [ "${status[$t]:-missing}" != "refused" ]; then
    failed=$((failed + 1))
    echo "not ok - $t: listed in README.md as refused, but import ${status[$t]:-does not see it}"
  fi
done < "$work/listed.txt"

"$python" "$here/compare.py" "$work/pairs.txt" > "$work/compare.txt"
differ=$(grep -c '^differs' "$work/compare.txt")
sed 's/^differs - /not ok - /' "$work/compare.txt"
built=$(wc -l < "$work/pairs.txt")
same=$((built - differ))
failed=$((failed + differ))
echo "round trip: $same/$total (refused as listed: $refused)"
[ "$failed" -eq 0 ]
