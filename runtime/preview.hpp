// preview.hpp — what each event possible now in an instance's step, and each
// task completion that moves it, would do (`playbook status`). Computed by applying the input to a copy of the
// tenant's world through the same path as `fire` (apply_input, so hand-overs
// to other playbooks and re-armed timers are included); nothing is written.
//
// Contract:
//  * One EventPreview per event that has a transition from the current step,
//    in the order of the step's transitions; then one per task that an
//    `on task N` transition of the step waits for (`task` set), what
//    `complete TENANT N` would do.
//  * An event that declares payload fields is evaluated without them (the
//    FM must supply them): `needs` names them, `targets` lists the steps its
//    transitions lead to, and the result is what firing it bare would do.
//  * Effects are the differences between the world before and after:
//    steps entered, instances ended, tasks of the entered steps still open,
//    tasks completed or reset, notes, outreach, timers armed, attributes and
//    assignments changed. A refusal is the code and reason `fire` would give.
#pragma once

#include <string>
#include <vector>

#include "engine_core.hpp"

namespace pb::rt {

struct PreviewTimer {
  std::string playbook, step, to;
  Instant due{};
};

struct PreviewEnd {
  std::string playbook;
  InstanceStatus status = InstanceStatus::Ended;
  std::string outcome;
};

struct EventPreview {
  int64_t task = 0;          // a completion of this task (`complete TENANT TASK`), not an event
  std::string event, title;  // the event, or the task's name as the title
  std::vector<std::pair<std::string, std::string>> needs;  // payload field, its type as text
  std::vector<std::string> targets;                        // static targets of the transitions
  bool ok = false;
  Refusal refusal;
  std::vector<std::pair<std::string, std::string>> entered;  // (playbook, step)
  std::vector<PreviewEnd> ended;
  std::vector<std::pair<int64_t, std::string>> opened;  // open tasks of the steps it stops in
  std::vector<int64_t> completed, reset;
  std::vector<std::pair<std::string, NoteEffect>> notes;
  std::vector<Outreach> sent;
  std::vector<PreviewTimer> timers;                      // armed (new or moved)
  std::vector<std::pair<std::string, Value>> attrs;      // changed, value after (unset: removed)
  std::vector<std::pair<Assignment, bool>> assignments;  // (assignment, added?)
};

// "enum(A, B)", "date", "records(workload)"… for the payload list.
std::string type_text(const Type& t);

// The effects of going from `before` to `after` (an Applied from apply_input).
void describe_effects(const TenantWorld& before, const TenantWorld& after, const Applied& a,
                      Resolver& r, EventPreview& out);

}  // namespace pb::rt
