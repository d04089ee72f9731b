// evaluator.hpp — the pure evaluator: (playbook, tenant schema, tenant state,
// instance state, input, clock instant, calendars) → outcome or refusal.
//
// Contract (semantics in docs/language.md, run-time choices in docs/runtime.md,
// refusal codes in docs/refusal-codes.md):
//  * Pure: no SQLite, no files, no wall clock; the same arguments give the
//    same result. Never throws; every failure is a Refusal.
//  * Atomic: a refusal anywhere means no effect at all (effects are only
//    collected into the Outcome, never applied to the inputs).
//  * Bounded: one input enters at most kMaxStepsPerInput steps (a cycle of
//    decision steps is refused with `step-loop`), `each` loops over finite
//    records, and expressions have no loops.
//  * compile_playbook builds per-playbook indices once and compiles every
//    expression and path (program.hpp); callers cache the result (it is
//    immutable and may be shared between threads).
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/calendar.hpp"
#include "model/model.hpp"
#include "model/state.hpp"
#include "program.hpp"

namespace pb {

inline constexpr int kMaxStepsPerInput = 64;

// A rule `on set PATH`, resolved to the attribute (and record field) it guards.
struct SetRule {
  std::string attr;
  std::string field;  // "" for a plain attribute
  const Rule* rule = nullptr;
};

// Hash for string-keyed maps looked up by string_view without a copy.
struct StrHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
template <class V>
using StrMap = std::unordered_map<std::string, V, StrHash, std::equal_to<>>;

// The indices and the program point into the playbook copy the structure
// owns, so it is neither copied nor moved: it is built in place and shared.
struct CompiledPlaybook {
  CompiledPlaybook() = default;
  CompiledPlaybook(const CompiledPlaybook&) = delete;
  CompiledPlaybook& operator=(const CompiledPlaybook&) = delete;

  Playbook pb;                   // the playbook (owned copy)
  std::vector<Attribute> attrs;  // shared schema + playbook tenant block
  std::vector<Rule> rules;       // schema rules + playbook rules + tenant rules
  StrMap<const Attribute*> attr_by_name;
  StrMap<const Step*> step_by_id;
  StrMap<const EventDecl*> event_by_id;
  StrMap<std::vector<const Rule*>> rules_on_event;
  std::unordered_map<int64_t, std::vector<const Rule*>> rules_on_complete;
  std::vector<SetRule> rules_on_set;
  std::unordered_map<int64_t, std::vector<const TaskGroup*>> groups_of_task;
  StrMap<const Attribute*> records_by_var;   // "workload" → tenant.workloads
  const Attribute* contacts_attr = nullptr;  // the first contacts attribute
  Program program;                           // every expression and path, compiled

  const Attribute* attribute(std::string_view name) const;
  const Step* step(std::string_view id) const;
};

// Builds the indices. `shared` is the directory's tenant schema (may be null).
// Keeps pointers into its own copies only.
std::shared_ptr<const CompiledPlaybook> compile_playbook(const Playbook& pb, const Schema* shared);

// The calendar id a tenant gives under a playbook: the value of the
// playbook's `calendar` attribute when it is a string, else nullptr.
const std::string* calendar_id(const CompiledPlaybook& cp, const TenantState& t);

// The calendar for a tenant under a playbook: the one named by
// calendar_id, else the default (Mon–Fri).
const Calendar& pick_calendar(const CompiledPlaybook& cp, const TenantState& t,
                              std::span<const Calendar> calendars);

// Evaluates one input against one instance. For Start, `inst` should be a
// fresh InstanceState (its playbook id set). For Set (attribute writes
// outside any event) `inst` may be ended; only rules and re-armed `at`
// timers apply.
Result evaluate(const CompiledPlaybook& cp, const TenantState& tenant, const InstanceState& inst,
                const Input& input, Instant now, const Calendar& cal);

// Recomputes the `at` timers of the instance's current step from the tenant's
// attributes (after another instance or `tenant set` changed them). Returns
// true when the timers changed.
bool rearm_at_timers(const CompiledPlaybook& cp, const TenantState& tenant, InstanceState& inst);

// The timers of the instance's current step (and its regions' steps) under
// `cp`, armed afresh as entering them would have: `after` from entered_at
// (a region's entered_at), `since entering` from inst.arrived, `at` from
// today's dates. What a migration to another version re-arms.
std::vector<TimerState> arm_current_timers(const CompiledPlaybook& cp, const TenantState& tenant,
                                           const InstanceState& inst, const Calendar& cal);

}  // namespace pb
