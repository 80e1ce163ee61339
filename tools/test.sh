#!/usr/bin/env bash
# Builds infrac and runs every test: unit, golden and end-to-end (cfn-lint and a local
# CloudFormation engine). Installs missing build dependencies first.
set -euo pipefail
cd "$(dirname "$0")/.."

tools/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build
ctest --test-dir build --output-on-failure -j "$(nproc)" "$@"
