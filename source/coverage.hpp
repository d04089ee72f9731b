// coverage.hpp — what the scenario tests of a playbook directory reached
// (`playbook test --coverage`, docs/scenarios.md): per playbook, the steps,
// transitions and refusal rules no scenario reached, and the figures.
//
// Contract:
//  * Input: the project (the --playbooks directory) and what each scenario
//    reached (scen::Result::reached). Pure: no files, no clock, no output.
//  * Transitions are keyed by (playbook id, line, col) and steps by
//    (playbook id, step id): the locations the engine reports come from the
//    pinned copy of a playbook, whose file name may differ from the
//    project's path. Refusal rules — reported without a playbook — are keyed
//    by (file path, line, col), the path as the project was loaded (the
//    engine compiles the pinned copy under that same path): two directories
//    holding the same file name keep their rules apart.
//  * A step is reached when a scenario entered it (a start step: when a
//    scenario started the playbook, directly, with `start:` or by goto). A
//    transition is reached when a scenario took it. A refusal rule — a
//    playbook `rule`, a rule of the tenant schema that applies to the
//    playbook, a `require` action — is reached when it refused at least once
//    in some scenario. A tenant-schema rule is one rule: one refusal anywhere
//    covers it for every playbook it applies to.
//  * Schema rules apply to a playbook when it can trigger them: `on event E`
//    when it declares E, `on complete T` when it has task T, `on set` always
//    (every playbook can write tenant attributes).
//  * Figures with nothing to reach (0 of 0) count as 100%.
#pragma once

#include <string>
#include <vector>

#include "model/project.hpp"
#include "runtime/scenario.hpp"

namespace pb::scen {

enum class ItemKind { Step, Transition, Rule };

// One thing a scenario can reach; `text` describes it ("transition email_1
// --after 2 business days--> phone", "step phone", "rule pause_under_90_days
// (on event pause)", "require in step esd (code esd_known)").
struct CoverageItem {
  ItemKind kind = ItemKind::Step;
  Loc loc;
  std::string text;
  bool reached = false;

  std::string line() const { return loc.str() + ": " + text; }
};

struct Figure {
  int reached = 0;
  int total = 0;
  double percent() const { return total == 0 ? 100.0 : 100.0 * reached / total; }
  void add(const Figure& o) { reached += o.reached, total += o.total; }
};

struct PlaybookCoverage {
  std::string id;
  std::string file;
  Figure steps, transitions, rules;
  std::vector<CoverageItem> items;  // in source order within each kind: steps, transitions, rules
  std::vector<const CoverageItem*> missed() const;
};

struct CoverageReport {
  std::vector<PlaybookCoverage> playbooks;  // in the project's order
  Figure steps, transitions, rules;         // totals over the playbooks
};

CoverageReport coverage(const Project& project, const std::vector<Reached>& reached);

// "75.0%" — one decimal, rounded down so that 99.96% never shows as 100.0%.
std::string percent_text(const Figure& f);

}  // namespace pb::scen
