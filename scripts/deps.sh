#!/usr/bin/env bash
# deps.sh — installs the Debian packages the build and tests need, only those
# that are missing. Sourced by scripts/demo.sh and scripts/test.sh.
set -euo pipefail

PB_PACKAGES=(
  g++ cmake ninja-build pkg-config
  tao-pegtl-dev libyaml-cpp-dev libfmt-dev libsqlite3-dev sqlite3
  catch2 libcli11-dev nlohmann-json3-dev
  libcsv-dev libutf8proc-dev      # CSV import; UTF-8 validation and NFC
  libssl-dev                      # libcrypto's SHA-256 names playbook versions
  libdtl-dev                      # unified diffs of `fmt --check`
  libhowardhinnant-date-dev tzdata  # time zones of business hours (date/tz.h, OS tzdb)
  diffutils patch                 # tests compare those diffs with GNU diff and apply them
  clang libclang-rt-14-dev       # fuzz targets and the sanitizer build
  clang-format-14                 # the C++ layout is checked (.clang-format)
  libyaml-dev                     # the benchmark's libyaml baseline
  graphviz                        # `playbook graph` output is rendered in tests
  python3 python3-jsonschema      # JSON Schema / SARIF validation in tests
)

pb_install_deps() {
  local missing=()
  for p in "${PB_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  # Node.js runs mermaid's parser in the graph tests; keep an existing install.
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
  if ((${#missing[@]})); then
    echo "installing: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

# pb_build DIR [cmake args…] [-- TARGET…] — configures once, builds with all
# cores: every target, or only the TARGETs (and what they link).
pb_build() {
  local dir=$1; shift
  local args=() targets=()
  while (($#)); do
    if [ "$1" = "--" ]; then shift; targets=("$@"); break; fi
    args+=("$1"); shift
  done
  cmake -S "$PB_ROOT" -B "$dir" -G Ninja "${args[@]}" >/dev/null
  if ((${#targets[@]})); then
    cmake --build "$dir" -j"$(nproc)" --target "${targets[@]}"
  else
    cmake --build "$dir" -j"$(nproc)"
  fi
}
