// render_status.hpp — the text and JSON of `playbook status TENANT`: for
// each instance its step, role, instructions, the step's tasks (open or
// complete; a complete task the step waits on says how to redo it), timers
// with their due dates (and, when tick could not fire one, why and since
// when), and what each event possible now and each task completion that
// moves the step would do (rt::EventPreview: steps entered, tasks, notes,
// outreach, timers, attributes, assignments, or the refusal with every
// requirement that failed). Both forms carry the same facts (JSON: "events"
// and "completions").
// Every text line is escaped for a terminal (text_out.hpp).
#pragma once

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

#include "runtime/engine.hpp"

namespace pb::cli {

struct InstanceView {
  const rt::InstanceRec* rec = nullptr;
  std::shared_ptr<const CompiledPlaybook> cp;  // the pinned playbook (null: unreadable)
  std::vector<rt::EventPreview> events;
  std::vector<rt::StuckTimer> stuck;  // its timers tick could not fire
  std::string version;                // the version it runs (active instances; "" = not shown)
  std::string newer;                  // the directory's version when it is another
};

// "  STUCK since …: REASON [CODE]" ("" when not stuck), and its JSON (null).
std::string stuck_text(const rt::StuckMark& m);

// The transition a timer fires (nullptr when the playbook no longer has it).
const Transition* timer_transition(const CompiledPlaybook* cp, const TimerState& t);
// "-> STEP", or for a reminder `remind ROLE: "TEXT"`.
std::string timer_text(const CompiledPlaybook* cp, const TimerState& t);
// Sets "to" (the target; "" for a reminder) and, for a reminder, "remind".
void timer_json(nlohmann::json& j, const CompiledPlaybook* cp, const TimerState& t);
nlohmann::json stuck_json(const rt::StuckMark& m);

std::string render_status_text(const rt::TenantWorld& w, const std::vector<InstanceView>& views);
nlohmann::json render_status_json(const rt::TenantWorld& w, const std::vector<InstanceView>& views);

}  // namespace pb::cli
