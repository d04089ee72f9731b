// model.cpp — equality (meaning only: no locations, no comments), lookups and
// display names for the model in model.hpp.
#include "model.hpp"

#include <fmt/format.h>

namespace pb {

const std::string& Loc::filename() const {
  static const std::string none = "<unknown>";
  return file ? *file : none;
}

std::string Loc::str() const { return fmt::format("{}:{}:{}", filename(), line, col); }

const Loc& loc_at(const std::vector<Loc>& locs, size_t i, const Loc& fallback) {
  return i < locs.size() && locs[i].line ? locs[i] : fallback;
}

bool Type::operator==(const Type& o) const {
  return kind == o.kind && values == o.values && fields == o.fields && key == o.key;
}

bool Attribute::operator==(const Attribute& o) const {
  return name == o.name && type == o.type && title == o.title && calendar == o.calendar;
}

bool Expr::operator==(const Expr& o) const {
  return kind == o.kind && text == o.text && bval == o.bval && ival == o.ival && args == o.args &&
         parenthesized == o.parenthesized;
}

bool Action::operator==(const Action& o) const {
  return kind == o.kind && task == o.task && note_kind == o.note_kind && text == o.text &&
         me == o.me && primary == o.primary && queue == o.queue && path == o.path &&
         var == o.var && code == o.code && expr == o.expr && body == o.body;
}

bool Transition::operator==(const Transition& o) const {
  return trigger == o.trigger && event == o.event && task == o.task && amount == o.amount &&
         unit == o.unit && at_path == o.at_path && guard == o.guard && target == o.target &&
         actions == o.actions;
}

bool Step::operator==(const Step& o) const {
  return id == o.id && title == o.title && role == o.role && services == o.services &&
         instructions == o.instructions && tasks == o.tasks && enter == o.enter &&
         transitions == o.transitions && terminal == o.terminal && terminal_arg == o.terminal_arg;
}

bool Role::operator==(const Role& o) const { return id == o.id && name == o.name; }

bool Task::operator==(const Task& o) const {
  return id == o.id && name == o.name && mandatory == o.mandatory && role == o.role &&
         services == o.services;
}

bool TaskGroup::operator==(const TaskGroup& o) const {
  return id == o.id && title == o.title && tasks == o.tasks;
}

bool EventDecl::operator==(const EventDecl& o) const {
  return id == o.id && title == o.title && payload == o.payload;
}

bool External::operator==(const External& o) const { return id == o.id && title == o.title; }

bool Rule::operator==(const Rule& o) const {
  return id == o.id && message == o.message && on == o.on && task == o.task && path == o.path &&
         event == o.event && condition == o.condition;
}

bool Schema::operator==(const Schema& o) const {
  return attributes == o.attributes && rules == o.rules;
}

bool Playbook::operator==(const Playbook& o) const {
  return id == o.id && title == o.title && version == o.version && phase == o.phase &&
         motions == o.motions && owner == o.owner && note_prefix == o.note_prefix &&
         calendar == o.calendar && next == o.next && roles == o.roles && tasks == o.tasks &&
         groups == o.groups && events == o.events && externals == o.externals &&
         tenant == o.tenant && rules == o.rules && start == o.start && steps == o.steps;
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

const char* to_string(TypeKind k) {
  switch (k) {
    case TypeKind::Bool: return "bool";
    case TypeKind::Int: return "int";
    case TypeKind::String: return "string";
    case TypeKind::Date: return "date";
    case TypeKind::Enum: return "enum";
    case TypeKind::Records: return "records";
    case TypeKind::Contacts: return "contacts";
    case TypeKind::Unknown: break;
  }
  return "unknown";
}

const char* to_string(NoteKind k) {
  switch (k) {
    case NoteKind::OverallStatus: return "status";
    case NoteKind::TechnicalEnablement: return "technical";
    case NoteKind::EngagementManagement: return "engagement";
  }
  return "status";
}

const char* to_string(QueueKind k) { return k == QueueKind::RM ? "rm" : "fm"; }

const char* to_string(DurationUnit u) {
  switch (u) {
    case DurationUnit::BusinessDays: return "business days";
    case DurationUnit::Days: return "days";
    case DurationUnit::Weeks: return "weeks";
    case DurationUnit::Hours: return "hours";
  }
  return "days";
}

}  // namespace pb
