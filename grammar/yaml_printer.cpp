// yaml_printer.cpp — print_yaml (frontend.hpp): the model as the canonical
// YAML form of docs/language.md, keys in the order of yaml_keys.hpp.
//
// Contract: parse_yaml_playbook(print_yaml(m)) == m, comments included, and
// print_yaml(parse_yaml_playbook(print_yaml(m))) == print_yaml(m). Empty
// optional values are left out; expressions are printed with print_expr.
#include <fmt/format.h>

#include <algorithm>

#include "describe.hpp"
#include "frontend.hpp"
#include "print_util.hpp"
#include "yaml_emit.hpp"

namespace pb {

namespace {

using yaml::Y;

Y S(const std::string& s) { return Y::str(s); }
Y N(int64_t v) { return Y::raw(std::to_string(v)); }
Y B(bool v) { return Y::raw(v ? "true" : "false"); }
Y E(const Expr& e) {
  Y y = Y::str(print_expr(e));
  y.doc = std::make_shared<const grammar::layout::Doc>(grammar::expr_doc(e));
  return y;
}
Y list(const std::vector<std::string>& v) {
  Y y = Y::seq();
  for (const auto& s : v) y.push(S(s));
  return y;
}
Y list(const std::vector<int64_t>& v) {
  Y y = Y::seq();
  for (auto n : v) y.push(N(n));
  return y;
}
void opt(Y& m, const char* key, const std::string& v) {
  if (!v.empty()) m.add(key, S(v));
}
Y with(Y y, const Comments& c) {
  y.comments = c.lines;
  return y;
}

Y attributes(const std::vector<Attribute>& attrs);

Y type_spec(const Attribute& a) {
  Y y = Y::map();
  y.add("type", Y::raw(to_string(a.type.kind)));
  opt(y, "title", a.title);
  if (a.type.kind == TypeKind::Enum) y.add("values", list(a.type.values));
  if (a.type.kind == TypeKind::Records) {
    y.add("key", S(a.type.key));
    y.add("fields", attributes(a.type.fields));
  }
  if (a.calendar) y.add("calendar", B(true));
  return y;
}

// Attribute maps (tenant, payload, fields) list one attribute per line.
Y attributes(const std::vector<Attribute>& attrs) {
  Y y = Y::map();
  y.block = true;
  for (const auto& a : attrs) y.add(a.name, with(type_spec(a), a.comments));
  return y;
}

Y rule(const Rule& r) {
  Y y = Y::map(), on = Y::map();
  y.add("id", S(r.id));
  y.add("message", S(r.message));
  if (r.on == RuleOn::Complete)
    on.add("complete", N(r.task));
  else if (r.on == RuleOn::Set)
    on.add("set", S(r.path));
  else
    on.add("event", S(r.event));
  y.add("on", std::move(on));
  y.add("require", E(r.condition));
  return with(y, r.comments);
}

Y actions(const std::vector<Action>& as);

// `set` prints `value:` for a literal the YAML scalar spells exactly.
Y set_body(const Action& a) {
  Y y = Y::map();
  y.add("path", S(a.path));
  if (!a.expr) return y;
  const Expr& e = *a.expr;
  if (e.parenthesized)
    y.add("expr", E(e));
  else if (e.kind == ExprKind::Bool)
    y.add("value", B(e.bval));
  else if (e.kind == ExprKind::Int && e.spelling.empty())
    y.add("value", N(e.ival));
  else if (e.kind == ExprKind::Date)
    y.add("value", Y::raw(e.text));
  else if (e.kind == ExprKind::String)
    y.add("value", S(e.text));
  else
    y.add("expr", E(e));
  return y;
}

Y action_body(const Action& a) {
  Y y = Y::map();
  switch (a.kind) {
    case ActionKind::Complete:
    case ActionKind::Reset: return N(a.task);
    case ActionKind::Mark: y.add("task", N(a.task)), y.add("state", Y::raw(a.text)); break;
    case ActionKind::Note:
      y.add("kind", Y::raw(to_string(a.note_kind))), y.add("text", S(a.text));
      break;
    case ActionKind::Set: return set_body(a);
    case ActionKind::Assign:
      y.add("queue", Y::raw(to_string(a.queue)));
      a.me ? (void)y.add("me", B(true)) : (void)y.add("name", S(a.text));
      if (a.primary) y.add("primary", B(true));
      break;
    case ActionKind::Unassign:
      y.add("queue", Y::raw(to_string(a.queue)));
      a.me ? (void)y.add("me", B(true)) : (void)y.add("name", S(a.text));
      break;
    case ActionKind::Send:
      y.add("template", S(a.text));
      if (a.expr) y.add(a.to_contacts ? "to_contacts" : "to", E(*a.expr));
      if (a.cc) y.add("cc_contacts", E(*a.cc));
      break;
    case ActionKind::MarkContact:
      if (a.expr) y.add("contact", E(*a.expr));
      y.add("flag", Y::raw(a.text));
      break;
    case ActionKind::Require:
      if (a.expr) y.add("expr", E(*a.expr));
      y.add("message", S(a.text));
      opt(y, "code", a.code);
      break;
    case ActionKind::ForEach:
      y.add("var", S(a.var));
      y.add("in", S(a.path));
      if (a.expr) y.add("where", E(*a.expr));
      y.add("do", actions(a.body));
      break;
  }
  return y;
}

Y actions(const std::vector<Action>& as) {
  static const char* names[] = {"complete", "reset", "mark",    "note", "set",         "assign",
                                "unassign", "send",  "require", "each", "mark_contact"};
  Y y = Y::seq();
  for (const auto& a : as) {
    Y item = Y::map();
    item.block = true;
    item.add(names[static_cast<int>(a.kind)], action_body(a));
    y.push(with(std::move(item), a.comments));
  }
  return y;
}

// `after: {PATH: {KEY: N UNIT, …, else: N UNIT}}` (yaml_wait.cpp reads it).
Y wait_after(const Transition& t) {
  Y cases = Y::map();
  for (const auto& w : t.wait_cases)
    cases.add(w.key.empty() ? "else" : w.key, S(duration_words(w.amount, w.unit)));
  Y by = Y::map();
  by.add(t.wait_by, std::move(cases));
  return by;
}

Y transition(const Transition& t) {
  Y y = Y::map();
  switch (t.trigger) {
    case TriggerKind::Event: y.add("event", S(t.event)); break;
    case TriggerKind::Task: y.add("task", N(t.task)); break;
    case TriggerKind::After:
      y.add("after", t.wait_by.empty() ? S(duration_words(t.amount, t.unit)) : wait_after(t));
      break;
    case TriggerKind::At: {
      int64_t n = t.amount < 0 ? -t.amount : t.amount;
      std::string off = t.amount == 0 ? ""
                                      : fmt::format(" {} {}", t.amount < 0 ? '-' : '+',
                                                    duration_words(n, DurationUnit::Days));
      y.add("at", S(t.at_path + off));
      break;
    }
    case TriggerKind::Remind:
      y.add("remind", S(t.role));
      y.add(t.every ? "every" : "after", S(duration_words(t.amount, t.unit)));
      break;
    case TriggerKind::Join: y.add("join", t.join.empty() ? S("all") : list(t.join)); break;
    case TriggerKind::When: break;
    case TriggerKind::Otherwise: y.add("otherwise", B(true)); break;
    case TriggerKind::Return: y.add("return", B(true)); break;
  }
  if (!t.since.empty()) y.add("since", S(t.since));
  if (t.trigger == TriggerKind::Remind) y.add("text", S(t.text));
  if (t.guard) y.add("when", E(*t.guard));
  if (!t.target.empty()) y.add("to", S(t.target));
  if (!t.actions.empty()) y.add("do", actions(t.actions));
  // Decision branches read like if/else: one key per line.
  y.block = t.trigger == TriggerKind::When || t.trigger == TriggerKind::Otherwise;
  return with(y, t.comments);
}

using Open = std::vector<const Step*>;  // the parallel steps being printed
Y step(const Playbook& p, const Step& s, Open& open);

// parallel: [{region, title, steps}, …]. A step being printed is not printed
// again inside itself (a model with repeated ids; see dsl_printer_step.cpp).
Y parallel(const Playbook& p, const Step& s, Open& open) {
  open.push_back(&s);
  Y regions = Y::seq();
  for (const auto& r : s.regions) {
    Y g = Y::map();
    g.add("region", S(r.id));
    opt(g, "title", r.title);
    Y steps = Y::seq();
    for (const auto& x : p.steps)
      if (x.parent == s.id && x.region == r.id &&
          std::find(open.begin(), open.end(), &x) == open.end())
        steps.push(step(p, x, open));
    g.add("steps", std::move(steps));
    g.trailing = r.trailing.lines;
    g.block = true;
    regions.push(with(std::move(g), r.comments));
  }
  open.pop_back();
  return regions;
}

Y step(const Playbook& p, const Step& s, Open& open) {
  Y y = Y::map();
  y.add("id", S(s.id));
  opt(y, "title", s.title);
  if (s.renamed_from.size() == 1)
    y.add("renamed_from", S(s.renamed_from[0]));
  else if (!s.renamed_from.empty())
    y.add("renamed_from", list(s.renamed_from));
  opt(y, "role", s.role);
  if (!s.services.empty()) y.add("services", list(s.services));
  opt(y, "instructions", s.instructions);
  if (!s.tasks.empty()) y.add("tasks", list(s.tasks));
  if (s.require_mandatory) y.add("require_mandatory_tasks", B(true));
  if (!s.enter.empty()) y.add("enter", actions(s.enter));
  opt(y, "call", s.call);
  if (!s.regions.empty()) y.add("parallel", parallel(p, s, open));
  if (!s.transitions.empty()) {
    Y ts = Y::seq();
    for (const auto& t : s.transitions) ts.push(transition(t));
    y.add("transitions", std::move(ts));
  }
  static const char* terms[] = {"", "end", "goto", "handoff", "done"};
  if (s.terminal == TerminalKind::Done)
    y.add("done", B(true));
  else if (s.terminal != TerminalKind::None)
    y.add(terms[static_cast<int>(s.terminal)], S(s.terminal_arg));
  y.trailing = s.trailing.lines;
  y.block = true;
  return with(y, s.comments);
}

}  // namespace

namespace {

template <class T, class Fn>
void items(Y& root, const char* key, const std::vector<T>& v, Fn fn) {
  if (v.empty()) return;
  Y y = Y::seq();
  for (const auto& x : v) y.push(with(fn(x), x.comments));
  root.add(key, std::move(y));
}

void catalog(Y& y, const Playbook& p) {
  items(y, "roles", p.roles, [](const Role& r) {
    Y m = Y::map();
    return m.add("id", S(r.id)), m.add("name", S(r.name)), m;
  });
  items(y, "note_kinds", p.note_kinds, [](const NoteKindDecl& k) {
    Y m = Y::map();
    return m.add("id", S(k.id)), m.add("name", S(k.name)), m;
  });
  items(y, "tasks", p.tasks, [](const Task& t) {
    Y m = Y::map();
    m.add("id", N(t.id)), m.add("name", S(t.name)), m.add("mandatory", B(t.mandatory));
    m.add("role", S(t.role));
    if (!t.services.empty()) m.add("services", list(t.services));
    return m;
  });
  items(y, "groups", p.groups, [](const TaskGroup& g) {
    Y m = Y::map();
    return m.add("id", S(g.id)), m.add("title", S(g.title)), m.add("exactly_one", list(g.tasks)), m;
  });
  items(y, "events", p.events, [](const EventDecl& e) {
    Y m = Y::map();
    m.add("id", S(e.id));
    opt(m, "title", e.title);
    if (!e.payload.empty()) m.add("payload", attributes(e.payload));
    return m;
  });
  items(y, "externals", p.externals, [](const External& e) {
    Y m = Y::map();
    return m.add("id", S(e.id)), m.add("title", S(e.title)), m;
  });
}

// scope: {records, service, where}
Y scope(const ServiceScope& sc) {
  Y y = Y::map();
  y.add("records", S(sc.records));
  opt(y, "service", sc.service);
  if (sc.where) y.add("where", E(*sc.where));
  return y;
}

}  // namespace

std::string print_yaml(const Playbook& p) {
  Y y = Y::map();
  y.comments = p.comments.lines;
  y.add("playbook", S(p.id));
  opt(y, "title", p.title);
  if (p.version != 0) y.add("version", N(p.version));
  opt(y, "phase", p.phase);
  if (!p.motions.empty()) y.add("motions", list(p.motions));
  opt(y, "owner", p.owner);
  opt(y, "note_prefix", p.note_prefix);
  opt(y, "calendar", p.calendar);
  if (p.scope) y.add("scope", scope(*p.scope));
  if (!p.next.empty()) y.add("next", list(p.next));
  catalog(y, p);
  if (!p.tenant.attributes.empty() || !p.tenant.comments.empty())
    y.add("tenant", with(attributes(p.tenant.attributes), p.tenant.comments));
  items(y, "extend", p.extends, [](const EnumExtension& x) {
    Y m = Y::map();
    return m.add("enum", S(x.path)), m.add("values", list(x.values)), m;
  });
  if (!p.rules.empty()) {
    Y rs = Y::seq();
    for (const auto& r : p.rules) rs.push(rule(r));
    y.add("rules", std::move(rs));
  }
  opt(y, "start", p.start);
  if (p.anywhere) {
    Y a = Y::map();
    if (!p.anywhere->except.empty()) a.add("except", list(p.anywhere->except));
    Y ts = Y::seq();
    for (const auto& t : p.anywhere->transitions) ts.push(transition(t));
    a.add("transitions", std::move(ts));
    y.add("anywhere", with(std::move(a), p.anywhere->comments));
  }
  if (!p.steps.empty()) {
    Y ss = Y::seq();
    Open open;
    for (const auto& s : p.steps)
      if (s.parent.empty()) ss.push(step(p, s, open));  // region steps: inside their parallel step
    y.add("steps", std::move(ss));
  }
  return yaml::emit(y, p.trailing.lines);
}

}  // namespace pb
