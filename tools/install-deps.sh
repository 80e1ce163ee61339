#!/usr/bin/env bash
# Installs the Debian packages infrac needs to build and test, when any is missing.
# Runs as root (apt-get) or through sudo; does nothing when everything is there.
set -euo pipefail

packages=(
  cmake ninja-build g++ pkg-config
  antlr4 default-jre-headless libantlr4-runtime-dev
  libyaml-cpp-dev nlohmann-json3-dev libcli11-dev catch2 libre2-dev
  # `infrac graph --format svg` runs Graphviz's `dot`; its test renders the lab with it.
  graphviz
  # The language server's test drives it from Neovim, headless (tests/lsp/nvim_test.py).
  neovim
  # The second build of tools/test.sh: clang 14, and its sanitizer and libFuzzer runtimes.
  clang-14 libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The test oracles (cfn-lint, moto_server, the aws CLI) come with machines of this kind;
# tests that need them skip without them, except under CI, where they fail.
for tool in cfn-lint moto_server aws; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "install-deps: note: \`$tool\` is not installed; the end-to-end tests that need it will be skipped" >&2
  fi
done

# Microsoft's SARIF validator, a test tool (tests/sarif/validate.py), pinned by
# tests/sarif/package-lock.json; installed again only when the lock file changes.
sarif_dir="tests/sarif"
if command -v npm >/dev/null 2>&1; then
  cd "$(dirname "$0")/.."
  if [ ! -f "$sarif_dir/node_modules/.package-lock.json" ] || [ "$sarif_dir/package-lock.json" -nt "$sarif_dir/node_modules/.package-lock.json" ]; then
    echo "install-deps: installing the SARIF validator into $sarif_dir/node_modules"
    # Not fatal: without it the test skips, or fails under CI, and says why.
    (cd "$sarif_dir" && npm ci --no-audit --no-fund --loglevel=error) ||
      echo "install-deps: warning: could not install the SARIF validator; its test will skip (fail under CI)" >&2
  fi
  # VS Code's TextMate engine, for the grammar test (tests/editors/grammar_test.js).
  editors_dir="tests/editors"
  if [ ! -f "$editors_dir/node_modules/.package-lock.json" ] || [ "$editors_dir/package-lock.json" -nt "$editors_dir/node_modules/.package-lock.json" ]; then
    echo "install-deps: installing the TextMate engine into $editors_dir/node_modules"
    (cd "$editors_dir" && npm ci --no-audit --no-fund --loglevel=error) ||
      echo "install-deps: warning: could not install vscode-textmate; the grammar test will skip (fail under CI)" >&2
  fi
else
  echo "install-deps: note: \`npm\` is not installed; the SARIF validator and grammar tests will be skipped" >&2
fi
