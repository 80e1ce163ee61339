#!/usr/bin/env bash
# The infrac binary embeds the stdlib parsed at build time (compiler/syntax/preparsed.h);
# a stdlib module edited since must be parsed from disk, never taken from the binary.
# The compiler is installed into a scratch prefix (bin/infrac beside
# share/infrac/stdlib, where it looks for its stdlib first: sema::default_stdlib_dir)
# with a copy of the stdlib, and one module of the copy is edited in three ways.
#
#   tests/stdlib/edited_module.sh INFRAC REPOSITORY_ROOT
set -euo pipefail

INFRAC="${1:?usage: edited_module.sh INFRAC REPOSITORY_ROOT}"
ROOT="${2:?usage: edited_module.sh INFRAC REPOSITORY_ROOT}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/infrac-edited-stdlib.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

mkdir -p "$WORK/bin" "$WORK/share/infrac"
cp "$INFRAC" "$WORK/bin/infrac"
cp -R "$ROOT/stdlib" "$WORK/share/infrac/stdlib"
MODULE="$WORK/share/infrac/stdlib/std/iam/ssm_instance_role.infra"
cat >"$WORK/main.infra" <<'INFRA'
import std.iam.ssm_instance_role

module app = ssm_instance_role { name = "app" }
INFRA

fail() { echo "FAIL: $*" >&2; exit 1; }

# Unedited: the same template as the compiler of the build tree gives.
"$INFRAC" build "$WORK/main.infra" -o "$WORK/expected.yaml"
"$WORK/bin/infrac" build "$WORK/main.infra" -o "$WORK/unedited.yaml"
cmp -s "$WORK/expected.yaml" "$WORK/unedited.yaml" || fail "the unedited stdlib copy gives another template"
grep -q 'ec2.amazonaws.com' "$WORK/unedited.yaml" || fail "the template lacks the module's principal"

# An edit that changes the template.
sed -i 's/"ec2\.amazonaws\.com"/"edited.amazonaws.com"/' "$MODULE"
"$WORK/bin/infrac" build "$WORK/main.infra" -o "$WORK/edited.yaml"
grep -q 'edited.amazonaws.com' "$WORK/edited.yaml" || fail "the edited module was not the one compiled"
grep -q 'ec2.amazonaws.com' "$WORK/edited.yaml" && fail "the embedded module was compiled, not the edited one"

# An edit of one byte, the length unchanged: the key of the role's tag.
sed -i 's/Key = "Name"/Key = "Nome"/' "$MODULE"
"$WORK/bin/infrac" build "$WORK/main.infra" -o "$WORK/renamed.yaml"
grep -q 'Key: Nome' "$WORK/renamed.yaml" || fail "a same-length edit was not compiled"

# A syntax error: the parser's diagnostic, with the module's own line.
sed -i 's/^resource profile: /resource profile /' "$MODULE"
if "$WORK/bin/infrac" build "$WORK/main.infra" -o "$WORK/broken.yaml" 2>"$WORK/broken.err"; then
  fail "a stdlib module with a syntax error compiled"
fi
grep -q 'std/iam/ssm_instance_role.infra' "$WORK/broken.err" || { cat "$WORK/broken.err" >&2; fail "the error is not in the module"; }
grep -q 'resource profile AWS::IAM::InstanceProfile' "$WORK/broken.err" || { cat "$WORK/broken.err" >&2; fail "the error does not show the edited line"; }
echo "ok: edited stdlib modules are parsed from disk"
