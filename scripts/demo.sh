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

echo "== explain: what the FM reads at the first outreach e-mail"
$pb explain customer-engagement email_1

echo "== scenario suite: the sample tenants through every path of the playbooks"
$pb test playbooks/

echo "== a tenant's journey on the embedded database (build/demo.db)"
# fabrikam-emea: unmanaged, EMEA calendar, first contacted on 23 December
# 2026, never answers. The timers skip 25 and 28 December and 1 January.
rm -f build/demo.db build/demo.db-wal build/demo.db-shm
run() { echo "\$ playbook $*"; $pb --db build/demo.db --playbooks playbooks "$@"; }
export PLAYBOOK_NOW=2026-12-23T09:00:00Z
run tenant add fabrikam-emea --set region=EMEA --set managed=false \
  --set 'contacts=Sam Okafor <sam.okafor@fabrikam.example> primary'
run --as fm.alex start fabrikam-emea customer-engagement
run --as fm.alex fire fabrikam-emea research_done
run --as fm.alex fire fabrikam-emea contact_selected --set 'contact=Sam Okafor' --set 'source=Contacts list'
run --as fm.alex fire fabrikam-emea account_team_not_supporting
run status fabrikam-emea
run --now 2026-12-29T09:00:00Z tick
run --now 2026-12-30T09:00:00Z tick
run --as fm.alex --now 2026-12-31T09:00:00Z fire fabrikam-emea no_answer
run --as fm.alex --now 2026-12-31T09:30:00Z fire fabrikam-emea no_answer
run --now 2026-12-31T10:00:00Z due --until 2027-01-08
run --now 2027-01-05T10:00:00Z tick      # Thu 31 + 2 business days, 1 January skipped
run --now 2027-01-07T10:00:00Z tick      # no reply after the escalation: disengaged
run status fabrikam-emea
echo "(refused: 3705 needs a Technical Enablement note)"
run --as tm.kim --now 2027-01-07T11:00:00Z complete fabrikam-emea 3705 || true
run --as tm.kim --now 2027-01-07T11:00:00Z complete fabrikam-emea 3708
run history fabrikam-emea
run replay fabrikam-emea
