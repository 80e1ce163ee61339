#!/usr/bin/env bash
# Build a .infra file with infrac into a temporary directory, then lint the
# template (or run another check on it).
#
#   tests/e2e/build_and_lint.sh INFRAC SOURCE FORMAT [COMMAND ARG...]
#
# INFRAC  the infrac executable
# SOURCE  the .infra file to build
# FORMAT  yaml (`infrac build SOURCE -o OUT.yaml`) or
#         json (`infrac build SOURCE --format json -o OUT.json`)
#
# Without COMMAND the built template is linted with lint.sh (beside this
# script). With COMMAND, that command runs instead, with every argument that
# is exactly @OUT@ replaced by the built template's path, e.g.
#
#   build_and_lint.sh infrac lab.infra yaml python3 compare_templates.py REF @OUT@
#
# Environment: INFRAC_ARGS, more arguments for `infrac build` (such as `-I DIR`).
#
# Exit status: 1 when the build fails (its diagnostics are printed), else the
# status of lint.sh or COMMAND (77 = skipped, as CTest's SKIP_RETURN_CODE).
# The temporary directory is removed at the end.
set -u

if [ "$#" -lt 3 ]; then
    echo "usage: $0 INFRAC SOURCE FORMAT [COMMAND ARG...]" >&2
    exit 2
fi
infrac=$1
source_file=$2
format=$3
shift 3

here=$(cd "$(dirname "$0")" && pwd)

case "$format" in
    yaml) format_args=() ;;
    json) format_args=(--format json) ;;
    *) echo "$0: FORMAT must be yaml or json, got '$format'" >&2; exit 2 ;;
esac
if [ ! -f "$source_file" ]; then
    echo "not ok - $source_file: no such file" >&2
    exit 1
fi

workdir=$(mktemp -d "${TMPDIR:-/tmp}/infrac-e2e.XXXXXX") || exit 1
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() { rm -rf "$workdir"; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

out="$workdir/$(basename "${source_file%.*}").$format"

run_timeout=()
if command -v timeout >/dev/null 2>&1; then
    run_timeout=(timeout 120)
fi

what="infrac build $source_file${format_args[*]:+ ${format_args[*]}}"
# INFRAC_ARGS: more arguments for `infrac build`, such as `-I DIR` (split on spaces).
read -r -a extra_args <<< "${INFRAC_ARGS:-}"
if ! "${run_timeout[@]}" "$infrac" build "$source_file" "${format_args[@]}" "${extra_args[@]}" -o "$out"; then
    echo "not ok - $what failed"
    exit 1
fi
if [ ! -s "$out" ]; then
    echo "not ok - $what wrote no template"
    exit 1
fi
echo "ok - $what -> $(wc -c <"$out") bytes"

if [ "$#" -eq 0 ]; then
    bash "$here/lint.sh" "$out"
    exit $?
fi

command_args=()
for arg in "$@"; do
    if [ "$arg" = "@OUT@" ]; then
        command_args+=("$out")
    else
        command_args+=("$arg")
    fi
done
"${command_args[@]}"
exit $?
