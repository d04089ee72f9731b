#!/usr/bin/env bash
# sarif_validate.sh PLAYBOOK_BIN ROOT — `lint --format sarif` of every golden
# case in tests/corpus (files and directories, each given once relative and
# once absolute), of the bundled playbooks, of a two-directory search path and
# of absolute paths outside the working directory must pass the SARIF
# multitool's validator (`validate`: the SARIF 2.1.0 schema and the spec's
# rules) with no error and no warning; the validator's findings are printed.
# The npm package @microsoft/sarif-multitool (a self-contained .NET build; it
# runs offline once installed) goes once into $PB_SARIF_DIR (default
# ROOT/build/node-sarif).
set -euo pipefail
bin=$1; root=$2
tool_dir=${PB_SARIF_DIR:-$root/build/node-sarif}
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT

if [ ! -d "$tool_dir/node_modules/@microsoft/sarif-multitool" ]; then
  mkdir -p "$tool_dir"
  (cd "$tool_dir" && { [ -f package.json ] || npm init -y >/dev/null; } &&
     npm install --no-audit --no-fund --silent @microsoft/sarif-multitool@5 >/dev/null)
fi
tool=$(cd "$tool_dir" && node -p "require('@microsoft/sarif-multitool')")
chmod u+x "$tool"  # npm may skip the package's own postinstall (chmod)

n=0
mkdir -p "$out/cases"
sarif() {  # sarif FILE ARGS… — one SARIF log; lint's exit code (findings) is not the point here
  local file=$1; shift
  "$bin" "$@" > "$file" || [ $? -le 2 ]
  n=$((n + 1))
}
cd "$root/tests/corpus"
for c in *.playbook *.playbook.yaml */; do
  c=${c%/}
  sarif "$out/cases/rel-$c.sarif" lint --format sarif "$c"
  sarif "$out/cases/abs-$c.sarif" lint --format sarif "$PWD/$c"
done
cd "$root"
sarif "$out/bundled.sarif" lint --format sarif playbooks
sarif "$out/search-path.sarif" --playbooks tests/data/search_path/team:tests/data/search_path/shared \
  lint --format sarif
cd "$out"  # absolute paths outside the directory lint runs in: file:// URIs
sarif "$out/outside-cwd.sarif" lint --format sarif "$root/tests/corpus/suppressions" \
  "$root/tests/corpus/catalog_three_files"

# The validator spends about 0.2 s of CPU per file, so the cases' runs are
# validated as one log holding all of them (each must be a log of one run).
python3 - "$out/cases" "$out/all-cases.sarif" <<'PY'
import glob, json, os, sys
runs = []
for f in sorted(glob.glob(os.path.join(sys.argv[1], "*.sarif"))):
    log = json.load(open(f))
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1, f
    runs += log["runs"]
json.dump({"$schema": log["$schema"], "version": "2.1.0", "runs": runs}, open(sys.argv[2], "w"))
PY
"$tool" validate ./*.sarif -o validation.sarif >/dev/null
python3 - validation.sarif "$n" <<'PY'
import json, sys
log = json.load(open(sys.argv[1]))
bad = [r for run in log["runs"] for r in run.get("results", [])
       if r.get("level", "warning") in ("error", "warning")]
for r in bad:
    loc = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    text = r["message"].get("text") or " ".join(r["message"].get("arguments", []))
    print(f"{loc}: {r.get('level', 'warning')} {r['ruleId']}: {text}")
print(f"sarif-multitool validated {sys.argv[2]} SARIF logs: {len(bad)} errors or warnings")
sys.exit(1 if bad else 0)
PY
