// evaluator_tasks.cpp — task states and mandatory tasks in the evaluator:
// a task's state read through the overlay, the `mark` action, and the exit
// check `require mandatory tasks` (docs/language.md, "Task states" and
// "Mandatory tasks").
//
// Contract:
//  * A task's state is the last change this input made to it, else the
//    tenant's, else not started.
//  * The services in scope are the values of the playbook's `scope` (the
//    `service` of each record of the records attribute for which `where`
//    holds, or the record's key); without a `scope` every service is in
//    scope. A task with no services, or with "All Services", is always in
//    scope; a task is in scope when one of its services is.
//  * The exit check refuses once, listing every mandatory task in scope that
//    is not complete, in the order the playbook declares them.
#include <fmt/format.h>

#include <algorithm>

#include "evaluator_ctx.hpp"

namespace pb::detail {

TaskStatus Ctx::task_status(int64_t task) const {
  for (auto it = out.tasks.rbegin(); it != out.tasks.rend(); ++it)
    if (it->task == task) return it->status;
  auto t = tenant.tasks.find(task);
  return t == tenant.tasks.end() ? TaskStatus::NotStarted : t->second.status;
}

void set_task(Ctx& c, int64_t task, TaskStatus to) {
  TaskStatus was = c.task_status(task);
  if (was != to) c.out.tasks.push_back(TaskChange{task, to, was});
}

bool mark_task(Ctx& c, const Action& a) {
  TaskStatus to;
  if (!parse_task_status(a.text, to)) return true;  // the checker reports it (PB100)
  if (to == TaskStatus::Complete) return complete_task(c, a.task);
  set_task(c, a.task, to);
  return true;
}

namespace {

constexpr std::string_view kAllServices = "All Services";

// The service a record stands for: its key, or the value of the scope's
// `service` field (an enum or string).
std::string_view record_service(const ServiceScope& sc, const std::string& key,
                                const Fields& fields) {
  if (sc.service.empty()) return key;
  auto dot = sc.service.find('.');
  std::string_view field = std::string_view(sc.service).substr(dot + 1);
  auto it = fields.find(field);
  if (dot == std::string::npos || it == fields.end() || it->second.kind != Value::Kind::String)
    return dot == std::string::npos ? std::string_view(key) : std::string_view();
  return it->second.s;
}

// The services in scope now, or nullopt when the playbook declares no scope
// (every service is in scope).
std::optional<std::vector<std::string>> services_in_scope(Ctx& c) {
  const auto& sc = c.cp.pb.scope;
  if (!sc) return std::nullopt;
  std::vector<std::string> out;
  std::string_view name = std::string_view(sc->records).substr(sc->records.find('.') + 1);
  const Attribute* a = c.cp.attribute(name);
  const Value* v = a ? c.attr(name) : nullptr;
  if (!v || !v->records) return out;
  for (const auto& [key, fields] : *v->records) {
    c.bindings.push_back(Binding{a->type.key, a, key, &fields, nullptr});
    bool in = holds(c, sc->where);
    c.bindings.pop_back();
    std::string_view s = record_service(*sc, key, fields);
    if (in && !s.empty()) out.emplace_back(s);
  }
  return out;
}

bool task_in_scope(const Task& t, const std::optional<std::vector<std::string>>& scope) {
  if (!scope || t.services.empty()) return true;
  return std::any_of(t.services.begin(), t.services.end(), [&](const std::string& s) {
    return s == kAllServices || std::find(scope->begin(), scope->end(), s) != scope->end();
  });
}

std::string task_line(const Task& t) {
  if (t.services.empty()) return fmt::format("{} \"{}\"", t.id, t.name);
  return fmt::format("{} \"{}\" ({})", t.id, t.name, fmt::join(t.services, ", "));
}

}  // namespace

bool check_mandatory_exit(Ctx& c, const Step& s) {
  if (!s.require_mandatory) return true;
  auto scope = services_in_scope(c);
  std::vector<std::string> open;
  for (const Task& t : c.cp.pb.tasks)
    if (t.mandatory && !c.task_complete(t.id) && task_in_scope(t, scope))
      open.push_back(task_line(t));
  if (open.empty()) return true;
  bool one = open.size() == 1;
  return c.refuse_by(
      s.require_mandatory_loc, RefusalCode::MandatoryTasksOpen,
      fmt::format("step '{}' cannot be {}: {} mandatory task{} of the services "
                  "in scope {} not complete: {}",
                  s.id, s.terminal == TerminalKind::None ? "left" : "reached", open.size(),
                  one ? "" : "s", one ? "is" : "are", fmt::join(open, "; ")));
}

}  // namespace pb::detail
