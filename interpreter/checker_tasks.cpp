// checker_tasks.cpp — task states and mandatory tasks by service: the state
// a `mark` sets is one of the task states (PB100); the playbook's `scope`
// names a records attribute, a string or enum field of it (or its key) and
// a condition (PB101, with PB034/PB040 for what is inside); a mandatory
// task's services are values that field can hold (PB102); and a step that
// requires the mandatory tasks is in a playbook that has some (PB103) and
// says which services are in scope when they name some (PB104).
#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "checker_internal.hpp"

namespace pb::check {

namespace {

constexpr std::string_view kAllServices = "All Services";

// The type a scope's `service` names: the field's, or nullptr for the key.
struct ScopeTypes {
  const Type* records = nullptr;
  const Attribute* field = nullptr;
};

void invalid_scope(PlaybookScope& s, const Loc& loc, std::string msg, std::string hint = {}) {
  s.diags.error(loc, LintCode::InvalidScope, std::move(msg), std::move(hint));
}

void check_where(PlaybookScope& s, const ServiceScope& sc, const Type& records) {
  if (!sc.where) return;
  Env env;
  env.no_event = "the scope is read from the tenant";
  env.vars.emplace_back(records.key, &records);
  check_guard(s, env, *sc.where, "the `where` of `scope`");
}

std::optional<ScopeTypes> check_scope_paths(PlaybookScope& s, const ServiceScope& sc) {
  const Loc& at = sc.records_loc.line ? sc.records_loc : sc.loc;
  Env env;
  env.no_event = "the scope is read from the tenant";
  Ty coll = resolve_path(s, env, sc.records, at);
  if (coll.kind == TypeKind::Unknown) return std::nullopt;  // reported (PB034)
  if (coll.kind != TypeKind::Records || !coll.type) {
    invalid_scope(s, at,
                  fmt::format("`scope` names a records attribute (e.g. tenant.workloads), but {} "
                              "is {}",
                              sc.records, type_name(coll.kind)));
    return std::nullopt;
  }
  ScopeTypes out;
  out.records = coll.type;
  check_where(s, sc, *coll.type);
  const std::string& var = coll.type->key;
  if (sc.service.empty() || sc.service == var) return out;
  const Loc& sat = sc.service_loc.line ? sc.service_loc : sc.loc;
  std::vector<std::string> fields;
  for (const auto& f : coll.type->fields) {
    fields.push_back(var + "." + f.name);
    if (var + "." + f.name == sc.service) out.field = &f;
  }
  if (!out.field) {
    invalid_scope(s, sat,
                  fmt::format("the `service` of the scope is '{}' (the record's key) or one of its "
                              "fields, not '{}'",
                              var, sc.service),
                  did_you_mean(sc.service, fields));
    return std::nullopt;
  }
  if (out.field->type.kind != TypeKind::String && out.field->type.kind != TypeKind::Enum) {
    invalid_scope(s, sat,
                  fmt::format("the `service` of the scope names a service (a string or enum "
                              "field), but {} is {}",
                              sc.service, type_name(out.field->type.kind)));
    return std::nullopt;
  }
  return out;
}

// PB102: with an enum `service`, every service of a mandatory task is one
// of its values (or "All Services").
void check_task_services(PlaybookScope& s, const ScopeTypes& st) {
  if (!st.field || st.field->type.kind != TypeKind::Enum) return;
  const auto& vals = st.field->type.values;
  for (const auto& t : s.pb.tasks) {
    if (!t.mandatory) continue;
    for (const auto& sv : t.services)
      if (sv != kAllServices && std::find(vals.begin(), vals.end(), sv) == vals.end())
        s.diags.error(t.loc, LintCode::UnknownTaskService,
                      fmt::format("mandatory task {} names the service \"{}\", which no record "
                                  "of the scope can be in: the services are \"{}\" (or \"{}\")",
                                  t.id, sv, fmt::join(vals, "\", \""), kAllServices),
                      did_you_mean(sv, vals));
  }
}

// PB103, PB104: the steps that require the mandatory tasks.
void check_requirers(PlaybookScope& s) {
  bool any_mandatory = false, named = false;
  for (const auto& t : s.pb.tasks) {
    any_mandatory |= t.mandatory;
    if (t.mandatory)
      named |= std::any_of(t.services.begin(), t.services.end(),
                           [](const std::string& x) { return x != kAllServices; });
  }
  for (const auto& st : s.pb.steps) {
    if (!st.require_mandatory) continue;
    const Loc& at = st.require_mandatory_loc.line ? st.require_mandatory_loc : st.loc;
    if (!any_mandatory)
      s.diags.warning(at, LintCode::NoMandatoryTasks,
                      fmt::format("step '{}' requires the mandatory tasks, but playbook '{}' "
                                  "declares none: the check never refuses",
                                  st.id, s.pb.id));
    else if (named && !s.pb.scope)
      s.diags.warning(at, LintCode::MandatoryWithoutScope,
                      fmt::format("step '{}' requires the mandatory tasks, whose services "
                                  "playbook '{}' does not scope: every service counts as in "
                                  "scope (declare `scope tenant.workloads ...`)",
                                  st.id, s.pb.id));
  }
}

}  // namespace

void check_mark(PlaybookScope& s, const Action& a) {
  TaskStatus st;
  if (parse_task_status(a.text, st)) return;
  s.diags.error(a.loc, LintCode::UnknownTaskState,
                fmt::format("'{}' is not a task state; the states are {}", a.text,
                            fmt::join(task_status_names(), ", ")),
                did_you_mean(a.text, task_status_names()));
}

void check_tasks_and_scope(PlaybookScope& s) {
  check_requirers(s);
  if (!s.pb.scope) return;
  auto st = check_scope_paths(s, *s.pb.scope);
  if (st) check_task_services(s, *st);
}

// The type of task_state(N): an enum of the task states.
const Type& task_status_type() {
  static const Type t{TypeKind::Enum, task_status_names(), {}, {}};
  return t;
}

}  // namespace pb::check
