// model_builders.hpp — terse C++ builders for playbook models in tests and
// benchmarks (used until/besides DSL text). Test-only; no checks.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/model.hpp"

namespace pbt {
using namespace pb;

inline Expr lit(int64_t v) {
  Expr e;
  e.kind = ExprKind::Int;
  e.ival = v;
  return e;
}
inline Expr lit(bool v) {
  Expr e;
  e.kind = ExprKind::Bool;
  e.bval = v;
  return e;
}
inline Expr str(std::string s) {
  Expr e;
  e.kind = ExprKind::String;
  e.text = std::move(s);
  return e;
}
inline Expr date(std::string s) {
  Expr e;
  e.kind = ExprKind::Date;
  e.text = std::move(s);
  return e;
}
inline Expr path(std::string s) {
  Expr e;
  e.kind = ExprKind::Path;
  e.text = std::move(s);
  return e;
}
inline Expr bin(std::string op, Expr a, Expr b) {
  Expr e;
  e.kind = ExprKind::Binary;
  e.text = std::move(op);
  e.args = {std::move(a), std::move(b)};
  return e;
}
inline Expr un(std::string op, Expr a) {
  Expr e;
  e.kind = ExprKind::Unary;
  e.text = std::move(op);
  e.args = {std::move(a)};
  return e;
}
inline Expr call(std::string f, std::vector<Expr> args) {
  Expr e;
  e.kind = ExprKind::Call;
  e.text = std::move(f);
  e.args = std::move(args);
  return e;
}
inline Expr in(Expr a, std::vector<Expr> items) {
  Expr e;
  e.kind = ExprKind::In;
  e.args = {std::move(a)};
  for (auto& i : items) e.args.push_back(std::move(i));
  return e;
}

inline Action complete(int64_t t) {
  Action a;
  a.kind = ActionKind::Complete;
  a.task = t;
  return a;
}
inline Action reset(int64_t t) {
  Action a;
  a.kind = ActionKind::Reset;
  a.task = t;
  return a;
}
inline Action note(std::string text, NoteKind k = NoteKind::OverallStatus) {
  Action a;
  a.kind = ActionKind::Note;
  a.text = std::move(text);
  a.note_kind = k;
  return a;
}
inline Action set(std::string p, Expr v) {
  Action a;
  a.kind = ActionKind::Set;
  a.path = std::move(p);
  a.expr = std::move(v);
  return a;
}
inline Action send(std::string tmpl, std::optional<Expr> to = std::nullopt) {
  Action a;
  a.kind = ActionKind::Send;
  a.text = std::move(tmpl);
  a.expr = std::move(to);
  return a;
}
inline Action require(Expr e, std::string msg, std::string code = "") {
  Action a;
  a.kind = ActionKind::Require;
  a.expr = std::move(e);
  a.text = std::move(msg);
  a.code = std::move(code);
  return a;
}
inline Action assign(QueueKind q, std::string name, bool primary = false) {
  Action a;
  a.kind = ActionKind::Assign;
  a.queue = q;
  a.text = std::move(name);
  a.primary = primary;
  return a;
}
inline Action unassign_me(QueueKind q) {
  Action a;
  a.kind = ActionKind::Unassign;
  a.queue = q;
  a.me = true;
  return a;
}
inline Action each(std::string var, std::string p, std::optional<Expr> where,
                   std::vector<Action> body) {
  Action a;
  a.kind = ActionKind::ForEach;
  a.var = std::move(var);
  a.path = std::move(p);
  a.expr = std::move(where);
  a.body = std::move(body);
  return a;
}

inline Transition on(std::string ev, std::string to, std::optional<Expr> guard = std::nullopt,
                     std::vector<Action> actions = {}) {
  Transition t;
  t.trigger = TriggerKind::Event;
  t.event = std::move(ev);
  t.target = std::move(to);
  t.guard = std::move(guard);
  t.actions = std::move(actions);
  return t;
}
inline Transition on_task(int64_t task, std::string to) {
  Transition t;
  t.trigger = TriggerKind::Task;
  t.task = task;
  t.target = std::move(to);
  return t;
}
inline Transition after(int64_t n, DurationUnit u, std::string to,
                        std::vector<Action> actions = {}) {
  Transition t;
  t.trigger = TriggerKind::After;
  t.amount = n;
  t.unit = u;
  t.target = std::move(to);
  t.actions = std::move(actions);
  return t;
}
inline Transition at(std::string p, int64_t off, std::string to) {
  Transition t;
  t.trigger = TriggerKind::At;
  t.at_path = std::move(p);
  t.amount = off;
  t.target = std::move(to);
  return t;
}
inline Transition when(Expr g, std::string to, std::vector<Action> actions = {}) {
  Transition t;
  t.trigger = TriggerKind::When;
  t.guard = std::move(g);
  t.target = std::move(to);
  t.actions = std::move(actions);
  return t;
}
inline Transition otherwise(std::string to) {
  Transition t;
  t.trigger = TriggerKind::Otherwise;
  t.target = std::move(to);
  return t;
}

inline Step step(std::string id, std::vector<Transition> ts, std::vector<Action> enter = {}) {
  Step s;
  s.id = std::move(id);
  s.title = s.id;
  s.transitions = std::move(ts);
  s.enter = std::move(enter);
  return s;
}
inline Step terminal(std::string id, TerminalKind k, std::string arg,
                     std::vector<Action> enter = {}) {
  Step s;
  s.id = std::move(id);
  s.terminal = k;
  s.terminal_arg = std::move(arg);
  s.enter = std::move(enter);
  return s;
}

inline Attribute attr(std::string name, TypeKind k, std::vector<std::string> values = {}) {
  Attribute a;
  a.name = std::move(name);
  a.type.kind = k;
  a.type.values = std::move(values);
  return a;
}
inline Attribute records(std::string name, std::string key, std::vector<Attribute> fields) {
  Attribute a;
  a.name = std::move(name);
  a.type.kind = TypeKind::Records;
  a.type.key = std::move(key);
  a.type.fields = std::move(fields);
  return a;
}
inline Task task(int64_t id, std::string name) {
  Task t;
  t.id = id;
  t.name = std::move(name);
  t.role = "fm";
  return t;
}
inline EventDecl event(std::string id, std::vector<Attribute> payload = {}) {
  EventDecl e;
  e.id = std::move(id);
  e.payload = std::move(payload);
  return e;
}
inline Rule rule(std::string id, RuleOn on, std::string target, Expr cond, std::string msg = "") {
  Rule r;
  r.id = std::move(id);
  r.on = on;
  r.condition = std::move(cond);
  r.message = msg.empty() ? r.id + " failed" : std::move(msg);
  if (on == RuleOn::Event)
    r.event = target;
  else if (on == RuleOn::Set)
    r.path = target;
  else
    r.task = std::stoll(target);
  return r;
}

}  // namespace pbt
