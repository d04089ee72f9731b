// state.hpp — what the evaluator reads and returns: tenant state, instance
// state, an input, and the outcome or refusal. Plain data; no I/O.
//
// Contract:
//  * TenantState is shared by all the tenant's instances (attributes, task
//    states, assignments). InstanceState is one playbook run.
//  * An Outcome lists every effect of one input; applying it (apply_outcome)
//    to the states the evaluator read gives the states after the input.
//  * A Refusal has a stable code (docs/refusal-codes.md), a reason a person
//    understands, and `bad_input` when the CLI must exit 2 rather than 1.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "calendar.hpp"
#include "model.hpp"
#include "refusal_code.hpp"
#include "value.hpp"

namespace pb {

// A task's state, who set it and when. Stores written before task states
// hold only complete / not started, which read as those two states.
struct TaskState {
  TaskStatus status = TaskStatus::NotStarted;
  bool complete() const { return status == TaskStatus::Complete; }
  std::string who;
  Instant when{};
  bool operator==(const TaskState&) const = default;
};

struct Assignment {
  QueueKind queue = QueueKind::RM;
  std::string name;
  bool primary = false;
  bool operator==(const Assignment&) const = default;
};

struct TenantState {
  std::string id;
  std::map<std::string, Value, std::less<>> attrs;
  std::map<int64_t, TaskState> tasks;
  std::vector<Assignment> assignments;
  bool operator==(const TenantState&) const = default;
};

// A timer of the current step (or of a region's current step): transition
// `transition` (index in the step's transitions) fires at `due`.
struct TimerState {
  std::string step;
  uint32_t transition = 0;
  Instant due{};
  bool operator==(const TimerState&) const = default;
};

// Cancelled: a called run whose caller left the calling step before it ended.
enum class InstanceStatus { Active, Ended, Goto, Handoff, Cancelled };
const char* to_string(InstanceStatus);
bool parse_instance_status(std::string_view text, InstanceStatus& out);

// A region of the current (parallel) step: the step it is in, and since
// when. A region in a `done` step is finished.
struct RegionState {
  std::string id;
  std::string step;
  Instant entered_at{};
  bool operator==(const RegionState&) const = default;
};

struct InstanceState {
  std::string playbook;
  std::string step;  // "" before start
  Instant entered_at{};
  InstanceStatus status = InstanceStatus::Active;
  std::string outcome;  // End: the outcome; Goto: playbook; Handoff: external
  std::map<std::string, int64_t, std::less<>> visits;
  // step → the latest instant the run arrived in it from another step (a
  // transition from a step to itself does not move it): the anchors of
  // `since entering STEP` timers.
  std::map<std::string, Instant, std::less<>> arrived;
  std::vector<TimerState> timers;  // of `step` and of every region's step
  // When `step` is a parallel step: its regions, in the step's order
  // (empty otherwise).
  std::vector<RegionState> regions;
  // The playbook whose `call playbook` started this run (or the run it went
  // to with `goto`); "" = started by `start`. Its end returns to that caller.
  std::string caller;
  // callee playbook → the outcome its latest call from this run returned
  // with (`outcome(ID)`; an end's outcome, a handoff's external id).
  std::map<std::string, std::string, std::less<>> returns;
  bool operator==(const InstanceState&) const = default;
};

enum class InputKind { Start, Fire, Complete, Note, Tick, Set, Reset, Mark, Return };
const char* to_string(InputKind);

struct Input {
  InputKind kind = InputKind::Start;
  std::string event;                                      // Fire
  std::vector<std::pair<std::string, std::string>> sets;  // Fire, Set: key=value as typed
  std::string note;                                       // Fire, Complete, Note, Reset
  NoteKind note_kind = NoteKind::OverallStatus;
  std::string actor;
  int64_t task = 0;                            // Complete, Reset, Mark
  TaskStatus status = TaskStatus::NotStarted;  // Mark: the state to set
  TimerState timer;                            // Tick
  std::string callee;                          // Return: the playbook that ended
  std::string outcome;                         // Return: the outcome it ended with
};

struct TaskChange {
  int64_t task = 0;
  TaskStatus status = TaskStatus::Complete;    // the state after
  TaskStatus before = TaskStatus::NotStarted;  // the state before (for history)
};
struct NoteEffect {
  NoteKind kind = NoteKind::OverallStatus;
  std::string text;
};
// A write of tenant.ATTR (key empty) or tenant.ATTR[key].field.
struct AttrWrite {
  std::string attr;
  std::string key;
  std::string field;
  Value value;
};
struct AssignChange {
  QueueKind queue = QueueKind::RM;
  std::string name;
  bool primary = false;
  bool add = true;
};
// A `remind` timer that came due: who is reminded of what.
struct Reminder {
  std::string step;
  std::string role;
  std::string text;
};
struct Outreach {
  std::string template_name;
  std::string contact;
  std::string email;
  bool cc = false;  // a copy (`cc contacts where …`), not a recipient
};

struct Outcome {
  InstanceState instance;                // the instance after the input
  std::vector<std::string> entered;      // steps entered, in order
  bool transitioned = false;             // a transition was taken
  std::vector<const Transition*> taken;  // transitions taken, in order (into the
                                         // CompiledPlaybook's model; for coverage)
  std::vector<TaskChange> tasks;
  std::vector<NoteEffect> notes;
  std::vector<AttrWrite> attrs;
  std::vector<AssignChange> assignments;
  std::vector<Outreach> sent;
  std::vector<Reminder> reminders;
  bool timers_changed = false;  // instance.timers differ from before
  // A step entered last calls a playbook (`call playbook ID`): the runtime
  // starts it as this run's callee. "" = no call.
  std::string call;
};

// One more requirement that failed in the same refused input.
struct Failure {
  RefusalId code;
  std::string reason;
  Loc rule;
};

struct Refusal {
  RefusalId code;      // stable: refusal_code.hpp, docs/refusal-codes.md
  std::string reason;  // for a person
  bool bad_input = false;
  Loc rule;  // the `rule` or `require` that refused (line 0 = none)
  // The other rules on the same change, and the `require`s right after the
  // failed one, that fail too: the FM learns every missing thing at once.
  std::vector<Failure> also;
  std::vector<std::string> details;  // lines that go with the reason (e.g. lint diagnostics)

  Refusal() = default;
  Refusal(RefusalId c, std::string r, bool bad = false, Loc by = {})
      : code(std::move(c)), reason(std::move(r)), bad_input(bad), rule(std::move(by)) {}
};

struct Result {
  std::optional<Outcome> outcome;  // set on success
  Refusal refusal;                 // set on failure
  bool ok() const { return outcome.has_value(); }
};

// Applies the tenant-level effects of `out` (tasks, attributes, assignments)
// to `t`, as `actor` at `now`.
void apply_outcome(TenantState& t, const Outcome& out, const std::string& actor, Instant now);

// Writes one AttrWrite into an attribute map (copy on write for records).
void apply_write(std::map<std::string, Value, std::less<>>& attrs, const AttrWrite& w);

}  // namespace pb
