#!/usr/bin/env bash
# Rewrites the expected files of tests/golden from what the compiler gives now.
# Read the diff (`git diff tests/golden`) before committing it: golden files are code.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -G Ninja >/dev/null
cmake --build build --target golden_runner
build/tests/golden_runner tests/golden build/tests/golden-scratch --update
git status --short tests/golden
