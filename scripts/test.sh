#!/usr/bin/env bash
# test.sh — installs what is missing, builds, and runs every test:
#   1. the warning-clean build (-Wall -Wextra -Werror) and the Catch2 suite via ctest
#   2. lint of the bundled playbooks (--werror) and their scenario tests, which
#      must take every transition (--min-coverage 100)
#   3. the whole suite again under ASan+UBSan (but the checks of our output
#      by outside tools, label `tools`)
#   4. a bounded libFuzzer smoke run of each fuzz target on its corpus
# Every build it makes treats warnings as errors (-DPB_WERROR=ON; the default
# is off, for users). Exits non-zero at the first failing stage.
# PB_FUZZ_SECONDS (default 45) bounds each fuzz target; PB_SKIP_SANITIZE=1 /
# PB_SKIP_FUZZ=1 skip stages for quick local runs (CI runs everything).
set -euo pipefail
PB_ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$PB_ROOT/scripts/deps.sh"
cd "$PB_ROOT"

stage() { echo; echo "=== $* ($(date -u +%H:%M:%S))"; }

stage "dependencies"
pb_install_deps

stage "build (-Werror)"
pb_build build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPB_WERROR=ON

stage "unit, golden and end-to-end tests"
(cd build && ctest -j"$(nproc)" --output-on-failure)

stage "bundled playbooks"
build/cli/playbook lint --werror playbooks/
build/cli/playbook test --coverage --min-coverage 100 playbooks/

if [ "${PB_SKIP_SANITIZE:-0}" != 1 ]; then
  stage "ASan+UBSan build and tests"
  pb_build build-asan -DCMAKE_BUILD_TYPE=Debug -DPB_SANITIZE=ON -DPB_BENCH=OFF -DPB_WERROR=ON
  # Label `tools`: the checks of our output by outside tools (Graphviz,
  # mermaid, the SARIF validator) ran in stage 1; the code they run is the
  # same lint and graph code the corpus tests run here under the sanitizers.
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
     ctest -j"$(nproc)" -LE tools --output-on-failure)
fi

if [ "${PB_SKIP_FUZZ:-0}" != 1 ]; then
  stage "fuzz smoke (${PB_FUZZ_SECONDS:-45}s per target)"
  # Only the fuzz targets and the layers they link (not runtime, not cli):
  # the whole tree was built twice above.
  mapfile -t fuzzers < <(cd fuzz && ls fuzz_*.cpp | sed 's/\.cpp$//')
  pb_build build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
    -DPB_FUZZ=ON -DPB_TESTS=OFF -DPB_BENCH=OFF -DPB_WERROR=ON -- "${fuzzers[@]}"
  for target in build-fuzz/fuzz/fuzz_*; do
    [ -x "$target" ] || continue
    name=$(basename "$target"); corpus="fuzz/corpus/${name#fuzz_}"
    work=$(mktemp -d); cp -r "$corpus"/. "$work"/ 2>/dev/null || true
    echo "--- $name"
    "$target" -max_total_time="${PB_FUZZ_SECONDS:-45}" -max_len=65536 -timeout=10 \
      -rss_limit_mb=2048 -print_final_stats=0 "$work" 2>&1 | tail -n 3
    rm -rf "$work"
  done
fi

stage "all stages passed"
