#!/usr/bin/env bash
# format_check.sh SOURCE_DIR — the C++ sources follow .clang-format: every
# .cpp/.hpp under grammar/ model/ interpreter/ runtime/ source/ cli/ tests/ testsupport/
# bench/ fuzz/ is printed unchanged by clang-format 14 (Debian 12's; another
# version formats differently, so it is named exactly). Prints each file that
# is not, with the first differences, and exits 1. To fix one: clang-format-14 -i FILE
set -euo pipefail
cd "$1"
CF=$(command -v clang-format-14 || true)
if [ -z "$CF" ]; then echo "clang-format-14 is missing (scripts/deps.sh installs it)"; exit 1; fi
mapfile -t files < <(find grammar model interpreter runtime source cli tests testsupport bench fuzz \
  \( -name '*.cpp' -o -name '*.hpp' \) -not -path '*/corpus/*' -not -path 'tests/data/*' 2>/dev/null | sort)
bad=0
for f in "${files[@]}"; do
  if ! "$CF" --style=file "$f" | diff -u "$f" - > /tmp/pb-format.$$ 2>&1; then
    echo "not formatted: $f"; head -n 20 /tmp/pb-format.$$; bad=1
  fi
done
rm -f /tmp/pb-format.$$
echo "${#files[@]} files checked"
exit $bad
