// yaml_actions.cpp — YAML readers for actions: each list item is a mapping
// with exactly one action key (docs/language.md, "Actions").
#include <fmt/format.h>

#include <chrono>

#include "yaml_internal.hpp"

namespace pb::yaml {

namespace {

template <class E>
bool choice(Reader& r, const Field& f, const std::vector<std::string>& names, E& out) {
  std::string s;
  if (!r.str(f, s)) return false;
  for (size_t i = 0; i < names.size(); ++i)
    if (names[i] == s) return out = static_cast<E>(i), true;
  std::string list;
  for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
  r.invalid(f.loc, fmt::format("{} must be one of {}; got '{}'", f.name, list, s),
            did_you_mean_keyword(s, names));
  return false;
}

const std::vector<std::string> kQueues = {"rm", "fm"};
bool valid_date(const std::string& s) {
  using namespace std::chrono;
  int y = std::stoi(s.substr(0, 4)), m = std::stoi(s.substr(5, 2)), d = std::stoi(s.substr(8, 2));
  return year_month_day{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}}
      .ok();
}

// `value:` of a set: a YAML scalar read as the literal it spells.
std::optional<Expr> literal(Reader& r, const Field& f) {
  std::string s;
  if (!r.str(f, s)) return std::nullopt;
  Expr e;
  e.loc = f.loc;
  e.text = s;
  switch (classify(f.node)) {
    case Plain::Bool: e.kind = ExprKind::Bool, e.text.clear(), r.boolean(f, e.bval); break;
    case Plain::Int:  // as parse_expression reads it: -N is a negative Int literal
      e.kind = ExprKind::Int, e.text.clear();
      if (!r.integer(f, e.ival)) return std::nullopt;
      break;
    case Plain::Date:
      e.kind = ExprKind::Date;
      if (!valid_date(s)) r.invalid(f.loc, fmt::format("{} is not a calendar date", s));
      break;
    default: e.kind = ExprKind::String;
  }
  return e;
}

void read_set(Reader& r, const Field& f, Action& a) {
  if (!r.mapping(f, keys("set"))) return;
  read_key(r, f, "path", a.path, path, true);
  auto v = r.get(f, "value"), x = r.get(f, "expr");
  if (v && x)
    r.diags.error(x->key_loc, LintCode::WrongType, "'set' takes 'value' or 'expr', not both");
  else if (!v && !x)
    r.diags.error(f.loc, LintCode::MissingKey, "'set' needs the key 'value' or 'expr'");
  if (v)
    a.expr = literal(r, *v);
  else if (x)
    a.expr = r.expr(*x);
}

// assign / unassign: a queue and `name` or `me: true` (the acting person).
void read_queue_action(Reader& r, const Field& f, Action& a, const char* what) {
  if (!r.mapping(f, keys(what))) return;
  if (auto q = r.get(f, "queue", true)) choice(r, *q, kQueues, a.queue);
  auto n = r.get(f, "name");
  read_key(r, f, "me", a.me, boolean);
  if (a.kind == ActionKind::Assign) read_key(r, f, "primary", a.primary, boolean);
  if (n && a.me)
    r.diags.error(n->key_loc, LintCode::WrongType,
                  fmt::format("'{}' takes 'name' or 'me', not both", what));
  else if (n)
    r.str(*n, a.text), a.text_loc = n->loc;
  else if (!a.me)
    r.diags.error(f.loc, LintCode::MissingKey,
                  fmt::format("'{}' needs the key 'name' or 'me: true'", what));
}

// send's recipients: `to: EXPR` (one contact) or `to_contacts: COND`, and
// `cc_contacts: COND`.
void read_send_to(Reader& r, const Field& f, Action& a) {
  auto to = r.get(f, "to");
  auto where = r.get(f, "to_contacts");
  if (to && where)
    r.diags.error(where->key_loc, LintCode::WrongType,
                  "'send' takes 'to' or 'to_contacts', not both");
  else if (to)
    a.expr = r.expr(*to);
  else if (where)
    a.expr = r.expr(*where), a.to_contacts = true;
  if (auto cc = r.get(f, "cc_contacts")) a.cc = r.expr(*cc);
}

void read_body(Reader& r, const Field& f, Action& a, int depth) {
  switch (a.kind) {
    case ActionKind::Complete:
    case ActionKind::Reset: r.integer(f, a.task); break;
    case ActionKind::Mark:
      if (!r.mapping(f, keys("mark"))) break;
      read_key(r, f, "task", a.task, integer, true);
      read_key(r, f, "state", a.text, ident, true);
      break;
    case ActionKind::Note:
      if (!r.mapping(f, keys("note"))) break;
      read_key(r, f, "kind", a.note_kind.id, ident, true);
      read_key_at(r, f, "text", a.text, a.text_loc, str, true);
      break;
    case ActionKind::Set: read_set(r, f, a); break;
    case ActionKind::Assign: read_queue_action(r, f, a, "assign"); break;
    case ActionKind::Unassign: read_queue_action(r, f, a, "unassign"); break;
    case ActionKind::Send:
      if (!r.mapping(f, keys("send"))) break;
      read_key_at(r, f, "template", a.text, a.text_loc, str, true);
      read_send_to(r, f, a);
      break;
    case ActionKind::MarkContact:
      if (!r.mapping(f, keys("mark_contact"))) break;
      if (auto c = r.get(f, "contact", true)) a.expr = r.expr(*c);
      if (auto k = r.get(f, "flag", true)) {
        r.str(*k, a.text);
        if (a.text != "unsubscribed" && a.text != "do_not_contact")
          r.invalid(k->loc,
                    fmt::format("'flag' must be unsubscribed or do_not_contact; got '{}'", a.text));
      }
      break;
    case ActionKind::Require:
      if (!r.mapping(f, keys("require"))) break;
      if (auto e = r.get(f, "expr", true)) a.expr = r.expr(*e);
      read_key_at(r, f, "message", a.text, a.text_loc, str, true);
      read_key(r, f, "code", a.code, ident);
      break;
    case ActionKind::ForEach:
      if (!r.mapping(f, keys("each"))) break;
      read_key(r, f, "var", a.var, ident, true);
      read_key(r, f, "in", a.path, path, true);
      if (auto w = r.get(f, "where")) a.expr = r.expr(*w);
      if (auto d = r.get(f, "do", true)) a.body = read_actions(r, *d, depth + 1);
      break;
  }
}

}  // namespace

std::vector<Action> read_actions(Reader& r, const Field& f, int depth) {
  std::vector<Action> out;
  if (!r.deeper(f, depth)) return out;
  for (auto& it : items(r, f, "action")) {
    auto it_begin = it.node.begin();
    if (it_begin == it.node.end()) {
      r.diags.error(it.loc, LintCode::MissingKey,
                    "action needs one of the keys 'complete', 'reset', 'mark', 'note', "
                    "'set', 'assign', 'unassign', 'send', 'require', 'each', 'mark_contact'");
      continue;
    }
    if (++it_begin != it.node.end())
      r.diags.error(r.loc(it_begin->first), LintCode::WrongType,
                    "an action is a mapping with one key; start a new '-' item for the next");
    Action a;
    a.loc = it.loc;
    a.comments = r.comments(it);
    auto key = it.node.begin()->first;
    const auto& kinds = action_kinds();
    auto pos = std::find(kinds.begin(), kinds.end(), key.IsScalar() ? key.Scalar() : "");
    if (pos == kinds.end()) continue;  // reported by mapping()
    a.kind = static_cast<ActionKind>(pos - kinds.begin());
    if (auto body = r.get(it, *pos)) read_body(r, *body, a, depth);
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace pb::yaml
