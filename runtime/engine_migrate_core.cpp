// engine_migrate_core.cpp — applying one logged migration to a tenant's
// world in memory (engine_core.hpp, apply_input with op `migrate`): the
// same path for the engine before it commits and for replay.
//
// Contract:
//  * The instance of in.playbook moves from the version it runs to the one
//    in.pins names, as plan_migration (interpreter/migration.hpp) decides
//    with the logged map, at in.at, under the calendar the new version
//    picks for the tenant. A blocked plan refuses (`migration-blocked`, the
//    reasons in the message).
//  * An input that names what the instance ran when it was planned
//    (expect_hash, expect_step) is refused `changed-since-plan` when the
//    instance has moved or migrated since; one already on the target
//    version is refused `already-migrated`.
//  * Task states the plan drops are kept when another running playbook of
//    the tenant declares the task.
#include <fmt/format.h>

#include "engine_core.hpp"
#include "interpreter/migration.hpp"

namespace pb::rt {

namespace {

bool refuse_input(Applied& a, RefusalId code, std::string reason) {
  a.ok = false;
  a.refusal = Refusal{std::move(code), std::move(reason), false};
  return false;
}

std::string summary(const InstanceMigration& m, const std::string& to) {
  std::string s = "migrated to " + to.substr(0, 12);
  for (const auto& mv : m.steps)
    s += fmt::format(", {}{} -> {}", mv.region.empty() ? "" : mv.region + ": ", mv.from, mv.to);
  for (const auto& t : m.tasks)
    s += t.to ? fmt::format(", task {} -> {}", t.from, t.to)
              : fmt::format(", task {} dropped", t.from);
  return s;
}

}  // namespace

std::set<int64_t> tasks_elsewhere(const TenantWorld& w, int except, Resolver& r) {
  std::set<int64_t> keep;
  for (size_t i = 0; i < w.instances.size(); ++i) {
    if (int(i) == except || w.instances[i].st.status != InstanceStatus::Active) continue;
    Refusal why;
    if (auto p = r.by_hash(w.instances[i].hash, why))
      for (const auto& t : p->cp->pb.tasks) keep.insert(t.id);
  }
  return keep;
}

bool apply_migration(TenantWorld& w, LogInput& in, Resolver& r, Applied& a) {
  InstanceRec* rec = w.active(in.playbook);
  if (!rec)
    return refuse_input(
        a, RefusalCode::NotRunning,
        fmt::format("playbook '{}' is not running for tenant '{}'", in.playbook, w.tenant.id));
  a.instance = int(rec - w.instances.data());
  const std::string& to_hash = in.pins[in.playbook];
  const LogMigration& m = in.migration;
  if (rec->hash == to_hash)
    return refuse_input(a, RefusalCode::AlreadyMigrated,
                        fmt::format("the instance already runs version {}", to_hash.substr(0, 12)));
  if ((!m.expect_hash.empty() && rec->hash != m.expect_hash) ||
      (!m.expect_step.empty() && rec->st.step != m.expect_step))
    return refuse_input(a, RefusalCode::ChangedSincePlan,
                        fmt::format("the instance changed since the plan (it is in step {} of "
                                    "version {})",
                                    rec->st.step, rec->hash.substr(0, 12)));
  Refusal why;
  auto from = r.by_hash(rec->hash, why);
  if (!from) return a.refusal = std::move(why), false;
  auto to = r.by_hash(to_hash, why);
  if (!to) return a.refusal = std::move(why), false;
  const Calendar& cal = r.calendar(*to->cp, w.tenant, in);
  InstanceMigration plan = plan_migration(*from->cp, *to->cp, w.tenant, rec->st, m.map,
                                          tasks_elsewhere(w, a.instance, r), in.at, cal);
  bool blocked = plan.verdict == MigrationVerdict::Blocked;
  if (!blocked) {
    rec->hash = to_hash;
    rec->st = plan.after;
    w.tenant.tasks = plan.tasks_after;
    a.summary = summary(plan, to_hash);
  }
  a.migration = std::move(plan);
  if (blocked)
    return refuse_input(a, RefusalCode::MigrationBlocked,
                        fmt::format("{}", fmt::join(a.migration->reasons, "; ")));
  return true;
}

}  // namespace pb::rt
