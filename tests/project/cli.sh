#!/usr/bin/env bash
# What a project file does on the command line: the default format of `build` (which
# --format and -o's extension override), the project directory that file() may read
# (`files`), and `check` naming the file it used.
#   cli.sh INFRAC
set -euo pipefail
infrac="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() { echo "not ok - $1"; exit 1; }

mkdir -p "$work/app/stacks"
printf '{ "format": "json", "files": "." }\n' > "$work/app/infrac.json"
printf '{ "Team": "data" }\n' > "$work/app/tags.json"
cat > "$work/app/stacks/main.infra" <<'INFRA'
resource topic: AWS::SNS::Topic {
  DisplayName = file("../tags.json").Team
}
INFRA
cd "$work/app/stacks"

out="$("$infrac" build main.infra)"
[[ "$out" == "{"* ]] || fail "the project's format (json) is build's default: got ${out:0:40}"
echo "ok - \"format\": \"json\" makes build write JSON"
[[ "$("$infrac" build main.infra -f yaml)" == "AWSTemplateFormatVersion"* ]] || fail "--format yaml wins over the project file"
"$infrac" build main.infra -o t.yaml && [[ "$(head -c 24 t.yaml)" == "AWSTemplateFormatVersion" ]] || fail "-o t.yaml wins over the project file"
echo "ok - --format and -o's extension win over it"
[[ "$out" == *'"DisplayName": "data"'* ]] || fail "file() reads inside the project directory the file names"
echo "ok - \"files\": \".\" lets file() read the project's directory, above the program"

err="$("$infrac" check main.infra 2>&1 >/dev/null)"
[[ "$err" == *"infrac: project file "*"app/infrac.json"* ]] || fail "check names the project file: got: $err"
echo "ok - check names the project file it used"

rm "$work/app/infrac.json"
if "$infrac" check main.infra 2>"$work/err"; then fail "without the project file, file(\"../tags.json\") is outside the project"; fi
grep -q "E0108" "$work/err" || fail "without the project file: E0108 expected, got $(cat "$work/err")"
echo "ok - without it, the project is the program's directory again (E0108)"
