// checker_unset.cpp — guards that order a value which may be unset (PB042).
//
// An attribute, record field or event field that was never given makes
// `<`, `>`, `<=`, `>=` false (docs/language.md). Where a false guard silently
// sends the instance elsewhere — a decision branch, a timer, or an event or
// task transition with another transition on the same trigger after it — a
// tenant without the value is treated as if the comparison had failed
// ("never" reads as "not late"). Each such comparison is a warning unless the
// guard already establishes that the value is set: a conjunct to its left that
// can only hold when it is set (`tenant.x > 2000-01-01 and …`), a decision
// branch above of the form `not (…)` that tested it, `is_set(p)`, or the
// sentinel test itself (`> 2000-01-01`, `>= 0`: every real value passes). A `require` or a
// rule is not checked: there false refuses, which is the safe reading.
#include <fmt/format.h>

#include <algorithm>

#include "checker_internal.hpp"

namespace pb::check {

namespace {

bool numeric(TypeKind k) { return k == TypeKind::Int || k == TypeKind::Decimal; }

bool is_order(const std::string& op) { return op == "<" || op == ">" || op == "<=" || op == ">="; }

// The path whose value `e` is when that path is unset (days_until(p), p + 3).
// Deeper than kMaxExprDepth is PB006's business: no path.
const Expr* unset_source(const Expr& e, int depth = 0) {
  if (depth > kMaxExprDepth) return nullptr;
  switch (e.kind) {
    case ExprKind::Path: return &e;
    case ExprKind::Call:
      if ((e.text == "days_until" || e.text == "business_days_until") && e.args.size() == 1)
        return unset_source(e.args[0], depth + 1);
      return nullptr;
    case ExprKind::Binary:
      if ((e.text == "+" || e.text == "-" || e.text == "*" || e.text == "/") &&
          e.args.size() == 2) {
        if (const Expr* p = unset_source(e.args[0], depth + 1)) return p;
        return unset_source(e.args[1], depth + 1);
      }
      return nullptr;
    case ExprKind::Unary:
      return e.text == "-" && e.args.size() == 1 ? unset_source(e.args[0], depth + 1) : nullptr;
    default: return nullptr;
  }
}

bool literal(const Expr& e) {
  return e.kind == ExprKind::Int || e.kind == ExprKind::Date || e.kind == ExprKind::String ||
         e.kind == ExprKind::Bool;
}

// `p > 2000-01-01`, `p >= 0`, `p > -1` (or mirrored): every value p can
// really have passes, so it is the usual way to say "p is set".
bool sentinel_test(const Expr& e) {
  if (e.kind != ExprKind::Binary || e.args.size() != 2) return false;
  bool mirrored = e.text == "<" || e.text == "<=";
  if (!mirrored && e.text != ">" && e.text != ">=") return false;
  const Expr& p = e.args[mirrored ? 1 : 0];
  const Expr& v = e.args[mirrored ? 0 : 1];
  bool strict = e.text == ">" || e.text == "<";
  if (p.kind != ExprKind::Path) return false;
  if (v.kind == ExprKind::Date) return v.text <= "2000-01-01";
  return v.kind == ExprKind::Int && (strict ? v.ival < 0 : v.ival <= 0);
}

using Known = std::vector<std::string_view>;  // paths known to be set (views into the model)

// The operands of a chain of one operator (`a and b and c` → a, b, c), left
// to right, walked without recursion: a guard may be a 20,000-term chain.
std::vector<const Expr*> chain(const Expr& e, std::string_view op) {
  std::vector<const Expr*> out, todo{&e};
  while (!todo.empty()) {
    const Expr* x = todo.back();
    todo.pop_back();
    if (x->kind == ExprKind::Binary && x->text == op && x->args.size() == 2) {
      todo.push_back(&x->args[1]);
      todo.push_back(&x->args[0]);
    } else {
      out.push_back(x);
    }
  }
  return out;
}

// Paths that must be set when `e` holds: every operand of an `and`, and the
// path of a comparison with a literal that an unset value cannot satisfy.
void implied_set(const Expr& top, Known& out) {
  for (const Expr* e : chain(top, "and")) {
    if (e->kind == ExprKind::Call && e->text == "is_set" && e->args.size() == 1) {
      out.push_back(e->args[0].text);
      continue;
    }
    if (e->kind != ExprKind::Binary || e->args.size() != 2) continue;
    bool eq_nonempty =
        e->text == "==" && !(e->args[1].kind == ExprKind::String && e->args[1].text.empty());
    if (!is_order(e->text) && !eq_nonempty) continue;
    for (int i = 0; i < 2; ++i)
      if (const Expr* p = unset_source(e->args[i]); p && literal(e->args[1 - i]))
        out.push_back(p->text);
  }
}

const Attribute* field_of(const std::vector<Attribute>& fields, std::string_view name) {
  for (const auto& f : fields)
    if (f.name == name) return &f;
  return nullptr;
}

struct Walk {
  PlaybookScope& s;
  std::string_view where;            // "decision branch", "timer's guard", …
  const EventDecl* event = nullptr;  // the event of the transition, if any

  // The declared type of a path: tenant.X, a record variable's field, or a
  // field of the transition's event; Unknown when it does not resolve (PB034).
  TypeKind path_type(std::string_view path) const {
    auto dot = path.find('.');
    if (dot == std::string_view::npos) return TypeKind::Unknown;
    std::string_view root = path.substr(0, dot), rest = path.substr(dot + 1);
    if (root == "tenant") {
      auto it = s.attrs.find(rest);
      return it == s.attrs.end() ? TypeKind::Unknown : it->second->type.kind;
    }
    if (root == "event") {
      const Attribute* f = event ? field_of(event->payload, rest) : nullptr;
      return f ? f->type.kind : TypeKind::Unknown;
    }
    for (const auto& [name, a] : s.attrs)
      if (a->type.kind == TypeKind::Records && a->type.key == root)
        if (const Attribute* f = field_of(a->type.fields, rest)) return f->type.kind;
    return TypeKind::Unknown;
  }

  // Int or Date when `e` is well typed as one (else PB040 has its say).
  TypeKind type(const Expr& e, int depth = 0) const {
    if (depth > kMaxExprDepth) return TypeKind::Unknown;
    auto sub = [&](const Expr& x) { return type(x, depth + 1); };
    switch (e.kind) {
      case ExprKind::Int: return TypeKind::Int;
      case ExprKind::Decimal: return TypeKind::Decimal;
      case ExprKind::Date: return TypeKind::Date;
      case ExprKind::Path: return path_type(e.text);
      case ExprKind::Call:
        if (e.text == "days_until" || e.text == "business_days_until")
          return e.args.size() == 1 && sub(e.args[0]) == TypeKind::Date ? TypeKind::Int
                                                                        : TypeKind::Unknown;
        if (e.text == "outcome") return TypeKind::String;
        return e.text == "count" || e.text == "visits" ? TypeKind::Int : TypeKind::Unknown;
      case ExprKind::Unary:
        return e.text == "-" && !e.args.empty() ? sub(e.args[0]) : TypeKind::Unknown;
      case ExprKind::Binary:
        if (e.args.size() != 2) return TypeKind::Unknown;
        if ((e.text == "+" || e.text == "-") && sub(e.args[1]) == TypeKind::Int)
          return sub(e.args[0]);
        if (e.text == "+" || e.text == "-" || e.text == "*" || e.text == "/") {
          TypeKind a = sub(e.args[0]), b = sub(e.args[1]);
          if (!numeric(a) || !numeric(b)) return TypeKind::Unknown;
          return a == TypeKind::Decimal || b == TypeKind::Decimal ? TypeKind::Decimal
                                                                  : TypeKind::Int;
        }
        return TypeKind::Unknown;
      default: return TypeKind::Unknown;
    }
  }

  void order(const Expr& e, const Known& known) {
    if (sentinel_test(e)) return;
    TypeKind t = type(e.args[0]);
    TypeKind u = type(e.args[1]);
    if (!(numeric(t) && numeric(u)) && (t != TypeKind::Date || u != t)) return;
    for (const Expr& side : e.args) {
      const Expr* p = unset_source(side);
      if (!p || std::find(known.begin(), known.end(), p->text) != known.end()) continue;
      s.diags.warning(
          e.loc, LintCode::UnsetOrdering,
          fmt::format("{} may be unset, and then `{}` is false: in this {} {} without it is "
                      "treated as if the comparison failed; test that it is set first "
                      "(`is_set({}) and …`) or say what unset means",
                      p->text, show(e), where,
                      p->text.starts_with("event.") ? "an event" : "a tenant", p->text));
      return;  // one finding per comparison
    }
  }

  // `and`: each operand is read knowing what the ones before it imply;
  // `or`: each operand after a `not X` knows X's. Chains of either are
  // walked flat; other nesting stops at kMaxExprDepth (PB006).
  void expr(const Expr& e, Known known, int depth = 0) {
    if (depth > kMaxExprDepth) return;
    if (e.kind == ExprKind::Binary && e.args.size() == 2 && (e.text == "and" || e.text == "or")) {
      bool is_and = e.text == "and";
      for (const Expr* x : chain(e, e.text)) {
        expr(*x, known, depth + 1);
        if (is_and)
          implied_set(*x, known);
        else if (x->kind == ExprKind::Unary && x->text == "not" && !x->args.empty())
          implied_set(x->args[0], known);
      }
      return;
    }
    if (e.kind == ExprKind::Binary && e.args.size() == 2 && is_order(e.text)) order(e, known);
    for (const Expr& a : e.args) expr(a, known, depth + 1);
  }
};

// A false guard here falls through silently (instead of refusing the input).
const char* silent_fallthrough(const Step& st, size_t i) {
  const Transition& t = st.transitions[i];
  switch (t.trigger) {
    case TriggerKind::When: return "decision branch";
    case TriggerKind::Join: return "join's guard";
    case TriggerKind::After:
    case TriggerKind::At: return "timer's guard";
    case TriggerKind::Remind: return "reminder's guard";
    case TriggerKind::Event:
    case TriggerKind::Task:
      for (size_t j = i + 1; j < st.transitions.size(); ++j) {
        const Transition& o = st.transitions[j];
        if (o.trigger == t.trigger && o.event == t.event && o.task == t.task)
          return "transition (a later one takes the same trigger)";
      }
      return nullptr;
    case TriggerKind::Otherwise:
    case TriggerKind::Return: return nullptr;
  }
  return nullptr;
}

}  // namespace

void check_unset_ordering(PlaybookScope& s) {
  for (const auto& st : s.pb.steps) {
    Known before;  // a decision branch is tried only when the ones above it failed
    for (size_t i = 0; i < st.transitions.size(); ++i) {
      const Transition& t = st.transitions[i];
      const char* where = t.guard ? silent_fallthrough(st, i) : nullptr;
      if (!where) continue;
      bool branch = t.trigger == TriggerKind::When;
      const EventDecl* ev = nullptr;
      if (t.trigger == TriggerKind::Event)
        if (auto it = s.events.find(t.event); it != s.events.end()) ev = it->second;
      Walk{s, where, ev}.expr(*t.guard, branch ? before : Known{});
      const Expr& g = *t.guard;
      if (branch && g.kind == ExprKind::Unary && g.text == "not" && !g.args.empty())
        implied_set(g.args[0], before);
    }
  }
}

}  // namespace pb::check
