#!/usr/bin/env bash
# Checks that compiler/catalog/data/cfn-catalog.jsonl is exactly what
# tools/gen_catalog.py produces with the installed cfn-lint.
# Exit 0: up to date.  Exit 1: differs (or could not be regenerated).
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
committed="$root/compiler/catalog/data/cfn-catalog.jsonl"
python=${PYTHON:-python3}

tmp=$(mktemp "${TMPDIR:-/tmp}/cfn-catalog.XXXXXX")
trap 'rm -f "$tmp" "$tmp.tmp"' EXIT

if ! "$python" "$root/tools/gen_catalog.py" -o "$tmp" >/dev/null; then
  echo "check_catalog: FAILED to regenerate (is cfn-lint installed for $python?)" >&2
  exit 1
fi
if [[ ! -f "$committed" ]]; then
  echo "check_catalog: FAILED: $committed is missing" >&2
  exit 1
fi
if cmp -s "$tmp" "$committed"; then
  echo "check_catalog: OK: catalog is up to date ($(head -n1 "$committed"))"
  exit 0
fi
echo "check_catalog: FAILED: committed catalog differs from a fresh generation" >&2
echo "  committed: $(head -n1 "$committed")" >&2
echo "  generated: $(head -n1 "$tmp")" >&2
echo "  regenerate with: python3 tools/gen_catalog.py" >&2
exit 1
