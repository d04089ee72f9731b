#!/usr/bin/env bash
# demo.sh — installs what is missing, builds, and runs the main job on the
# bundled playbooks: lint them, render their graphs (DOT → SVG under
# build/graphs/), explain one, and walk the sample tenants through them on a
# fresh embedded database (build/demo.db).
set -euo pipefail
PB_ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$PB_ROOT/scripts/deps.sh"
cd "$PB_ROOT"

pb_install_deps
pb_build build -DCMAKE_BUILD_TYPE=RelWithDebInfo
pb=build/cli/playbook

echo "== lint"
$pb lint --werror playbooks/

echo "== graphs"
mkdir -p build/graphs
for f in playbooks/*.playbook playbooks/*.playbook.yaml; do
  [ -e "$f" ] || continue
  id=$(basename "$f"); id=${id%%.*}
  $pb graph "$f" --format dot | dot -Tsvg -o "build/graphs/$id.svg"
  echo "build/graphs/$id.svg"
done
