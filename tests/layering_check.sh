#!/usr/bin/env bash
# layering_check.sh — fails, naming file:line, on an include that crosses a
# layer. The table of which layer may include which is cmake/Layers.cmake (the
# same table the build's per-layer include directories are made from), so the
# build and this check cannot disagree.
#
# Usage: layering_check.sh ROOT [LAYERS_CMAKE]
#   ROOT          the tree to scan (its model/, interpreter/, grammar/, … dirs)
#   LAYERS_CMAKE  the table (default ROOT/cmake/Layers.cmake)
# An include is `#include "L/…"` or `#include <L/…>` with L a layer: L must be
# one the including file's layer sees. A quoted include that climbs out of its
# directory (`"../…"`) is refused too: it would dodge the include directories.
set -u
root=${1:?usage: layering_check.sh ROOT [LAYERS_CMAKE]}
table=${2:-$root/cmake/Layers.cmake}

layers=$(sed -n 's/^set(PB_LAYERS \(.*\))$/\1/p' "$table")
if [ -z "$layers" ]; then
  echo "layering_check: no 'set(PB_LAYERS …)' in $table" >&2
  exit 2
fi
sees_of() { sed -n "s/^set(PB_LAYER_$1_SEES \(.*\))\$/\1/p" "$table"; }

bad=0
for layer in $layers; do
  [ -d "$root/$layer" ] || continue
  allowed=" $(sees_of "$layer") "
  while IFS= read -r hit; do
    file=${hit%%:*}; rest=${hit#*:}; line=${rest%%:*}; text=${rest#*:}
    target=$(printf '%s' "$text" | sed -E 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]([^>"]*)[>"].*/\1/')
    case $target in
      ../*|*/../*)
        echo "${file#$root/}:$line: include \"$target\" climbs out of $layer/"; bad=1; continue ;;
    esac
    first=${target%%/*}
    [ "$first" = "$target" ] && continue            # same directory
    case " $layers " in *" $first "*) ;; *) continue ;; esac
    case $allowed in
      *" $first "*) ;;
      *) echo "${file#$root/}:$line: $layer/ may not include $target (layer $first is not below $layer)"; bad=1 ;;
    esac
  done < <(grep -rnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]' "$root/$layer" \
             --include='*.hpp' --include='*.cpp' --include='*.h')
done
if [ $bad -ne 0 ]; then
  echo "layering_check: includes cross a layer (table: ${table#$root/})" >&2
  exit 1
fi
echo "layering_check: every include stays within its layer's view"
