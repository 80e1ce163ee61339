#!/usr/bin/env bash
# The schema checks must not reject a valid template: every template of the shared
# corpus that cfn-lint accepts (MANIFEST.tsv, no error codes) goes through
# `infrac check-template`, and any rejection fails the test.
#
#   tests/e2e/corpus_check.sh INFRAC CORPUS_DIR
#
# Skips (exit 77) when the corpus is absent, as in a user's clone, except under CI.
set -u
infrac=$1
corpus=$2
manifest="$corpus/MANIFEST.tsv"
if [ ! -f "$manifest" ]; then
  if [ -n "${CI:-}" ]; then echo "not ok - the corpus is missing: $manifest"; exit 1; fi
  echo "SKIP: the corpus is not at $corpus"
  exit 77
fi
cd "$corpus" || exit 1
mapfile -t files < <(awk -F'\t' 'NR > 1 && $2 == "-" { print $1 }' MANIFEST.tsv)
rejected=0
for f in "${files[@]}"; do
  if ! out=$("$infrac" check-template --color never "$f" 2>&1); then
    rejected=$((rejected + 1))
    echo "not ok - $f"
    echo "$out" | sed 's/^/    /'
  fi
done
echo "# $(( ${#files[@]} - rejected )) of ${#files[@]} cfn-lint-clean templates accepted"
[ "$rejected" -eq 0 ]
