// yaml_steps.cpp — YAML readers for steps, transitions and actions
// (docs/language.md, "Steps", "Transitions", "Actions").
#include <fmt/format.h>

#include <algorithm>

#include "describe.hpp"
#include "yaml_internal.hpp"

namespace pb::yaml {

bool parse_unit(std::string_view u, DurationUnit& out) {
  if (u.size() > 1 && u.back() == 's') u.remove_suffix(1);
  if (u == "business day")
    out = DurationUnit::BusinessDays;
  else if (u == "business hour")
    out = DurationUnit::BusinessHours;
  else if (u == "month")
    out = DurationUnit::Months;
  else if (u == "day")
    out = DurationUnit::Days;
  else if (u == "week")
    out = DurationUnit::Weeks;
  else if (u == "hour")
    out = DurationUnit::Hours;
  else
    return false;
  return true;
}

// Splits "  12  rest" into 12 and "rest"; false without leading digits.
bool leading_int(std::string_view& s, int64_t& out) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  size_t n = 0;
  out = 0;
  while (n < s.size() && s[n] >= '0' && s[n] <= '9') {
    if (out > 100000000) return false;
    out = out * 10 + (s[n++] - '0');
  }
  s.remove_prefix(n);
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return n > 0;
}

namespace {

// The keys of `map` among `choices` that are present, in table order.
std::vector<Field> present(Reader& r, const Field& map, const std::vector<std::string>& choices) {
  std::vector<Field> out;
  for (const auto& k : choices)
    if (auto f = r.get(map, k)) out.push_back(*f);
  return out;
}

// At most one of `given`; PB012 on the second.
void at_most_one(Reader& r, const std::vector<Field>& given, const std::string& what) {
  if (given.size() > 1)
    r.diags.error(given[1].key_loc, LintCode::WrongType,
                  fmt::format("{} takes only one of these keys; both {} and {} given", what,
                              given[0].name, given[1].name));
}

void read_after(Reader& r, const Field& f, Transition& t) {
  if (f.node.IsMap()) return read_wait(r, f, t);
  std::string text;
  if (!r.str(f, text)) return;
  std::string_view s = text;
  if (!leading_int(s, t.amount) || !parse_unit(s, t.unit))
    r.invalid(f.loc, fmt::format("'after' must be \"INT UNIT\" with UNIT business days, business "
                                 "hours, days, weeks, hours or months; got '{}'",
                                 text));
}

void read_at(Reader& r, const Field& f, Transition& t) {
  std::string text;
  if (!r.str(f, text)) return;
  std::string_view s = text;
  size_t n = 0;
  while (n < s.size() && s[n] != ' ' && s[n] != '+' && s[n] != '-') ++n;
  t.at_path = std::string(s.substr(0, n));
  s.remove_prefix(n);
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  bool ok = is_path(t.at_path);
  if (ok && !s.empty()) {
    int sign = s.front() == '-' ? -1 : 1;
    s.remove_prefix(1);
    DurationUnit u{};
    ok = leading_int(s, t.amount) && parse_unit(s, u) && u == DurationUnit::Days;
    t.amount *= sign;
  }
  if (!ok)
    r.invalid(f.loc, fmt::format("'at' must be \"PATH\" or \"PATH + INT days\" or "
                                 "\"PATH - INT days\"; got '{}'",
                                 text));
}

// A key of checked mapping `f` that construct `what` does not know (PB010).
bool has_unknown_key(const Field& f, const std::string& what) {
  const auto& table = keys(what);
  if (!f.keys) return false;
  for (const auto& k : *f.keys)
    if (std::find(table.begin(), table.end(), k.name) == table.end()) return true;
  return false;
}

// `remind: ROLE` with `after` and `text`: a reminder (no `to`, no `do`).
bool read_remind(Reader& r, const Field& it, const Field& g, Transition& t) {
  t.trigger = TriggerKind::Remind;
  t.role_loc = g.loc;
  ident(r, g, t.role);
  auto after = r.get(it, "after"), every = r.get(it, "every");
  if (after && every)
    r.diags.error(every->key_loc, LintCode::WrongType,
                  "a reminder takes one of 'after' (once) and 'every' (repeated); both given");
  else if (after || every)
    read_after(r, after ? *after : *every, t), t.every = !after;
  else
    r.diags.error(g.key_loc, LintCode::MissingKey,
                  "a reminder needs 'after' (once) or 'every' (repeated) and a duration");
  read_key(r, it, "text", t.text, str, true);
  for (const char* k : {"event", "task", "at", "otherwise", "to", "do"})
    if (auto f = r.get(it, k))
      r.diags.error(f->key_loc, LintCode::WrongType,
                    fmt::format("a reminder ('remind') takes no '{}'", k));
  return true;
}

// join: all | [REGION, …]
void read_join(Reader& r, const Field& g, Transition& t) {
  if (g.node.IsScalar()) {
    std::string all;
    if (r.str(g, all) && all != "all")
      r.invalid(g.loc, fmt::format("'join' takes 'all' or a list of region ids; got '{}'", all));
    return;
  }
  t.join_locs.clear();
  r.str_list(g, t.join, &t.join_locs);
  for (const auto& id : t.join)
    if (!is_ident(id)) r.invalid(g.loc, fmt::format("'join' must hold region ids; got '{}'", id));
  if (t.join.empty()) r.invalid(g.loc, "'join' takes 'all' or a list of region ids; got []");
}

bool read_trigger(Reader& r, const Field& it, Transition& t) {
  if (auto g = r.get(it, "remind")) return read_remind(r, it, *g, t);
  auto given = present(r, it, {"event", "task", "after", "at", "otherwise", "join", "return"});
  at_most_one(r, given, "a transition");
  if (given.empty()) {
    if (r.get(it, "when")) return t.trigger = TriggerKind::When, true;
    if (has_unknown_key(it, "transition")) return false;  // PB010 said it, likely the trigger
    r.diags.error(it.loc, LintCode::MissingKey,
                  "transition needs a trigger: 'event', 'task', 'after', 'at', 'return', 'when', "
                  "'otherwise' or 'join'");
    return false;
  }
  const Field& g = given[0];
  if (g.name == "'event'")
    t.trigger = TriggerKind::Event, ident(r, g, t.event);
  else if (g.name == "'task'")
    t.trigger = TriggerKind::Task, r.integer(g, t.task);
  else if (g.name == "'after'")
    t.trigger = TriggerKind::After, read_after(r, g, t);
  else if (g.name == "'at'")
    t.trigger = TriggerKind::At, read_at(r, g, t);
  else if (g.name == "'join'")
    t.trigger = TriggerKind::Join, read_join(r, g, t);
  else if (g.name == "'return'") {
    t.trigger = TriggerKind::Return;
    bool yes = false;
    if (r.boolean(g, yes) && !yes) r.invalid(g.loc, "'return' can only be true");
  } else {
    t.trigger = TriggerKind::Otherwise;
    bool yes = false;
    if (r.boolean(g, yes) && !yes) r.invalid(g.loc, "'otherwise' can only be true");
    if (auto w = r.get(it, "when"))
      r.diags.error(w->key_loc, LintCode::WrongType, "an 'otherwise' branch takes no 'when'");
  }
  return true;
}

Transition read_transition(Reader& r, const Field& it) {
  Transition t;
  t.loc = it.loc;
  t.comments = r.comments(it);
  bool trig = read_trigger(r, it, t);
  if (auto w = r.get(it, "when"); w && trig && t.trigger != TriggerKind::Otherwise)
    t.guard = r.expr(*w);
  if (auto since = r.get(it, "since")) {
    t.since_loc = since->loc;
    ident(r, *since, t.since);
    if (trig && t.trigger != TriggerKind::After && t.trigger != TriggerKind::Remind)
      r.diags.error(since->key_loc, LintCode::WrongType,
                    "'since' anchors an 'after' or 'remind' timer only");
  }
  if (t.trigger == TriggerKind::Remind) return t;
  // `on` an event or a task may stay in the step: no `to`.
  bool stays = t.trigger == TriggerKind::Event || t.trigger == TriggerKind::Task ||
               t.trigger == TriggerKind::Return;
  read_key_at(r, it, "to", t.target, t.target_loc, ident, trig && !stays);
  if (auto d = r.get(it, "do")) t.actions = read_actions(r, *d, 1);
  if (auto x = r.get(it, "text"))
    r.diags.error(x->key_loc, LintCode::WrongType, "'text' belongs to a reminder ('remind')");
  return t;
}

}  // namespace

namespace {

// `enter` and `transitions` in file order, so comments go to the right node.
void read_step_nodes(Reader& r, const Field& it, Step& s) {
  auto e = r.get(it, "enter"), tr = r.get(it, "transitions");
  auto enter = [&] {
    if (e) s.enter = read_actions(r, *e, 1);
  };
  auto transitions = [&] {
    if (tr)
      for (auto& ti : items(r, *tr, "transition")) s.transitions.push_back(read_transition(r, ti));
  };
  if (e && tr && tr->key_loc.line < e->key_loc.line)
    transitions(), enter();
  else
    enter(), transitions();
}

void read_terminal(Reader& r, const Field& it, Step& s) {
  auto term = present(r, it, {"end", "goto", "handoff", "done"});
  at_most_one(r, term, "a step");
  if (term.empty()) return;
  const Field& g = term[0];
  s.terminal_loc = g.loc;
  if (g.name == "'done'") {
    bool yes = false;
    if (r.boolean(g, yes) && !yes) r.invalid(g.loc, "'done' can only be true");
    s.terminal = TerminalKind::Done;
  } else if (g.name == "'end'")
    s.terminal = TerminalKind::End, r.str(g, s.terminal_arg);
  else if (g.name == "'goto'")
    s.terminal = TerminalKind::Goto, slug(r, g, s.terminal_arg);
  else
    s.terminal = TerminalKind::Handoff, slug(r, g, s.terminal_arg);
}

// `call: ID`: the step calls playbook ID and waits for its return.
void read_call(Reader& r, const Field& it, Step& s) {
  if (auto c = r.get(it, "call")) {
    s.call_loc = c->loc;
    slug(r, *c, s.call);
  }
}

// `renamed_from: OLD` or `renamed_from: [OLD, …]`: the step's earlier ids.
void read_renamed_from(Reader& r, const Field& it, Step& s) {
  auto f = r.get(it, "renamed_from");
  if (!f) return;
  s.renamed_from_loc = f->key_loc;
  if (f->node.IsScalar()) {
    std::string id;
    if (r.str(*f, id)) s.renamed_from.push_back(std::move(id));
  } else {
    r.str_list(*f, s.renamed_from);
  }
  for (const auto& id : s.renamed_from)
    if (!is_ident(id))
      r.invalid(f->loc, fmt::format("'renamed_from' must hold step ids; got '{}'", id));
}

}  // namespace

void read_anywhere(Reader& r, const Field& f, std::optional<Anywhere>& out) {
  out.emplace();
  out->loc = f.key_loc;
  out->comments = r.comments(Field{f.name, f.node, f.key_loc, f.key_loc, nullptr});
  if (!r.mapping(f, keys("anywhere"))) return;
  if (auto e = r.get(f, "except")) {
    out->except_locs.clear();
    r.str_list(*e, out->except, &out->except_locs);
    for (const auto& id : out->except)
      if (!is_ident(id))
        r.invalid(e->loc, fmt::format("'except' must hold step ids; got '{}'", id));
  }
  if (auto tr = r.get(f, "transitions", true))
    for (auto& ti : items(r, *tr, "transition")) {
      Transition t = read_transition(r, ti);
      if (t.trigger != TriggerKind::Event && t.trigger != TriggerKind::Task)
        r.diags.error(ti.loc, LintCode::WrongType,
                      "`anywhere` takes `event` and `task` transitions only: a timer needs a "
                      "step to count from and a branch a step to decide in");
      out->transitions.push_back(std::move(t));
    }
}

namespace {

void read_steps_in(Reader& r, const Field& f, std::vector<Step>& out, const std::string& parent,
                   const std::string& region);

// parallel: [{region: ID, title: …, steps: [...]}, …]; the regions' steps go
// to `nested`, marked with their parallel step and region.
void read_parallel(Reader& r, const Field& f, Step& s, std::vector<Step>& nested) {
  s.parallel_loc = f.key_loc;
  for (const auto& it : items(r, f, "region")) {
    Region& g = s.regions.emplace_back();
    g.loc = it.loc;
    g.comments = r.comments(it);
    read_key(r, it, "region", g.id, ident, true);
    for (size_t i = 0; !g.id.empty() && i + 1 < s.regions.size(); ++i)
      if (s.regions[i].id == g.id) {
        r.diags.error(it.loc, LintCode::ParallelMisuse, repeated_region_message(s.id, g.id));
        break;
      }
    read_key(r, it, "title", g.title, str);
    if (auto st = r.get(it, "steps", true)) read_steps_in(r, *st, nested, s.id, g.id);
    g.trailing = r.trailing(it);
  }
}

void read_steps_in(Reader& r, const Field& f, std::vector<Step>& out, const std::string& parent,
                   const std::string& region) {
  for (const auto& it : items(r, f, "step")) {
    Step s;
    s.loc = it.loc;
    s.comments = r.comments(it);
    s.parent = parent;
    s.region = region;
    read_key(r, it, "id", s.id, ident, true);
    read_key(r, it, "title", s.title, str);
    read_renamed_from(r, it, s);
    read_key_at(r, it, "role", s.role, s.role_loc, ident);
    read_key(r, it, "services", s.services, str_list);
    read_key_at(r, it, "instructions", s.instructions, s.instructions_loc, str);
    if (auto tl = r.get(it, "tasks")) r.int_list(*tl, s.tasks, &s.task_locs);
    read_key_at(r, it, "require_mandatory_tasks", s.require_mandatory, s.require_mandatory_loc,
                boolean);
    std::vector<Step> nested;
    if (auto par = r.get(it, "parallel")) read_parallel(r, *par, s, nested);
    read_step_nodes(r, it, s);
    read_terminal(r, it, s);
    read_call(r, it, s);
    s.trailing = r.trailing(it);
    out.push_back(std::move(s));
    for (auto& n : nested) out.push_back(std::move(n));
  }
}

}  // namespace

void read_steps(Reader& r, const Field& f, std::vector<Step>& out) {
  read_steps_in(r, f, out, "", "");
}

}  // namespace pb::yaml
