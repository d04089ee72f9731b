// evaluator_actions.cpp — reads through the overlay and the actions of
// docs/language.md (complete, reset, note, set, assign, unassign, send,
// require, each), collecting effects into the Ctx's Outcome. Every check that
// fails records a Refusal and stops (the caller discards the Outcome); rules
// on one change, and a run of `require`s, are all checked first so that the
// refusal lists each one that fails.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "model/diagnostics.hpp"
#include "evaluator_ctx.hpp"
#include "model/decimal.hpp"

namespace pb::detail {

bool Ctx::refuse_by(const Loc& rule, RefusalId code, std::string reason) {
  if (!refusal)
    refusal = Refusal{std::move(code), std::move(reason), false, rule};
  else
    refusal->also.push_back(Failure{std::move(code), std::move(reason), rule});
  return false;
}

// A failed `require`'s code: its own `code ID`, else `require`.
static RefusalId require_code(const Action& a) {
  return a.code.empty() ? RefusalId(RefusalCode::Require) : RefusalId::custom(a.code);
}

bool Ctx::refuse(RefusalId code, std::string reason, bool bad_input) {
  if (!refusal) refusal = Refusal{std::move(code), std::move(reason), bad_input, Loc{}};
  return false;
}

const Binding* Ctx::binding(std::string_view var) const {
  for (auto it = bindings.rbegin(); it != bindings.rend(); ++it)
    if (it->var == var) return &*it;
  return nullptr;
}

Program& Ctx::local_program() {
  if (!local) local = std::make_unique<Program>();
  return *local;
}

const PathRef& Ctx::path(const std::string& text, bool write) {
  if (const PathRef* p = cp.program.path_of(text)) return *p;
  Program& l = local_program();
  return l.path(l.add_path(write ? write_ref(cp, text) : read_ref(cp, text)));
}

const Value* Ctx::attr(std::string_view name) {
  auto base = tenant.attrs.find(name);
  const Value* v = base == tenant.attrs.end() ? nullptr : &base->second;
  bool field_writes = false;
  for (const auto& w : out.attrs) {
    if (w.attr != name) continue;
    if (w.key.empty())
      v = &w.value, field_writes = false;
    else
      field_writes = true;
  }
  if (!field_writes) return v;
  std::map<std::string, Value, std::less<>> merged;  // rare: fields written in this input
  if (base != tenant.attrs.end()) merged.emplace(base->first, base->second);
  for (const auto& w : out.attrs)
    if (w.attr == name) apply_write(merged, w);
  scratch.push_back(std::make_unique<Value>(merged.find(name)->second));
  return scratch.back().get();
}

bool Ctx::task_complete(int64_t task) const { return task_status(task) == TaskStatus::Complete; }

// Every rule is checked (they read the same state), so a refusal lists
// all that fail.
bool check_rules(Ctx& c, const std::vector<const Rule*>* rules) {
  if (!rules) return true;
  bool ok = true;
  for (const Rule* r : *rules)
    if (!truthy(eval(c, r->condition)))
      ok = c.refuse_by(
          r->loc, RefusalId::custom(r->id),
          r->message.empty() ? fmt::format("rule '{}' does not hold", r->id) : r->message);
  return ok;
}

static std::string task_label(const Ctx& c, int64_t id) {
  const Task* t = c.cp.pb.task(id);
  return t ? fmt::format("{} \"{}\"", id, t->name) : std::to_string(id);
}

bool complete_task(Ctx& c, int64_t task) {
  if (auto g = c.cp.groups_of_task.find(task); g != c.cp.groups_of_task.end())
    for (const TaskGroup* group : g->second)
      for (int64_t other : group->tasks)
        if (other != task && c.task_complete(other))
          return c.refuse(RefusalCode::ExactlyOne,
                          fmt::format("task {} cannot be completed: {} of \"{}\" is already "
                                      "complete, and only one of that group may be",
                                      task_label(c, task), task_label(c, other), group->title));
  if (auto r = c.cp.rules_on_complete.find(task); r != c.cp.rules_on_complete.end())
    if (!check_rules(c, &r->second)) return false;
  set_task(c, task, TaskStatus::Complete);
  return true;
}

bool add_note(Ctx& c, const NoteKind& kind, const std::string& text) {
  if (!has_note_kind(c.cp.pb, kind.id)) {
    auto kinds = note_kind_ids(c.cp.pb);
    std::string hint = did_you_mean(kind.id, kinds);
    return c.refuse(RefusalCode::UnknownNoteKind,
                    fmt::format("playbook '{}' has no note kind '{}' (it has {}){}", c.cp.pb.id,
                                kind.id, fmt::join(kinds, ", "), hint.empty() ? "" : "; " + hint),
                    true);
  }
  const std::string& prefix = c.cp.pb.note_prefix;
  if (!prefix.empty() && !text.starts_with(prefix))
    return c.refuse(
        RefusalCode::NotePrefix,
        fmt::format("a note under playbook '{}' must start with \"{}\"", c.cp.pb.id, prefix));
  c.out.notes.push_back(NoteEffect{kind, text});
  return true;
}

static bool check_set_rules(Ctx& c, const AttrWrite& w, const Value& old) {
  bool all = true;
  for (const SetRule& sr : c.cp.rules_on_set) {
    if (sr.attr != w.attr || sr.field != w.field) continue;
    const Value* saved = c.old_value;
    c.old_value = &old;
    const Attribute* a = c.cp.attribute(w.attr);
    if (!w.key.empty()) c.bindings.push_back(Binding{a->type.key, a, w.key, nullptr, nullptr});
    bool ok = truthy(eval(c, sr.rule->condition));
    if (!w.key.empty()) c.bindings.pop_back();
    c.old_value = saved;
    if (!ok) all = c.refuse_by(sr.rule->loc, RefusalId::custom(sr.rule->id), sr.rule->message);
  }
  return all;
}

static const Attribute* field_decl(const Attribute& records, std::string_view field) {
  for (const auto& f : records.type.fields)
    if (f.name == field) return &f;
  return nullptr;
}

bool write_attr(Ctx& c, AttrWrite w, const Loc&) {
  const Attribute* a = c.cp.attribute(w.attr);
  const Attribute* target = a;
  if (a && !w.key.empty())
    target = a->type.kind == TypeKind::Records ? field_decl(*a, w.field) : nullptr;
  std::string shown = w.key.empty() ? w.attr : fmt::format("{}.{}.{}", w.attr, w.key, w.field);
  if (!target)
    return c.refuse(RefusalCode::UnknownAttribute,
                    fmt::format("the tenant has no attribute '{}'", shown), true);
  if (target->type.kind == TypeKind::Decimal && w.value.kind == Value::Kind::Int)
    if (auto d = decimal_from_int(w.value.i)) w.value = Value::decimal(*d);  // an int widens
  if (!value_fits(target->type, w.value))
    return c.refuse(RefusalCode::BadValue,
                    fmt::format("'{}' is not a valid {} value for '{}'", to_text(w.value),
                                to_string(target->type.kind), shown),
                    true);
  Value old;
  const Value* cur = c.attr(w.attr);
  if (!w.key.empty() && cur && cur->records) {
    auto r = cur->records->find(w.key);
    if (r != cur->records->end())
      if (auto f = r->second.find(w.field); f != r->second.end()) old = f->second;
  } else if (w.key.empty() && cur) {
    old = *cur;
  }
  c.out.attrs.push_back(std::move(w));
  return check_set_rules(c, c.out.attrs.back(), old);
}

// tenant.ATTR | tenant.ATTR.KEY.FIELD | VAR.FIELD → an AttrWrite target.
static bool resolve_target(Ctx& c, const PathRef& p, AttrWrite& w) {
  switch (p.kind) {
    case PathKind::Attr: w.attr = p.name; return true;
    case PathKind::AttrField:
      w.attr = p.attr;
      w.key = p.key;
      w.field = p.field;
      return true;
    case PathKind::Var: {
      const Binding* b = c.binding(p.name);
      if (!b || b->contact) return false;
      w.attr = b->attr->name;
      w.key = b->key;
      w.field = p.field;
      return true;
    }
    default: return false;
  }
}

static bool do_set(Ctx& c, const Action& a) {
  AttrWrite w;
  if (!resolve_target(c, c.path(a.path, true), w))
    return c.refuse(RefusalCode::UnknownAttribute, fmt::format("cannot set '{}'", a.path), true);
  if (a.expr) w.value = to_value(eval(c, *a.expr));
  return write_attr(c, std::move(w), a.loc);
}

static bool do_each(Ctx& c, const Action& a) {
  const PathRef& p = c.path(a.path, false);
  const Attribute* attr = p.kind == PathKind::Attr ? p.decl : nullptr;
  if (!attr || (attr->type.kind != TypeKind::Records && attr->type.kind != TypeKind::Contacts))
    return c.refuse(RefusalCode::UnknownAttribute,
                    fmt::format("'{}' is not a records attribute", a.path));
  const Value* v = c.attr(attr->name);
  if (attr->type.kind == TypeKind::Contacts) {
    if (!v || !v->contacts) return true;
    auto keep = v->contacts;  // the list stays alive while the body runs
    for (const Contact& k : *keep) {
      c.bindings.push_back(Binding{a.var, attr, k.name, nullptr, &k});
      bool ok = holds(c, a.expr) ? run_actions(c, a.body) : true;
      c.bindings.pop_back();
      if (!ok) return false;
    }
    return true;
  }
  std::vector<std::string> keys;
  if (v && v->records)
    for (const auto& [key, fields] : *v->records) keys.push_back(key);
  for (const auto& key : keys) {
    c.bindings.push_back(Binding{a.var, attr, key, nullptr, nullptr});
    bool ok = holds(c, a.expr) ? run_actions(c, a.body) : true;
    c.bindings.pop_back();
    if (!ok) return false;
  }
  return true;
}

static bool do_require(Ctx& c, const Action& a) {
  if (holds(c, a.expr)) return true;
  if (c.failed()) return false;  // the condition itself could not run
  std::string message;
  render_text(c, a, message);
  return c.refuse_by(a.loc, require_code(a), message);
}

static bool run_action(Ctx& c, const Action& a) {
  switch (a.kind) {
    case ActionKind::Complete: return complete_task(c, a.task);
    case ActionKind::Reset: set_task(c, a.task, TaskStatus::NotStarted); return true;
    case ActionKind::Mark: return mark_task(c, a);
    case ActionKind::Note: {
      std::string text;
      return render_text(c, a, text) && add_note(c, a.note_kind, text);
    }
    case ActionKind::Set: return do_set(c, a);
    case ActionKind::Assign:
    case ActionKind::Unassign: {
      std::string name = c.in.actor;
      if (!a.me && !render_text(c, a, name)) return false;
      bool assign = a.kind == ActionKind::Assign;
      c.out.assignments.push_back(AssignChange{a.queue, name, assign && a.primary, assign});
      return true;
    }
    case ActionKind::Send: return send(c, a);
    case ActionKind::MarkContact: return mark_contact(c, a);
    case ActionKind::Require: return do_require(c, a);
    case ActionKind::ForEach: return do_each(c, a);
  }
  return true;
}

// A failed `require` also checks the `require`s right after it (they read
// the same state), so the refusal lists every one that fails.
static void more_requires(Ctx& c, const std::vector<Action>& actions, size_t after) {
  for (size_t i = after + 1; i < actions.size() && actions[i].kind == ActionKind::Require; ++i)
    if (!holds(c, actions[i].expr)) {
      std::string message;
      render_text(c, actions[i], message);
      c.refuse_by(actions[i].loc, require_code(actions[i]), message);
    }
}

bool run_actions(Ctx& c, const std::vector<Action>& actions) {
  for (size_t i = 0; i < actions.size(); ++i) {
    if (run_action(c, actions[i])) continue;
    if (actions[i].kind == ActionKind::Require) more_requires(c, actions, i);
    return false;
  }
  return true;
}

}  // namespace pb::detail
