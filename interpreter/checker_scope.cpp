// checker_scope.cpp — PlaybookScope: the hash-map index of one playbook, the
// name lists behind "did you mean", and the reference checks every pass uses
// (PB030 undefined step, PB031 role, PB032 task, PB037 event).
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "checker_internal.hpp"
#include "model/decimal.hpp"

namespace pb::check {

namespace {

template <class Map>
std::vector<std::string> keys_of(const Map& m) {
  std::vector<std::string> out;
  out.reserve(m.size());
  for (const auto& [k, v] : m) {
    if constexpr (std::is_integral_v<std::decay_t<decltype(k)>>)
      out.push_back(std::to_string(k));
    else
      out.emplace_back(k);
  }
  std::sort(out.begin(), out.end());  // stable hints whatever the hash order
  return out;
}

}  // namespace

PlaybookScope::PlaybookScope(const Project& p, const Playbook& b, Diagnostics& d,
                             const std::unordered_set<std::string>& ids)
    : project(p), pb(b), diags(d), playbook_ids(ids) {
  // First declaration wins; later ones are reported by check_duplicates.
  for (const auto& st : b.steps) steps.emplace(st.id, &st);
  for (const auto& r : b.roles) roles.emplace(r.id, &r);
  for (const auto& t : b.tasks) tasks.emplace(t.id, &t);
  for (const auto& e : b.events) events.emplace(e.id, &e);
  for (const auto& x : b.externals) externals.emplace(x.id, &x);
  note_kinds.kind = TypeKind::Enum;
  note_kinds.values = note_kind_ids(b);
  if (p.schema)
    for (const auto& a : p.schema->attributes) attrs.emplace(a.name, &a);
  for (const auto& a : b.tenant.attributes) attrs.emplace(a.name, &a);
  for (const Transition* t : all_transitions(b))
    if (t->trigger == TriggerKind::Event && !t->target.empty())
      if (auto it = events.find(t->event); it != events.end())
        incoming[t->target].push_back(it->second);
}

std::vector<std::string> PlaybookScope::step_names() const { return keys_of(steps); }
std::vector<std::string> PlaybookScope::role_names() const { return keys_of(roles); }
std::vector<std::string> PlaybookScope::task_names() const { return keys_of(tasks); }
std::vector<std::string> PlaybookScope::event_names() const { return keys_of(events); }
std::vector<std::string> PlaybookScope::external_names() const { return keys_of(externals); }
std::vector<std::string> PlaybookScope::attr_names() const { return keys_of(attrs); }

bool PlaybookScope::ref_step(const std::string& id, const Loc& loc, std::string_view what) {
  if (steps.contains(id)) return true;
  diags.error(loc, LintCode::UndefinedStep,
              fmt::format("{} '{}' is not a step of playbook '{}'", what, id, pb.id),
              did_you_mean(id, step_names()));
  return false;
}

namespace {

// Letters and digits only, lower case: "Targeting Manager" → "targetingmanager".
std::string squashed(std::string_view s) {
  std::string out;
  for (char c : s)
    if (std::isalnum(static_cast<unsigned char>(c)))
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The role whose display name `id` spells (`targeting_manager` for
// `tm "Targeting Manager"`), closely enough to be a likely mix-up.
const Role* role_by_display_name(const PlaybookScope& s, std::string_view id) {
  std::vector<std::string> names;
  std::vector<const Role*> roles;
  for (const auto& r : s.pb.roles) {
    names.push_back(squashed(r.name));
    roles.push_back(&r);
  }
  std::string want = squashed(id);
  for (size_t i = 0; i < names.size(); ++i)
    if (names[i] == want) return roles[i];
  std::string near = closest(want, names);
  for (size_t i = 0; i < names.size() && !near.empty(); ++i)
    if (names[i] == near) return roles[i];
  return nullptr;
}

}  // namespace

void PlaybookScope::ref_role(const std::string& id, const Loc& loc) {
  if (id.empty()) return;  // the playbook's default role
  if (roles.contains(id)) {
    used_roles.insert(id);
    return;
  }
  std::string near = closest(id, role_names());
  std::string hint;
  if (!near.empty()) {
    hint = fmt::format("did you mean '{}'?", near);
  } else if (const Role* r = role_by_display_name(*this, id)) {
    near = r->id;
    hint = fmt::format("did you mean '{}' (\"{}\")?", r->id, r->name);
  }
  if (!near.empty()) used_roles.insert(roles.find(near)->first);  // no PB080 for the one meant
  diags.error(loc, LintCode::UndefinedRole,
              fmt::format("undefined role '{}'; declare it with `role {} \"…\"`", id, id), hint);
}

void PlaybookScope::ref_task(int64_t id, const Loc& loc) {
  if (tasks.contains(id)) {
    used_tasks.insert(id);
    return;
  }
  std::string near = closest(std::to_string(id), task_names());
  if (!near.empty()) used_tasks.insert(std::stoll(near));  // no PB081 for the one meant
  diags.error(loc, LintCode::UndefinedTask,
              fmt::format("undefined task {}; declare it with `task {} \"…\" mandatory|optional "
                          "role …`",
                          id, id),
              near.empty() ? "" : fmt::format("did you mean '{}'?", near));
}

const EventDecl* PlaybookScope::ref_event(const std::string& id, const Loc& loc) {
  if (auto it = events.find(id); it != events.end()) {
    used_events.insert(id);
    return it->second;
  }
  std::string near = closest(id, event_names());
  if (!near.empty()) used_events.insert(events.find(near)->first);  // no PB082 for the one meant
  diags.error(loc, LintCode::UndefinedEvent,
              fmt::format("undefined event '{}'; declare it with `event {}`", id, id),
              near.empty() ? "" : fmt::format("did you mean '{}'?", near));
  return nullptr;
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += sep;
    out += items[i];
  }
  return out;
}

const char* type_name(TypeKind k) { return to_string(k); }

std::string where_text(const EventWhere& w) {
  switch (w.kind) {
    case EventWhere::None: break;
    case EventWhere::Event: return fmt::format("event '{}'", w.name);
    case EventWhere::Task: return fmt::format("completing task {}", w.task);
    case EventWhere::Enter: return fmt::format("the events that lead into step '{}'", w.name);
    case EventWhere::Set: return fmt::format("setting {}", w.name);
  }
  return "the event";
}

std::string Label::str() const {
  std::string out(a);
  out += b;
  out += c;
  return out;
}

std::string what_of(const Ty& t) {
  if (!t.what.empty() || !t.src) return std::string(t.what);
  return show(*t.src);
}

std::string show(const Expr& e, int depth) {
  if (depth > 6) return "…";
  // An operand keeps the parentheses its author wrote.
  auto sub = [&](const Expr& x) {
    std::string t = show(x, depth + 1);
    return x.parenthesized ? "(" + t + ")" : t;
  };
  switch (e.kind) {
    case ExprKind::Bool: return e.bval ? "true" : "false";
    case ExprKind::Int:
      return e.spelling.empty() ? std::to_string(e.ival) : std::string(e.spelling);
    case ExprKind::Decimal:
      return e.spelling.empty() ? format_decimal(e.ival) : std::string(e.spelling);
    case ExprKind::String: return fmt::format("\"{}\"", e.text);
    case ExprKind::Date: return e.text;
    case ExprKind::Path: return e.text;
    case ExprKind::Call: {
      std::vector<std::string> args;
      for (const auto& a : e.args) args.push_back(sub(a));
      return fmt::format("{}({})", e.text, join(args, ", "));
    }
    case ExprKind::Unary:
      if (e.args.empty()) break;
      return e.text == "not" ? "not " + sub(e.args[0]) : "-" + sub(e.args[0]);
    case ExprKind::Binary:
      if (e.args.size() == 2)
        return fmt::format("{} {} {}", sub(e.args[0]), e.text, sub(e.args[1]));
      break;
    case ExprKind::In:
      if (!e.args.empty()) return sub(e.args[0]) + " in [...]";
      break;
  }
  return "expression";
}

}  // namespace pb::check
