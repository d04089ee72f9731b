// checker_fixture.hpp — builds small pb::Playbook models in C++ for the
// checker's unit tests (tests/test_checker*.cpp), and helpers to look for one
// finding. `base()` is a clean playbook: checking it reports nothing.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "interpreter/checker.hpp"

namespace fx {

using namespace pb;

inline Loc at(uint32_t line, uint32_t col = 1, const char* file = "t.playbook") {
  return Loc{std::make_shared<const std::string>(file), line, col};
}

inline Expr path(std::string p, uint32_t line = 90) {
  Expr e;
  e.kind = ExprKind::Path;
  e.text = std::move(p);
  e.loc = at(line);
  return e;
}
inline Expr str(std::string s, uint32_t line = 90) {
  Expr e;
  e.kind = ExprKind::String;
  e.text = std::move(s);
  e.loc = at(line);
  return e;
}
inline Expr num(int64_t v, uint32_t line = 90) {
  Expr e;
  e.kind = ExprKind::Int;
  e.ival = v;
  e.text = std::to_string(v);
  e.loc = at(line);
  return e;
}
inline Expr boolean(bool b) {
  Expr e;
  e.kind = ExprKind::Bool;
  e.bval = b;
  e.loc = at(90);
  return e;
}
inline Expr date(std::string d) {
  Expr e;
  e.kind = ExprKind::Date;
  e.text = std::move(d);
  e.loc = at(90);
  return e;
}
inline Expr op(std::string o, Expr a, Expr b) {
  Expr e;
  e.kind = ExprKind::Binary;
  e.text = std::move(o);
  e.loc = a.loc;
  e.args.reserve(2);  // no initializer list: it would deep-copy long chains
  e.args.push_back(std::move(a));
  e.args.push_back(std::move(b));
  return e;
}
inline Expr not_(Expr a) {
  Expr e;
  e.kind = ExprKind::Unary;
  e.text = "not";
  e.loc = a.loc;
  e.args.push_back(std::move(a));
  return e;
}
inline Expr call(std::string f, std::vector<Expr> args) {
  Expr e;
  e.kind = ExprKind::Call;
  e.text = std::move(f);
  e.loc = at(90);
  e.args = std::move(args);
  return e;
}

inline Transition on(std::string ev, std::string to, uint32_t line = 50) {
  Transition t;
  t.trigger = TriggerKind::Event;
  t.event = std::move(ev);
  t.target = std::move(to);
  t.loc = at(line);
  return t;
}
inline Transition after(int64_t n, std::string to, uint32_t line = 51) {
  Transition t;
  t.trigger = TriggerKind::After;
  t.amount = n;
  t.unit = DurationUnit::BusinessDays;
  t.target = std::move(to);
  t.loc = at(line);
  return t;
}
inline Transition when(Expr g, std::string to, uint32_t line = 52) {
  Transition t;
  t.trigger = TriggerKind::When;
  t.guard = std::move(g);
  t.target = std::move(to);
  t.loc = at(line);
  return t;
}
inline Transition otherwise(std::string to, uint32_t line = 53) {
  Transition t;
  t.trigger = TriggerKind::Otherwise;
  t.target = std::move(to);
  t.loc = at(line);
  return t;
}

inline Attribute attr(std::string name, TypeKind k, std::vector<std::string> values = {}) {
  Attribute a;
  a.name = std::move(name);
  a.type.kind = k;
  a.type.values = std::move(values);
  a.loc = at(5);
  return a;
}

inline Action set(std::string p, Expr v) {
  Action a;
  a.kind = ActionKind::Set;
  a.path = std::move(p);
  a.expr = std::move(v);
  a.loc = at(70);
  return a;
}
inline Action complete(int64_t task) {
  Action a;
  a.kind = ActionKind::Complete;
  a.task = task;
  a.loc = at(71);
  return a;
}
inline Action note(std::string text) {
  Action a;
  a.kind = ActionKind::Note;
  a.text = std::move(text);
  a.loc = at(72);
  return a;
}

// A clean playbook: email → (replied | 2 business days) → done.
inline Playbook base(std::string id = "engage", const char* file = "t.playbook") {
  Playbook p;
  p.id = std::move(id);
  p.loc = at(1, 1, file);
  p.note_prefix = "Re-engaged Customer";
  p.roles.push_back({at(2, 3, file), {}, "fm", "FastTrack Manager"});
  Task t;
  t.loc = at(3, 3, file);
  t.id = 3663;
  t.name = "Send Email Outreach #1";
  t.role = "fm";
  p.tasks.push_back(t);
  EventDecl ev;
  ev.loc = at(4, 3, file);
  ev.id = "replied";
  ev.payload.push_back(attr("until", TypeKind::Date));
  p.events.push_back(ev);
  p.tenant.attributes.push_back(attr("managed", TypeKind::Bool));
  p.tenant.attributes.push_back(attr("l1", TypeKind::Enum, {"In Progress", "Blocked"}));
  p.tenant.attributes.push_back(attr("next_date", TypeKind::Date));
  p.tenant.attributes.push_back(attr("priority", TypeKind::Int));
  p.start = "email";
  Step email;
  email.id = "email";
  email.loc = at(10, 3, file);
  email.role = "fm";
  email.tasks = {3663};
  email.transitions = {on("replied", "done"), after(2, "done")};
  Step done;
  done.id = "done";
  done.loc = at(20, 3, file);
  done.terminal = TerminalKind::End;
  done.terminal_arg = "finished";
  p.steps = {email, done};
  return p;
}

inline Diagnostics check(const Project& pr) {
  Diagnostics d;
  check_project(pr, d);
  d.sort();
  return d;
}

inline Diagnostics check(const Playbook& p) {
  Project pr;
  pr.playbooks.push_back(p);
  return check(pr);
}

inline std::vector<std::string> codes(const Diagnostics& d) {
  std::vector<std::string> out;
  for (const auto& x : d.items()) out.emplace_back(to_string(x.code));
  return out;
}

// The first diagnostic with `code`, or nullptr.
inline const Diagnostic* find(const Diagnostics& d, const std::string& code) {
  for (const auto& x : d.items())
    if (to_string(x.code) == code) return &x;
  return nullptr;
}

inline size_t count(const Diagnostics& d, const std::string& code) {
  auto c = codes(d);
  return static_cast<size_t>(std::count(c.begin(), c.end(), code));
}

inline std::string dump(const Diagnostics& d) {
  std::string s;
  for (const auto& x : d.items())
    s += x.loc.str() + ": " + std::string(to_string(x.code)) + ": " + x.message +
         (x.hint.empty() ? "" : " (" + x.hint + ")") + "\n";
  return s;
}

}  // namespace fx
