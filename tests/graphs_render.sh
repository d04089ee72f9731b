#!/usr/bin/env bash
# graphs_render.sh PLAYBOOK_BIN ROOT — renders every bundled playbook (and
# `graph --all`) as DOT through Graphviz (`dot -Tsvg`) and checks that every
# Mermaid diagram, and docs/playbooks.md, parses with mermaid's own parser.
# The mermaid and jsdom npm packages are installed once into $PB_NODE_DIR
# (default ROOT/build/node-mermaid).
set -euo pipefail
bin=$1; root=$2
node_dir=${PB_NODE_DIR:-$root/build/node-mermaid}
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
cd "$root"

for f in playbooks/*.playbook playbooks/*.playbook.yaml; do
  id=$(basename "$f"); id=${id%%.*}
  "$bin" graph "$f" --format dot > "$out/$id.dot"
  dot -Tsvg "$out/$id.dot" -o "$out/$id.svg"
  grep -q "<svg" "$out/$id.svg"
  "$bin" graph "$f" --format mermaid > "$out/$id.mmd"
done
"$bin" graph --all --format dot | dot -Tsvg -o "$out/all.svg"
"$bin" graph --all --format mermaid > "$out/all.mmd"
# call edges (tests/data/calls: a playbook that calls another from two steps)
"$bin" --playbooks tests/data/calls graph --all --format dot | dot -Tsvg -o "$out/calls.svg"
"$bin" --playbooks tests/data/calls graph --all --format mermaid > "$out/calls.mmd"
# parallel regions (tests/data/parallel): region clusters/subgraphs, `done`, joins
for f in tests/data/parallel/*.playbook; do
  id=parallel-$(basename "$f" .playbook)
  "$bin" graph "$f" --format dot > "$out/$id.dot"
  dot -Tsvg "$out/$id.dot" -o "$out/$id.svg"
  grep -q "<svg" "$out/$id.svg"
  "$bin" graph "$f" --format mermaid > "$out/$id.mmd"
done
"$bin" --playbooks tests/data/parallel graph --all --format dot | dot -Tsvg -o "$out/parallel-all.svg"
"$bin" --playbooks tests/data/parallel graph --all --format mermaid > "$out/parallel-all.mmd"
echo "graphviz rendered $(ls "$out"/*.svg | wc -l) SVGs"

if [ ! -d "$node_dir/node_modules/mermaid" ] || [ ! -d "$node_dir/node_modules/jsdom" ]; then
  mkdir -p "$node_dir"
  (cd "$node_dir" && { [ -f package.json ] || npm init -y >/dev/null; } &&
     npm install --no-audit --no-fund --silent mermaid@12 jsdom >/dev/null)
fi
cp tests/mermaid_parse.mjs "$node_dir/"
node "$node_dir/mermaid_parse.mjs" "$out"/*.mmd docs/playbooks.md
