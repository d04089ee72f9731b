// scaffold.hpp — `playbook test --scaffold PLAYBOOK [PATH…] [--out DIR]`:
// runs the scenarios under PATH… (the same runner as `playbook test`) to
// learn which paths of PLAYBOOK (interpreter/paths.hpp) they cover, and
// writes a scenario skeleton for every path none covers.
//
// Contract (docs/scenarios.md, "Scaffolding"):
//  * A path is covered when, for some scenario, the transitions of PLAYBOOK
//    that the scenario took (scen::Reached::taken, in order, compared by
//    line:col) contain the path's transitions as one contiguous run. Paths
//    begin at the start step, so the run begins where an instance stood at
//    the start step and ends at the terminal.
//  * Skeletons are written as DIR/PLAYBOOK-path-N.scenario.yaml (N: the
//    number `playbook paths` shows with the same --max-loops/--limit);
//    an existing file is never overwritten (reported as skipped). At most
//    `max_new` skeletons are written per run (the first uncovered paths);
//    the rest are counted. Every skeleton loads with the scenario loader.
//  * Exit: 0; 2 for an unknown playbook, an unreadable scenario path or an
//    output directory that cannot be written.
#pragma once

#include <string>
#include <vector>

#include "cli/app.hpp"
#include "cli/path_text.hpp"
#include "runtime/scenario.hpp"

namespace pb::cli {

struct ScaffoldOpts {
  std::string playbook;
  std::vector<std::string> scenario_paths;  // default: the --playbooks directory
  std::string out;                          // default: PLAYBOOKS/tests
  PathFlags flags;
  size_t max_new = 25;  // skeletons written at most (the first uncovered paths)
};

int run_scaffold(const Globals& g, const ScaffoldOpts& o);

// True when `taken` (one scenario's) covers `p` of playbook `pb_id` (see above).
bool covers(const scen::Reached& taken, const std::string& pb_id, const paths::Path& p);

// The skeleton text for path `number` of `pb`. `sample` is a sample tenant
// name ("" = inline tenant attributes), `start` the scenario's start instant.
std::string skeleton(const Playbook& pb, const paths::Path& p, size_t number,
                     const std::string& sample, Instant start,
                     const std::string& calendar_attr_value);

}  // namespace pb::cli
