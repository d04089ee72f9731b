// evaluator_compile.cpp — per-playbook indices built once (compile_playbook),
// calendar choice, and applying an Outcome to a TenantState (state.hpp).
#include <algorithm>

#include "model/calendar_math.hpp"
#include "evaluator.hpp"

namespace pb {

const Attribute* CompiledPlaybook::attribute(std::string_view name) const {
  auto it = attr_by_name.find(name);
  return it == attr_by_name.end() ? nullptr : it->second;
}

const Step* CompiledPlaybook::step(std::string_view id) const {
  auto it = step_by_id.find(id);
  return it == step_by_id.end() ? nullptr : it->second;
}

static void index_attrs(CompiledPlaybook& cp, const Schema* shared) {
  for (const auto& a : cp.pb.tenant.attributes) cp.attrs.push_back(a);
  if (shared)
    for (const auto& a : shared->attributes)
      if (std::none_of(cp.attrs.begin(), cp.attrs.end(), [&](auto& x) { return x.name == a.name; }))
        cp.attrs.push_back(a);
  apply_extensions(cp.pb, cp.attrs);  // `extend enum`: the values hold for this playbook
  for (const auto& a : cp.attrs) {
    cp.attr_by_name.emplace(a.name, &a);
    if (a.type.kind == TypeKind::Records && !a.type.key.empty())
      cp.records_by_var.emplace(a.type.key, &a);
    if (a.type.kind == TypeKind::Contacts && !cp.contacts_attr) cp.contacts_attr = &a;
  }
}

// "tenant.a" | "tenant.a.f" | "VAR.f" → (attribute, field).
static bool resolve_rule_path(const CompiledPlaybook& cp, const std::string& p, SetRule& out) {
  auto dot = p.find('.');
  if (dot == std::string::npos) return false;
  std::string root = p.substr(0, dot), rest = p.substr(dot + 1);
  if (root == "tenant") {
    if (cp.attribute(rest)) return out.attr = rest, true;
    auto d = rest.find('.');
    if (d == std::string::npos) return false;
    out.attr = rest.substr(0, d);
    out.field = rest.substr(d + 1);
    return true;
  }
  auto v = cp.records_by_var.find(root);
  if (v == cp.records_by_var.end()) return false;
  out.attr = v->second->name;
  out.field = rest;
  return true;
}

static void index_rules(CompiledPlaybook& cp, const Schema* shared) {
  if (shared) cp.rules = shared->rules;
  cp.rules.insert(cp.rules.end(), cp.pb.tenant.rules.begin(), cp.pb.tenant.rules.end());
  cp.rules.insert(cp.rules.end(), cp.pb.rules.begin(), cp.pb.rules.end());
  for (const Rule& r : cp.rules) {
    switch (r.on) {
      case RuleOn::Event: cp.rules_on_event[r.event].push_back(&r); break;
      case RuleOn::Complete: cp.rules_on_complete[r.task].push_back(&r); break;
      case RuleOn::Set: {
        SetRule sr;
        sr.rule = &r;
        if (resolve_rule_path(cp, r.path, sr)) cp.rules_on_set.push_back(sr);
        break;
      }
    }
  }
}

std::shared_ptr<const CompiledPlaybook> compile_playbook(const Playbook& pb, const Schema* shared) {
  auto cp = std::make_shared<CompiledPlaybook>();
  cp->pb = pb;
  index_attrs(*cp, shared);
  index_rules(*cp, shared);
  for (const auto& s : cp->pb.steps) cp->step_by_id.emplace(s.id, &s);
  for (const auto& e : cp->pb.events) cp->event_by_id.emplace(e.id, &e);
  for (const auto& g : cp->pb.groups)
    for (int64_t t : g.tasks) cp->groups_of_task[t].push_back(&g);
  cp->program.compile(*cp);
  return cp;
}

const std::string* calendar_id(const CompiledPlaybook& cp, const TenantState& t) {
  std::string_view path = cp.pb.calendar;
  if (path.starts_with("tenant.")) path.remove_prefix(7);
  auto v = t.attrs.find(path);
  if (path.empty() || v == t.attrs.end() || v->second.kind != Value::Kind::String) return nullptr;
  return &v->second.s;
}

const Calendar& pick_calendar(const CompiledPlaybook& cp, const TenantState& t,
                              std::span<const Calendar> calendars) {
  if (const std::string* id = calendar_id(cp, t))
    for (const auto& cal : calendars)
      if (cal.id == *id) return cal;
  return default_calendar();
}

void apply_write(std::map<std::string, Value, std::less<>>& attrs, const AttrWrite& w) {
  if (w.key.empty()) {
    if (w.value.is_set())
      attrs[w.attr] = w.value;
    else
      attrs.erase(w.attr);
    return;
  }
  Value& recs = attrs[w.attr];
  RecordMap m = recs.records ? *recs.records : RecordMap{};
  if (w.value.is_set())
    m[w.key][w.field] = w.value;
  else if (auto r = m.find(w.key); r != m.end())
    r->second.erase(w.field);
  recs = Value::of_records(std::move(m));
}

static void apply_assignment(std::vector<Assignment>& as, const AssignChange& a) {
  std::erase_if(as, [&](const Assignment& x) { return x.queue == a.queue && x.name == a.name; });
  if (!a.add) return;
  if (a.primary)
    for (auto& x : as)
      if (x.queue == a.queue) x.primary = false;
  as.push_back(Assignment{a.queue, a.name, a.primary});
}

void apply_outcome(TenantState& t, const Outcome& out, const std::string& actor, Instant now) {
  for (const auto& tc : out.tasks) t.tasks[tc.task] = TaskState{tc.status, actor, now};
  for (const auto& w : out.attrs) apply_write(t.attrs, w);
  for (const auto& a : out.assignments) apply_assignment(t.assignments, a);
}

const char* to_string(InstanceStatus s) {
  switch (s) {
    case InstanceStatus::Active: return "active";
    case InstanceStatus::Ended: return "ended";
    case InstanceStatus::Goto: return "moved";
    case InstanceStatus::Handoff: return "handed-off";
    case InstanceStatus::Cancelled: return "cancelled";
  }
  return "active";
}

bool parse_instance_status(std::string_view text, InstanceStatus& out) {
  for (auto s : {InstanceStatus::Active, InstanceStatus::Ended, InstanceStatus::Goto,
                 InstanceStatus::Handoff, InstanceStatus::Cancelled})
    if (text == to_string(s)) return out = s, true;
  return false;
}

const char* to_string(InputKind k) {
  switch (k) {
    case InputKind::Start: return "start";
    case InputKind::Fire: return "fire";
    case InputKind::Complete: return "complete";
    case InputKind::Note: return "note";
    case InputKind::Tick: return "tick";
    case InputKind::Set: return "set";
    case InputKind::Reset: return "reset";
    case InputKind::Mark: return "mark";
    case InputKind::Return: return "return";
  }
  return "start";
}

}  // namespace pb
