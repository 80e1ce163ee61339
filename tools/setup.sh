#!/usr/bin/env bash
# Set-up and the main job: installs what is missing, builds infrac, and compiles the
# article's lab into out/: from the stdlib (examples/lab.infra) and with plain
# resources (examples/article.infra).
set -euo pipefail
cd "$(dirname "$0")/.."

tools/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build --target infrac
mkdir -p out
build/compiler/infrac build examples/lab.infra -o out/lab.yaml
build/compiler/infrac build examples/article.infra -o out/article.yaml
echo "setup: wrote out/lab.yaml and out/article.yaml"
echo "setup: the compiler is build/compiler/infrac; try \`build/compiler/infrac --help\`"
