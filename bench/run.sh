#!/usr/bin/env bash
# bergtop's benchmark in one command (as root on Debian 12, from a clean clone):
#   bash bench/run.sh [--quick] [bench.py options]
# Installs what it needs, builds a release build in build-bench (no sanitizers, -O2)
# and prints the tables of bench/bench.py: start to first frame, key to screen, idle
# cost and animations, frame time per scene type, memory, and Chromium showing the
# same check-in. Figures only: nothing fails on a timing. See docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tests/deps.sh bench >/dev/null
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DBT_TESTS=OFF -DBT_SANITIZE=OFF \
	-DBT_WERROR=OFF >/dev/null
cmake --build build-bench -j"$(nproc)" --target bergtop >/dev/null
exec python3 bench/bench.py build-bench/bergtop "$@"
