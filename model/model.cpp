// model.cpp — lookups and display names for the model in model.hpp.
#include "model.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

namespace pb {

const std::string& Loc::filename() const {
  static const std::string none = "<unknown>";
  return file ? *file : none;
}

std::string Loc::str() const { return fmt::format("{}:{}:{}", filename(), line, col); }

const Loc& loc_at(const std::vector<Loc>& locs, size_t i, const Loc& fallback) {
  return i < locs.size() && locs[i].line ? locs[i] : fallback;
}

template <class T, class K>
static const T* find_by_id(const std::vector<T>& items, const K& id) {
  for (const auto& item : items)
    if (item.id == id) return &item;
  return nullptr;
}

const Step* Playbook::step(const std::string& sid) const { return find_by_id(steps, sid); }
const Task* Playbook::task(int64_t tid) const { return find_by_id(tasks, tid); }
const Role* Playbook::role(const std::string& rid) const { return find_by_id(roles, rid); }
const EventDecl* Playbook::event(const std::string& eid) const { return find_by_id(events, eid); }

bool Anywhere::applies_to(const std::string& step) const {
  return std::find(except.begin(), except.end(), step) == except.end();
}

bool is_waiting(const Step& s) {
  if (s.terminal != TerminalKind::None) return false;
  if (!s.call.empty()) return true;
  for (const auto& t : s.transitions)
    if (t.trigger == TriggerKind::When || t.trigger == TriggerKind::Otherwise) return false;
  return true;
}

bool anywhere_applies(const Playbook& pb, const Step& s) {
  return pb.anywhere && is_waiting(s) && s.parent.empty() && pb.anywhere->applies_to(s.id);
}

std::vector<const Transition*> transitions_of(const Playbook& pb, const Step& s) {
  std::vector<const Transition*> out;
  for (const auto& t : s.transitions) out.push_back(&t);
  if (anywhere_applies(pb, s))
    for (const auto& t : pb.anywhere->transitions) out.push_back(&t);
  return out;
}

std::vector<const Transition*> all_transitions(const Playbook& pb) {
  std::vector<const Transition*> out;
  for (const auto& s : pb.steps)
    for (const auto& t : s.transitions) out.push_back(&t);
  if (pb.anywhere)
    for (const auto& t : pb.anywhere->transitions) out.push_back(&t);
  return out;
}

const char* to_string(TypeKind k) {
  switch (k) {
    case TypeKind::Bool: return "bool";
    case TypeKind::Int: return "int";
    case TypeKind::String: return "string";
    case TypeKind::Date: return "date";
    case TypeKind::Enum: return "enum";
    case TypeKind::Records: return "records";
    case TypeKind::Contacts: return "contacts";
    case TypeKind::Decimal: return "decimal";
    case TypeKind::Unknown: break;
  }
  return "unknown";
}

const char* to_string(const NoteKind& k) { return k.id.c_str(); }

const std::vector<std::pair<std::string, std::string>>& builtin_note_kinds() {
  static const std::vector<std::pair<std::string, std::string>> kinds{
      {"status", "Overall Status Note"},
      {"technical", "Technical Enablement note"},
      {"engagement", "Engagement Management note"}};
  return kinds;
}

std::vector<std::string> note_kind_ids(const Playbook& pb) {
  std::vector<std::string> ids;
  for (const auto& [id, name] : builtin_note_kinds()) ids.push_back(id);
  for (const auto& k : pb.note_kinds)  // a kind declared twice (PB141) is listed once
    if (std::find(ids.begin(), ids.end(), k.id) == ids.end()) ids.push_back(k.id);
  return ids;
}

bool has_note_kind(const Playbook& pb, std::string_view id) {
  for (const auto& [b, name] : builtin_note_kinds())
    if (b == id) return true;
  for (const auto& k : pb.note_kinds)
    if (k.id == id) return true;
  return false;
}

std::string note_kind_name(const Playbook& pb, std::string_view id) {
  for (const auto& [b, name] : builtin_note_kinds())
    if (b == id) return name;
  for (const auto& k : pb.note_kinds)
    if (k.id == id) return k.name;
  return std::string(id);
}

const char* to_string(QueueKind k) { return k == QueueKind::RM ? "rm" : "fm"; }

const char* to_string(DurationUnit u) {
  switch (u) {
    case DurationUnit::BusinessDays: return "business days";
    case DurationUnit::Days: return "days";
    case DurationUnit::Weeks: return "weeks";
    case DurationUnit::Hours: return "hours";
    case DurationUnit::Months: return "months";
    case DurationUnit::BusinessHours: return "business hours";
  }
  return "days";
}

static constexpr const char* kTaskStatus[] = {"not_started", "complete", "in_progress", "blocked",
                                              "no_intent"};

const char* to_string(TaskStatus s) { return kTaskStatus[static_cast<size_t>(s)]; }

bool parse_task_status(std::string_view text, TaskStatus& out) {
  for (size_t i = 0; i < std::size(kTaskStatus); ++i)
    if (text == kTaskStatus[i]) return out = static_cast<TaskStatus>(i), true;
  return false;
}

const std::vector<std::string>& task_status_names() {
  static const std::vector<std::string> names(std::begin(kTaskStatus), std::end(kTaskStatus));
  return names;
}

}  // namespace pb

namespace pb {

Type* enum_at(std::vector<Attribute>& attrs, std::string_view path, Attribute** attr) {
  if (!path.starts_with("tenant.")) return nullptr;
  path.remove_prefix(7);
  auto dot = path.find('.');
  std::string_view name = path.substr(0, dot);
  for (auto& a : attrs) {
    if (a.name != name) continue;
    if (attr) *attr = &a;
    if (dot == std::string_view::npos) return a.type.kind == TypeKind::Enum ? &a.type : nullptr;
    if (a.type.kind != TypeKind::Records) return nullptr;
    for (auto& f : a.type.fields)
      if (f.name == path.substr(dot + 1)) return f.type.kind == TypeKind::Enum ? &f.type : nullptr;
    return nullptr;
  }
  return nullptr;
}

void apply_extensions(const Playbook& pb, std::vector<Attribute>& attrs) {
  for (const auto& x : pb.extends) {
    Type* t = enum_at(attrs, x.path);
    if (!t) continue;
    for (const auto& v : x.values)
      if (std::find(t->values.begin(), t->values.end(), v) == t->values.end())
        t->values.push_back(v);
  }
}

}  // namespace pb
