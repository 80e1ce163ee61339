#!/usr/bin/env bash
# Lint CloudFormation templates with cfn-lint.
#
#   tests/e2e/lint.sh FILE...
#
# Fails (exit 1) when cfn-lint reports an error for any FILE, or cannot run
# on it. Warnings and informational findings are printed but do not fail.
# cfn-lint's exit status is a bit set: 2 = errors, 4 = warnings,
# 8 = informational; 1 (or anything above 15) means cfn-lint itself failed.
#
# When cfn-lint is not installed: prints "SKIP: cfn-lint not installed" and
# exits 77 (CTest's SKIP_RETURN_CODE), unless the environment variable CI is
# set to a non-empty value, where a missing cfn-lint is a failure (exit 1).
#
# Environment: CFN_LINT names the command to run (default: cfn-lint);
# CFN_LINT_ARGS adds arguments (split on spaces), e.g. "--regions us-east-1".
set -u

usage() {
    echo "usage: $0 FILE..." >&2
    exit 2
}
[ "$#" -ge 1 ] || usage

cfn_lint=${CFN_LINT:-cfn-lint}

# A pyenv shim may exist while the command does not: run it to be sure.
if ! command -v "$cfn_lint" >/dev/null 2>&1 || ! "$cfn_lint" --version >/dev/null 2>&1; then
    if [ -n "${CI:-}" ]; then
        echo "FAIL: cfn-lint not installed (required when CI is set)" >&2
        exit 1
    fi
    echo "SKIP: cfn-lint not installed"
    exit 77
fi

run_timeout=()
if command -v timeout >/dev/null 2>&1; then
    run_timeout=(timeout 300)
fi

# shellcheck disable=SC2206 # splitting CFN_LINT_ARGS on spaces is intended
extra_args=(${CFN_LINT_ARGS:-})

for file in "$@"; do
    if [ ! -f "$file" ]; then
        echo "not ok - $file: no such file"
        exit 1
    fi
done

# One cfn-lint run for all the files (its start-up dominates the cost of a file), in
# the parseable format: FILE:LINE:COL:ENDLINE:ENDCOL:RULE:MESSAGE, one finding a line.
output=$("${run_timeout[@]}" "$cfn_lint" "${extra_args[@]}" --format parseable -- "$@" 2>&1)
rc=$?
[ -n "$output" ] && printf '%s\n' "$output"
if [ "$rc" -eq 124 ] && [ "${#run_timeout[@]}" -gt 0 ]; then
    echo "not ok - cfn-lint timed out"
    exit 1
elif [ "$rc" -eq 1 ] || [ "$rc" -ge 16 ]; then
    echo "not ok - cfn-lint failed to run (exit $rc)"
    exit 1
fi

failed=0
for file in "$@"; do
    # The findings of this file: lines whose first field is its path exactly.
    mine=$(printf '%s\n' "$output" | awk -v f="$file" 'index($0, f ":") == 1')
    # Error rules are E....; W and I findings are printed but do not fail.
    if printf '%s\n' "$mine" | grep -q -E ':E[0-9]{4}:'; then
        echo "not ok - $file: cfn-lint reported errors"
        failed=1
    elif [ -n "$mine" ]; then
        echo "ok - $file (warnings or informational findings only)"
    else
        echo "ok - $file"
    fi
done
# Errors that no file line accounts for still fail.
if [ "$failed" -eq 0 ] && [ $((rc & 2)) -ne 0 ]; then
    echo "not ok - cfn-lint reported errors (exit $rc)"
    failed=1
fi
exit "$failed"
