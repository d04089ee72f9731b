// migration.hpp — moving one running instance to another version of its
// playbook (`playbook migrate`, docs/runtime.md "Migration"). Pure: no
// store, no files, no clock; the engine plans and logs with it, and replay
// applies the logged migration through it again, with the same result.
//
// Contract:
//  * Steps: the instance's step (and each region's step) lands on the step
//    of the new version the map names, else the step of the same id, else
//    the step whose `renamed_from` names it. None: blocked. A parallel step
//    whose regions differ in the new version is blocked too.
//  * Timers: those of the landing step(s), armed afresh from when the
//    instance entered (entered_at, a region's entered_at), as entering would
//    have armed them. A timer of the same transition and the same due is
//    kept; another is re-armed; one whose due is not after `now` fires at
//    the next tick; an old timer the new step(s) no longer arm is dropped.
//  * Visits and arrivals follow the step mapping; those of steps the new
//    version lacks are dropped.
//  * Tasks: a task of the old catalog mapped to a task of the new one
//    carries its state over; one the new catalog lacks (or mapped to 0) has
//    its state dropped, unless `keep` (tasks another running playbook of the
//    tenant declares) holds it.
//  * Rules: a tenant attribute whose value the new version's enum no longer
//    allows blocks the instance (the new version could not read it).
//  * Verdicts: AsIs (nothing but the version changes: same steps, nothing
//    dropped), Mapped (steps or tasks move or drop), Blocked (with reasons;
//    `after` is then meaningless).
#pragma once

#include <set>
#include <string>
#include <vector>

#include "model/migration.hpp"
#include "evaluator.hpp"

namespace pb {

enum class MigrationVerdict { AsIs, Mapped, Blocked };
const char* to_string(MigrationVerdict v);

enum class TimerFate { Kept, Rearmed, FiresAtOnce, Dropped };
const char* to_string(TimerFate f);

struct TimerMove {
  TimerFate fate = TimerFate::Kept;
  TimerState timer;  // the new timer (Dropped: the old one)
};

struct StepMove {
  std::string region;  // "" = the instance's step
  std::string from, to;
};

struct TaskMove {
  int64_t from = 0, to = 0;  // to 0: dropped
  TaskStatus status = TaskStatus::NotStarted;
};

struct InstanceMigration {
  MigrationVerdict verdict = MigrationVerdict::AsIs;
  std::vector<std::string> reasons;  // Blocked: why
  std::vector<StepMove> steps;
  std::vector<TimerMove> timers;
  std::vector<TaskMove> tasks;               // task states that move or drop
  InstanceState after;                       // the instance under the new version
  std::map<int64_t, TaskState> tasks_after;  // the tenant's task states after
};

InstanceMigration plan_migration(const CompiledPlaybook& from, const CompiledPlaybook& to,
                                 const TenantState& tenant, const InstanceState& inst,
                                 const MigrationMap& map, const std::set<int64_t>& keep,
                                 Instant now, const Calendar& cal);

}  // namespace pb
