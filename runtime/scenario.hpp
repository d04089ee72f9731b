// scenario.hpp — scenario tests of playbooks (`*.scenario.yaml`, docs/scenarios.md): the model
// of a scenario file and its runner. The loader of scenario files is
// source/scenario_loader.hpp, where YAML is read.
//
// Contract:
//  * run_scenario runs a scenario through the same Engine and Store the CLI
//    uses, on an in-memory SQLite database, with the clock set by the
//    scenario (never the wall clock). The first step whose expectations fail
//    stops the run; its failures name the step (1-based), the expectation,
//    what was found and the expectation's line:col.
//  * Steps: fire, complete, mark, note (FM note), set (tenant set), start,
//    migrate (the tenant's instance to another version, as `migrate --apply
//    --tenant` does), and the clock steps; the format is docs/scenarios.md.
//  * run_suite runs scenarios on `jobs` threads (<= 0: one per hardware
//    thread), each on its own Engine and in-memory Store; the catalog is only
//    read. Results come back in the scenarios' order whatever the scheduling.
//  * Clock steps: `advance` and `until` move the clock to the target and fire
//    every timer due on the way, each at its own due instant; `tick` moves
//    the clock to the earliest armed timer (when later than now) and fires
//    what is due then.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/calendar.hpp"
#include "model/diagnostics.hpp"
#include "model/migration.hpp"
#include "runtime/engine.hpp"

namespace pb::scen {

// One expectation: `what` is the expect key (step, tasks, notes, attributes,
// assignments, timers, refused, ended); `key`/`want` its operands.
struct Check {
  std::string what;
  Loc loc;
  std::string key;                // tasks: the task id; attributes: the path
  std::string want;               // the expected text
  bool prefix = false;            // notes: {prefix: ...}
  bool primary = false;           // assignments
  std::vector<std::string> list;  // timers: expected dues; assignments: "queue name primary"
};

// Set: `tenant set`; Start: start another playbook for the tenant.
// Migrate: move the tenant's instance to another version of its playbook.
enum class StepKind { Fire, Complete, Mark, Note, Set, Start, Advance, Until, Tick, Migrate };

struct Step {
  StepKind kind = StepKind::Tick;
  Loc loc;
  std::string event;     // Fire; Start: the playbook
  std::string playbook;  // the instance addressed when several run ("" = the only one)
  int64_t task = 0;      // Complete, Mark
  std::string state;     // Mark: the task state
  std::string note;
  std::string note_kind = "status";  // `kind:` of the note (status, technical, …)
  std::string actor;
  std::string key;  // idempotency key
  std::vector<std::pair<std::string, std::string>> sets;
  int64_t amount = 0;  // Advance
  DurationUnit unit = DurationUnit::Days;
  Instant until{};  // Until
  // Migrate: the new version's file and text, and the map (its migration
  // file, read by the loader: PLAYBOOK.migration.yaml beside it, or `migration:`).
  std::string migrate_file, migrate_source;
  MigrationMap map;
  std::vector<Check> expect;
};

struct Scenario {
  std::string file;
  std::string name;
  std::string playbook;
  Instant start{};
  std::string tenant = "tenant";
  Loc tenant_loc, playbook_loc;  // where setup failures (tenant add, start) point
  std::vector<std::pair<std::string, std::string>>
      attributes;  // "path=value" as tenant add takes them
  std::vector<Step> steps;
};

struct Failure {
  size_t step = 0;          // 1-based; 0 = setting up (tenant, start)
  std::string expectation;  // e.g. "step: pitch"
  std::string found;
  Loc loc;
};

// What a scenario reached (for coverage and --scaffold), in order: the
// transitions taken and steps entered by the inputs the engine accepted,
// and the rule/require that refused each refused input.
struct Reached {
  std::vector<std::pair<std::string, Loc>> taken;            // (playbook, transition)
  std::vector<std::pair<std::string, std::string>> entered;  // (playbook, step)
  std::vector<Loc> refused_by;                               // rule/require locations
};

struct Result {
  std::string file;
  std::string name;
  bool passed = false;
  std::vector<Failure> failures;
  Reached reached;
};

Result run_scenario(const Scenario& s, const rt::Catalog& catalog);

// Runs every scenario; results[i] is scenarios[i]'s.
std::vector<Result> run_suite(const std::vector<Scenario>& scenarios, const rt::Catalog& catalog,
                              int jobs = 0);

// The threads run_suite uses for `jobs` and `count` scenarios.
unsigned suite_threads(int jobs, size_t count);

// Adds what one engine input reached to `into` (a refused input: only the
// rule that refused it).
void record(Reached& into, const rt::Applied& a);

}  // namespace pb::scen
