#!/usr/bin/env bash
# Mustache render benchmark: contractc's engine and mustache.js 4.2.0 side
# by side, in one run, on the same template, partials and data.
#
#   bench/mustache/run.sh [BUILD_DIR] [PASSES]
#
# BUILD_DIR defaults to ./build (mustache_bench is built there if missing);
# PASSES (default 25) measured renders per mode.  mustache.js is installed
# once into ${CONTRACTC_BENCH_CACHE:-$HOME/.cache/contractc-bench} (outside
# the repository); without node and npm the comparison is skipped.
# Inputs: CONTRACTC_BENCH_MUSTACHE_DIR or ../shared/bench/mustache.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$repo/build}
passes=${2:-25}
inputs=${CONTRACTC_BENCH_MUSTACHE_DIR:-$repo/../shared/bench/mustache}
cache=${CONTRACTC_BENCH_CACHE:-$HOME/.cache/contractc-bench}
bench=$build/bench/mustache/mustache_bench

if [ ! -x "$bench" ]; then
  echo "== building mustache_bench in $build"
  cmake --build "$build" --target mustache_bench >/dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== contractc mustache ($inputs, $passes passes)"
status=0
"$bench" "$inputs" "$passes" "$work/ours.h" | tee "$work/ours.json" || status=$?
if [ $status -eq 1 ]; then
  echo "FAIL: our output differs from mustache.js's (sha256 mismatch)"
elif [ $status -ne 0 ]; then
  echo "FAIL: mustache_bench exited with $status"
  exit $status
fi

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "== node/npm not found: skipping the mustache.js comparison"
  exit $status
fi
if [ "$(node -p "try { require('$cache/node_modules/mustache/package.json').version } catch (e) { '' }")" != "4.2.0" ]; then
  echo "== installing mustache@4.2.0 into $cache"
  mkdir -p "$cache"
  npm install --prefix "$cache" --no-audit --no-fund --silent mustache@4.2.0 >/dev/null
fi

echo "== mustache.js"
NODE_PATH=$cache/node_modules node "$inputs/mustache_bench.js" "$passes" "$work/js.h" | tee "$work/js.json"

if cmp -s "$work/ours.h" "$work/js.h"; then identical=yes; else identical=NO; status=1; fi
echo "== comparison (median ms per render; ratio = mustache.js ms / our ms)"
node - "$work/ours.json" "$work/js.json" "$identical" <<'JS'
const fs = require("fs");
const lines = (f) => fs.readFileSync(f, "utf8").trim().split("\n").map((l) => JSON.parse(l)).filter((r) => r.ms_median);
const ours = lines(process.argv[2]), js = lines(process.argv[3]);
const pairs = [["compile", "re-parsed"], ["cached", "cached"]];
for (const [o, j] of pairs) {
  const a = ours.find((r) => r.what.includes(o)), b = js.find((r) => r.what.includes(j));
  console.log(`${a.what}: ${a.ms_median.toFixed(2)} ms (${a.renders_per_s_median} renders/s, ${a.mb_out_per_s_median} MB/s)` +
    ` vs mustache.js ${b.ms_median.toFixed(2)} ms (${b.renders_per_s_median} renders/s, ${b.mb_out_per_s_median} MB/s)` +
    `: ${(b.ms_median / a.ms_median).toFixed(1)}x`);
}
console.log(`byte-identical output: ${process.argv[4]}`);
JS
exit $status
