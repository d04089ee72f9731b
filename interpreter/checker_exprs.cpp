// checker_exprs.cpp — walks every expression of a playbook in its context:
// transition guards and actions (event.X only from the triggering event),
// enter actions (fields of the events that lead into the step), `at` dates,
// rules (`on event`, `on set` with event.old and the record variable,
// `on complete`) and the calendar attribute (PB036 when a value has no
// calendar and the directory has calendars/).
#include <fmt/format.h>

#include <algorithm>

#include "checker_internal.hpp"

namespace pb::check {

namespace {

Env enter_env(PlaybookScope& s, const Step& st) {
  Env env;
  env.event_builtins = true;
  env.event_where = {EventWhere::Enter, st.id};
  if (auto it = s.incoming.find(st.id); it != s.incoming.end())
    for (const EventDecl* e : it->second)
      for (const auto& a : e->payload) env.event_fields.emplace(a.name, &a);
  return env;
}

void check_transition(PlaybookScope& s, const Transition& t) {
  Env env = transition_env(s, t);
  if (t.trigger == TriggerKind::At) {
    Ty d = resolve_path(s, env, t.at_path, t.loc);
    if (d.kind != TypeKind::Unknown && d.kind != TypeKind::Date)
      s.diags.error(
          t.loc, LintCode::ExprTypeError,
          fmt::format("`at` needs a date attribute, but {} is {}", what_of(d), type_name(d.kind)));
  }
  check_wait(s, env, t);
  if (t.guard) check_guard(s, env, *t.guard, "a guard");
  check_actions(s, env, t.actions);
}

// `on set PATH`: the record variable of PATH and event.old (its previous value).
void check_set_rule(PlaybookScope& s, const Rule& r, Env& env, Attribute& old) {
  const std::string& path = r.path;
  auto dot = path.find('.');
  std::string_view root = std::string_view(path).substr(0, dot);  // a view: env outlives this call
  if (root != "tenant" && root != "event") {  // workload.esd: find the records keyed `workload`
    for (const auto& [name, a] : s.attrs)
      if (a->type.kind == TypeKind::Records && a->type.key == root)
        env.vars.emplace_back(root, &a->type);
  } else if (root == "tenant") {
    auto second = path.find('.', dot + 1);
    auto it =
        s.attrs.find(path.substr(dot + 1, second == std::string::npos ? second : second - dot - 1));
    if (it != s.attrs.end() && it->second->type.kind == TypeKind::Records)
      env.vars.emplace_back(it->second->type.key, &it->second->type);
  }
  Ty target = resolve_path(s, env, path, r.on_loc.line ? r.on_loc : r.loc);
  if (target.kind != TypeKind::Unknown && target.type)
    old.type = *target.type;
  else
    old.type.kind = target.kind;
  old.name = "old";
  env.event_fields.emplace("old", &old);
}

void check_rule(PlaybookScope& s, const Rule& r) {
  Env env;
  env.event_builtins = true;
  Attribute old;
  switch (r.on) {
    case RuleOn::Event:
      env.event_where = {EventWhere::Event, r.event};
      if (auto it = s.events.find(r.event); it != s.events.end())
        for (const auto& a : it->second->payload) env.event_fields.emplace(a.name, &a);
      break;
    case RuleOn::Complete: env.event_where = {EventWhere::Task, {}, r.task}; break;
    case RuleOn::Set:
      env.event_where = {EventWhere::Set, r.path};
      check_set_rule(s, r, env, old);
      break;
  }
  check_guard(s, env, r.condition, Label("the condition of rule '", r.id, "'"));
}

void check_calendar_attr(PlaybookScope& s, const Ty& t, const Loc& loc, std::string_view path) {
  if (t.kind == TypeKind::Unknown) return;
  if (t.kind != TypeKind::Enum || !t.type) {
    s.diags.error(loc, LintCode::ExprTypeError,
                  fmt::format("the calendar attribute {} must be an enum whose values name "
                              "calendars, but it is {}",
                              path, type_name(t.kind)));
    return;
  }
  if (!s.project.has_calendar_dir) return;
  std::vector<std::string> ids;
  for (const auto& c : s.project.calendars) ids.push_back(c.id);
  std::sort(ids.begin(), ids.end());
  for (const auto& v : t.type->values)
    if (!s.project.calendar(v))
      s.diags.error(
          loc, LintCode::UndefinedCalendar,
          fmt::format("no business calendar for {} \"{}\": add calendars/{}.yaml", path, v, v),
          did_you_mean(v, ids));
}

void check_calendars(PlaybookScope& s) {
  Env env;
  env.no_event = "the calendar is a tenant attribute";
  if (!s.pb.calendar.empty()) {
    const Loc& at = s.pb.calendar_loc.line ? s.pb.calendar_loc : s.pb.loc;
    Ty t = resolve_path(s, env, s.pb.calendar, at);
    check_calendar_attr(s, t, at, s.pb.calendar);
  }
  for (const auto& [name, a] : s.attrs)
    if (a->calendar) {
      std::string what = "tenant." + std::string(name);
      check_calendar_attr(s, Ty{a->type.kind, &a->type, what}, a->loc, what);
    }
}

}  // namespace

void check_rules(PlaybookScope& s, const std::vector<Rule>& rules) {
  for (const auto& r : rules) check_rule(s, r);
}

void check_expressions(PlaybookScope& s) {
  for (const auto& st : s.pb.steps) {
    check_actions(s, enter_env(s, st), st.enter);
    for (const auto& t : st.transitions) check_transition(s, t);
  }
  if (s.pb.anywhere)
    for (const auto& t : s.pb.anywhere->transitions) check_transition(s, t);
  check_rules(s, s.pb.tenant.rules);
  check_rules(s, s.pb.rules);
  check_calendars(s);
}

}  // namespace pb::check
