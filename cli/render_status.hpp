// render_status.hpp — the text and JSON of `playbook status TENANT`: for
// each instance its step, role, instructions, the step's tasks (open or
// complete), timers with their due dates, and what each event possible now
// would do (rt::EventPreview: steps entered, tasks, notes, outreach, timers,
// attributes, assignments, or the refusal). Both forms carry the same facts.
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
};

std::string render_status_text(const rt::TenantWorld& w, const std::vector<InstanceView>& views);
nlohmann::json render_status_json(const rt::TenantWorld& w, const std::vector<InstanceView>& views);

}  // namespace pb::cli
