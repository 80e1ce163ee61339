#!/usr/bin/env bash
# `infrac fmt` as a command: standard input, --check, rewriting in place only what
# changes, directories in sorted order, files with errors left as they are, exit codes.
#   cli.sh INFRAC
set -uo pipefail
infrac=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

messy='let   x=1
resource t: AWS::SNS::Topic {TopicName="a"}
'
tidy='let x = 1
resource t: AWS::SNS::Topic { TopicName = "a" }
'

# Standard input to standard output; --check on standard input writes nothing.
out=$(printf '%s' "$messy" | "$infrac" fmt); rc=$?
[ "$rc" = 0 ] || fail "stdin: status $rc"
[ "$out"$'\n' = "$tidy" ] || fail "stdin: got <$out>"
out=$(printf '%s' "$messy" | "$infrac" fmt --check); rc=$?
[ "$rc" = 1 ] && [ "$out" = "<stdin>" ] || fail "stdin --check: status $rc, output <$out>"
printf '%s' "$tidy" | "$infrac" fmt --check >/dev/null || fail "stdin --check of formatted text"

# A directory: its .infra files, recursively, sorted; hidden folders and other files skipped.
mkdir -p proj/b proj/a proj/.hidden
printf '%s' "$messy" > proj/b/z.infra
printf '%s' "$messy" > proj/a/y.infra
printf '%s' "$tidy" > proj/ok.infra
printf '%s' "$messy" > proj/.hidden/h.infra
printf '%s' "$messy" > proj/notes.txt
chmod 640 proj/a/y.infra
touch -d '2001-01-01' proj/ok.infra
out=$("$infrac" fmt --check proj); rc=$?
[ "$rc" = 1 ] || fail "--check: status $rc"
[ "$out" = $'proj/a/y.infra\nproj/b/z.infra' ] || fail "--check lists <$out>"
cmp -s proj/a/y.infra <(printf '%s' "$messy") || fail "--check wrote a file"

"$infrac" fmt proj || fail "fmt proj: status $?"
cmp -s proj/a/y.infra <(printf '%s' "$tidy") || fail "proj/a/y.infra not formatted"
cmp -s proj/b/z.infra <(printf '%s' "$tidy") || fail "proj/b/z.infra not formatted"
cmp -s proj/.hidden/h.infra <(printf '%s' "$messy") || fail "a hidden folder was entered"
cmp -s proj/notes.txt <(printf '%s' "$messy") || fail "a file that is not .infra was formatted"
[ "$(stat -c %a proj/a/y.infra)" = 640 ] || fail "permissions not kept: $(stat -c %a proj/a/y.infra)"
[ "$(stat -c %Y proj/ok.infra)" = "$(date -d 2001-01-01 +%s)" ] || fail "an unchanged file was rewritten"
"$infrac" fmt --check proj >/dev/null || fail "--check after fmt: status $?"

# A file with a syntax error, or a comment fmt cannot place: diagnostics, untouched, status 1;
# the other files are still formatted.
printf 'let x = \n' > broken.infra
printf 'let x = 1 + /* c */ 2\n' > comment.infra
printf '%s' "$messy" > fine.infra
err=$("$infrac" fmt broken.infra comment.infra fine.infra 2>&1 >/dev/null); rc=$?
[ "$rc" = 1 ] || fail "errors: status $rc"
[[ "$err" == *"error[E0"*"broken.infra"*"left as it is"* ]] || fail "no syntax error reported: <$err>"
[[ "$err" == *"error[E0901]"* ]] || fail "no E0901: <$err>"
cmp -s broken.infra <(printf 'let x = \n') || fail "a file with a syntax error was changed"
cmp -s comment.infra <(printf 'let x = 1 + /* c */ 2\n') || fail "a file with an unplaced comment was changed"
cmp -s fine.infra <(printf '%s' "$tidy") || fail "the good file was not formatted"

# A missing file is an error; usage errors are status 2.
"$infrac" fmt missing.infra 2>/dev/null; rc=$?
[ "$rc" = 1 ] || fail "missing file: status $rc"
"$infrac" fmt --no-such-flag 2>/dev/null; rc=$?
[ "$rc" = 2 ] || fail "usage error: status $rc"
"$infrac" fmt --help | grep -q -- "--check" || fail "--help does not describe --check"

if [ "$failures" = 0 ]; then echo "fmt cli: all checks passed"; else exit 1; fi
