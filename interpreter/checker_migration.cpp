// checker_migration.cpp — a migration file against the versions it moves
// instances between (checker.hpp, check_migration).
#include <fmt/format.h>

#include <algorithm>

#include "interpreter/checker.hpp"

namespace pb {

namespace {

std::vector<std::string> step_ids(const Playbook& pb) {
  std::vector<std::string> ids;
  for (const auto& s : pb.steps) ids.push_back(s.id);
  return ids;
}

bool renamed_to(const Playbook& now, const std::string& old_id) {
  for (const auto& s : now.steps)
    if (std::find(s.renamed_from.begin(), s.renamed_from.end(), old_id) != s.renamed_from.end())
      return true;
  return false;
}

void check_steps(const MigrationMap& m, const Playbook* old, const Playbook& now, Diagnostics& d) {
  for (const auto& s : m.steps) {
    if (!now.step(s.to))
      d.error(s.to_loc, LintCode::MigrationTarget,
              fmt::format("step {} is mapped to '{}', which is not a step of the new version of {}",
                          s.from, s.to, now.id),
              did_you_mean(s.to, step_ids(now)));
    if (old && !old->step(s.from))
      d.warning(
          s.loc, LintCode::MigrationSource,
          fmt::format("'{}' is not a step of the old version: the mapping moves nothing", s.from),
          did_you_mean(s.from, step_ids(*old)));
  }
  if (!old) return;
  for (const auto& s : old->steps)
    if (!now.step(s.id) && !m.step_to(s.id) && !renamed_to(now, s.id))
      d.error(m.loc.file ? static_cast<const Loc&>(m.loc) : static_cast<const Loc&>(now.loc),
              LintCode::MigrationUnmapped,
              fmt::format("step {} is removed in the new version and the migration does not map "
                          "it: instances there cannot move",
                          s.id),
              fmt::format("add `{}: NEW_STEP` under steps", s.id));
}

void check_tasks(const MigrationMap& m, const Playbook* old, const Playbook& now, Diagnostics& d) {
  for (const auto& t : m.tasks) {
    if (t.to != 0 && !now.task(t.to))
      d.error(t.to_loc, LintCode::MigrationTarget,
              fmt::format("task {} is mapped to task {}, which the new version of {} lacks", t.from,
                          t.to, now.id));
    if (old && !old->task(t.from))
      d.warning(
          t.loc, LintCode::MigrationSource,
          fmt::format("task {} is not in the old version: the mapping moves nothing", t.from));
  }
}

}  // namespace

void check_migration(const MigrationMap& m, const Playbook* old, const Playbook& now,
                     Diagnostics& d) {
  if (!m.playbook.empty() && m.playbook != now.id)
    d.error(m.loc, LintCode::MigrationPlaybook,
            fmt::format("the migration is for playbook '{}', not '{}'", m.playbook, now.id));
  check_steps(m, old, now, d);
  check_tasks(m, old, now, d);
}

}  // namespace pb
