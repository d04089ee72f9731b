// engine_core.hpp — applying one logged input to a tenant's world in memory.
// Shared by the engine (before it commits) and by replay, so both follow the
// same path. No SQLite here: playbooks and calendars come from a Resolver.
//
// Contract:
//  * apply_input mutates `w` only when it returns ok; on a refusal `w` may be
//    partly changed and must be discarded (callers work on a copy).
//  * start: refused (`already-running`) when the playbook has an active
//    instance. goto: ends the instance (status moved) and starts the target
//    playbook in the same input, at most kMaxGotos deep (`goto-loop`).
//  * call and return (engine_calls.cpp): a step that calls a playbook starts
//    it in the same input as a run whose caller is the calling playbook; its
//    end or handoff takes the caller's `on return` in the same input; a goto
//    carries the caller on; a caller that leaves its calling step cancels the
//    runs it called. An input without --playbook goes to the only innermost
//    active run (one no active run was called by) when several are active.
//  * Any input that writes attributes re-arms the `at` timers of the tenant's
//    other active instances.
//  * tenant-add/tenant-set with a note: the note is filed under the instance
//    named by in.playbook, else under the first active instance whose
//    note_prefix it carries (or that has none); refused `note-prefix` when no
//    active instance accepts it, `not-running` when in.playbook is not
//    running. Without an active instance it is filed under no playbook.
#pragma once

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "interpreter/evaluator.hpp"
#include "interpreter/migration.hpp"
#include "world.hpp"

namespace pb::rt {

inline constexpr int kMaxGotos = 8;

struct Pinned {
  std::string hash;
  std::shared_ptr<const CompiledPlaybook> cp;
};

class Resolver {
 public:
  virtual ~Resolver() = default;
  // The playbook to start now (start, goto). The engine takes the directory's
  // file and records its hash in in.pins; replay reads in.pins.
  virtual std::optional<Pinned> to_start(const std::string& playbook, LogInput& in,
                                         Refusal& why) = 0;
  virtual std::optional<Pinned> by_hash(const std::string& hash, Refusal& why) = 0;
  // The calendar for this tenant under this playbook; the engine records its
  // hash in in.calendar, replay reads it.
  virtual const Calendar& calendar(const CompiledPlaybook& cp, const TenantState& t,
                                   LogInput& in) = 0;
};

// A note given with `tenant add|set` (--note, --kind, --playbook).
struct TenantNote {
  std::string text;
  NoteKind kind = NoteKind::OverallStatus;
  std::string playbook;
};

struct Applied {
  bool ok = false;
  Refusal refusal;
  int instance = -1;  // index in w.instances of the instance addressed (-1: none)
  std::vector<std::pair<std::string, NoteEffect>> notes;  // (playbook, note)
  std::vector<Outreach> sent;
  std::string summary;  // e.g. "email_1 -> phone"
  // What the input reached, for scenario coverage: (playbook, transition) in
  // the order taken, and (playbook, step) entered, across goto chains.
  std::vector<std::pair<std::string, Loc>> taken;
  std::vector<std::pair<std::string, std::string>> entered;
  int gotos = 0;  // playbook hand-overs so far in this input (at most kMaxGotos)
  int calls = 0;  // call starts and returns so far in this input (engine_calls.hpp)
  // op `migrate`: the plan it followed, or the one that blocked it.
  std::optional<InstanceMigration> migration;
};

Applied apply_input(TenantWorld& w, LogInput& in, Resolver& r);

// op `migrate` (engine_migrate_core.cpp): moves the instance of in.playbook
// to the version in.pins names, as the logged map says.
bool apply_migration(TenantWorld& w, LogInput& in, Resolver& r, Applied& a);
// The tasks the tenant's running playbooks but w.instances[except] declare:
// their states stay when a migration drops the task.
std::set<int64_t> tasks_elsewhere(const TenantWorld& w, int except, Resolver& r);

}  // namespace pb::rt
