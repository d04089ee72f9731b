// model_diff_catalog.cpp — tasks, roles, events and the tenant schema
// (model_diff.hpp): each matched by id (attributes by name, path by path),
// in the new file's order, then what the old one had and the new one lacks.
//
// A payload field is "required" by a playbook when a `require` action of a
// transition on its event, or a rule on its event, reads `event.FIELD`: an
// event fired without it is then refused (docs/diff.md).
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "model_diff_internal.hpp"

namespace pb::diff {

namespace {

using C = ChangeClass;

template <class T, class K>
const T* find(const std::vector<T>& items, const K& id) {
  for (const auto& x : items)
    if (x.id == id) return &x;
  return nullptr;
}

std::string list_text(const std::vector<std::string>& xs) {
  std::string out;
  for (const auto& x : xs) out += (out.empty() ? "" : ", ") + x;
  return out.empty() ? "none" : out;
}

void task_pair(const Task& o, const Task& n, Out& out) {
  std::string subject = fmt::format("task {}", n.id);
  if (o.name != n.name) {
    auto& c = out.add(C::Cosmetic, "task-renamed", subject, o.loc, n.loc,
                      fmt::format("{} is renamed from \"{}\" to \"{}\"", subject, o.name, n.name));
    c.before = o.name;
    c.after = n.name;
  }
  if (o.mandatory != n.mandatory)
    out.add(C::Compatible, "task-mandatory", subject, o.loc, n.loc,
            fmt::format("{} is now {}", subject, n.mandatory ? "mandatory" : "optional"));
  if (o.role != n.role)
    out.add(C::Compatible, "task-role", subject, at(o.role_loc, o.loc), at(n.role_loc, n.loc),
            fmt::format("{}: the role changed from {} to {}", subject, o.role, n.role));
  if (o.services != n.services)
    out.add(C::Compatible, "task-services", subject, o.loc, n.loc,
            fmt::format("{}: the services changed from {} to {}", subject, list_text(o.services),
                        list_text(n.services)));
}

}  // namespace

void diff_tasks(const Playbook& old, const Playbook& now, Out& out) {
  for (const auto& n : now.tasks) {
    if (const Task* o = find(old.tasks, n.id))
      task_pair(*o, n, out);
    else
      out.add(C::Compatible, "task-added", fmt::format("task {}", n.id), {}, n.loc,
              fmt::format("task {} \"{}\" is added", n.id, n.name));
  }
  for (const auto& o : old.tasks)
    if (!find(now.tasks, o.id))
      out.add(C::Breaking, "task-removed", fmt::format("task {}", o.id), o.loc, {},
              fmt::format("task {} \"{}\" is removed; its state in running instances is dropped",
                          o.id, o.name));
}

void diff_roles(const Playbook& old, const Playbook& now, Out& out) {
  for (const auto& n : now.roles) {
    const Role* o = find(old.roles, n.id);
    if (!o) {
      out.add(C::Compatible, "role-added", "role " + n.id, {}, n.loc,
              fmt::format("role {} \"{}\" is added", n.id, n.name));
    } else if (o->name != n.name) {
      auto& c =
          out.add(C::Cosmetic, "role-renamed", "role " + n.id, o->loc, n.loc,
                  fmt::format("role {} is now called \"{}\" (was \"{}\")", n.id, n.name, o->name));
      c.before = o->name;
      c.after = n.name;
    }
  }
  for (const auto& o : old.roles)
    if (!find(now.roles, o.id))
      out.add(C::Compatible, "role-removed", "role " + o.id, o.loc, {},
              fmt::format("role {} \"{}\" is removed", o.id, o.name));
}

// ---------------------------------------------------------------- events

namespace {

void event_paths(const Expr& e, std::set<std::string>& out) {
  if (e.kind == ExprKind::Path && e.text.starts_with("event."))
    out.insert(e.text.substr(6, e.text.find('.', 6) - 6));
  for (const auto& a : e.args) event_paths(a, out);
}

void required_in(const std::vector<Action>& actions, std::set<std::string>& out) {
  for (const auto& a : actions) {
    if (a.kind == ActionKind::Require && a.expr) event_paths(*a.expr, out);
    required_in(a.body, out);
  }
}

// The payload fields of `event` that a `require` or a rule of `pb` reads.
std::set<std::string> required_fields(const Playbook& pb, const std::string& event) {
  std::set<std::string> out;
  for (const Transition* t : all_transitions(pb))
    if (t->trigger == TriggerKind::Event && t->event == event) required_in(t->actions, out);
  for (const auto* rules : {&pb.rules, &pb.tenant.rules})
    for (const auto& r : *rules)
      if (r.on == RuleOn::Event && r.event == event) event_paths(r.condition, out);
  return out;
}

const Attribute* field(const std::vector<Attribute>& xs, const std::string& name) {
  for (const auto& a : xs)
    if (a.name == name) return &a;
  return nullptr;
}

void payload(const Playbook& old, const EventDecl& o, const Playbook& now, const EventDecl& n,
             Out& out) {
  std::string subject = "event " + n.id;
  auto req_o = required_fields(old, o.id), req_n = required_fields(now, n.id);
  for (const auto& f : n.payload) {
    const Attribute* of = field(o.payload, f.name);
    bool req = req_n.contains(f.name);
    if (!of)
      out.add(req ? C::Breaking : C::Compatible, "payload-field-added", subject, {}, f.loc,
              fmt::format("{} has a new payload field {}{}", subject, f.name,
                          req ? ", required: firing it without the field is refused" : ""));
    else if (!(of->type == f.type))
      out.add(C::Breaking, "payload-field-type", subject, of->loc, f.loc,
              fmt::format("{}: payload field {} is now {} (was {})", subject, f.name,
                          to_string(f.type.kind), to_string(of->type.kind)));
    else if (req && !req_o.contains(f.name))
      out.add(C::Breaking, "payload-field-required", subject, of->loc, f.loc,
              fmt::format("{}: payload field {} is now required: firing it without the field is "
                          "refused",
                          subject, f.name));
  }
  for (const auto& f : o.payload)
    if (!field(n.payload, f.name))
      out.add(C::Compatible, "payload-field-removed", subject, f.loc, {},
              fmt::format("{}: payload field {} is removed", subject, f.name));
}

}  // namespace

void diff_events(const Playbook& old, const Playbook& now, Out& out) {
  for (const auto& n : now.events) {
    const EventDecl* o = find(old.events, n.id);
    if (!o) {
      out.add(C::Compatible, "event-added", "event " + n.id, {}, n.loc,
              fmt::format("event {} is added", n.id));
      continue;
    }
    if (o->title != n.title)
      out.add(C::Cosmetic, "event-title", "event " + n.id, o->loc, n.loc,
              fmt::format("event {}: the title changed from \"{}\" to \"{}\"", n.id, o->title,
                          n.title));
    payload(old, *o, now, n, out);
  }
  for (const auto& o : old.events)
    if (!find(now.events, o.id))
      out.add(C::Breaking, "event-removed", "event " + o.id, o.loc, {},
              fmt::format("event {} is removed; whoever fires it is refused", o.id));
}

}  // namespace pb::diff
