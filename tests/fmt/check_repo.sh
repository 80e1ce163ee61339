#!/usr/bin/env bash
# `infrac fmt --check` over every .infra of the repository (examples/, stdlib/, tests/),
# but those tests/fmt/skip.txt lists: fails, naming the files, when one is not formatted.
#   check_repo.sh INFRAC REPOSITORY_ROOT
set -euo pipefail
infrac="$1"
cd "$2"
skip=$(sed -e 's/#.*//' -e 's/[[:space:]]*$//' tests/fmt/skip.txt | grep -v '^$' || true)
files=()
while IFS= read -r f; do
  keep=1
  while IFS= read -r s; do
    [ -z "$s" ] && continue
    case "$s" in
      */) [[ "$f" == "$s"* ]] && keep=0 ;;
      *) [ "$f" = "$s" ] && keep=0 ;;
    esac
  done <<< "$skip"
  [ "$keep" = 1 ] && files+=("$f")
done < <(find examples stdlib tests -name '.*' -prune -o -name '*.infra' -type f -print | LC_ALL=C sort)
echo "fmt --check: ${#files[@]} files"
if ! "$infrac" fmt --check "${files[@]}"; then
  echo "fmt --check: the files above are not formatted; run \`infrac fmt\` on them" >&2
  exit 1
fi
