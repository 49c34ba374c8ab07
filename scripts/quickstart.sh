#!/usr/bin/env bash
# Quick start, command 1: install dependencies, configure, build, and run the
# main job on the shipped specs/.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build --parallel "$(nproc)"

echo "== contractc check specs/"
build/bin/contractc check specs/
