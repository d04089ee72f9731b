// checker_types.cpp — the type of every expression (PB040): guards are bool,
// comparisons compare like with like, `<`/`>` order ints and dates, date ± int
// shifts by days, function arguments have their documented types. String
// literals compared with an enum must be one of its values (PB035).
// Unknown types (already reported) never produce a second error.
#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "checker_internal.hpp"

namespace pb::check {

namespace {

constexpr TypeKind U = TypeKind::Unknown;

Ty lit(TypeKind k, const Expr& e) { return {k, nullptr, {}, &e}; }

void type_error(PlaybookScope& s, const Loc& loc, std::string msg) {
  s.diags.error(loc, LintCode::ExprTypeError, std::move(msg));
}

std::string described(const Ty& t) { return fmt::format("{} ({})", what_of(t), type_name(t.kind)); }

// `lit` is compared with, or assigned to, an enum: it must be one of its values.
void check_enum_value(PlaybookScope& s, const Ty& en, const Expr& lit) {
  if (en.kind != TypeKind::Enum || !en.type || lit.kind != ExprKind::String) return;
  const auto& vals = en.type->values;
  if (std::find(vals.begin(), vals.end(), lit.text) != vals.end()) return;
  std::vector<std::string> quoted;
  for (const auto& v : vals) quoted.push_back("\"" + v + "\"");
  s.diags.error(lit.loc, LintCode::UndefinedEnumValue,
                fmt::format("\"{}\" is not a value of {}; its values are {}", lit.text, what_of(en),
                            join(quoted, ", ")),
                did_you_mean(lit.text, vals));
}

bool comparable(TypeKind a, TypeKind b) {
  auto textual = [](TypeKind k) { return k == TypeKind::String || k == TypeKind::Enum; };
  auto num = [](TypeKind k) { return k == TypeKind::Int || k == TypeKind::Decimal; };
  if (a == U || b == U) return true;
  if (a == TypeKind::Records || a == TypeKind::Contacts) return false;
  return a == b || (textual(a) && textual(b)) || (num(a) && num(b));
}

// Checks `x == y` style operands; reports and returns false when they differ.
void compare(PlaybookScope& s, const Expr& whole, const Ty& a, const Expr& ea, const Ty& b,
             const Expr& eb) {
  check_enum_value(s, a, eb);
  check_enum_value(s, b, ea);
  if (!comparable(a.kind, b.kind))
    type_error(s, whole.loc, fmt::format("cannot compare {} with {}", described(a), described(b)));
}

Ty expect(PlaybookScope& s, const Env& env, const Expr& e, TypeKind want, const Label& role) {
  Ty t = type_of(s, env, e);
  if (t.kind != U && t.kind != want)
    type_error(s, e.loc,
               fmt::format("{} must be {}, but {} is {}", role.str(), type_name(want), what_of(t),
                           type_name(t.kind)));
  return t;
}

Ty binary(PlaybookScope& s, const Env& env, const Expr& e) {
  const std::string& op = e.text;
  const Expr& l = e.args[0];
  const Expr& r = e.args[1];
  if (op == "and" || op == "or") {  // a chain `a and b and …` is walked, not recursed
    std::vector<const Expr*> operands{&r};
    const Expr* left = &l;
    while (left->kind == ExprKind::Binary && left->text == op && left->args.size() == 2) {
      operands.push_back(&left->args[1]);
      left = &left->args[0];
    }
    operands.push_back(left);
    Label role = op == "and" ? "each side of 'and'" : "each side of 'or'";
    for (auto it = operands.rbegin(); it != operands.rend(); ++it)
      expect(s, env, **it, TypeKind::Bool, role);
    return lit(TypeKind::Bool, e);
  }
  Ty a = type_of(s, env, l), b = type_of(s, env, r);
  if (op == "==" || op == "!=") {
    compare(s, e, a, l, b, r);
    return lit(TypeKind::Bool, e);
  }
  if (op == "<" || op == "<=" || op == ">" || op == ">=") {
    auto num = [](TypeKind k) { return k == TypeKind::Int || k == TypeKind::Decimal; };
    auto orderable = [&](TypeKind k) { return num(k) || k == TypeKind::Date || k == U; };
    bool same = a.kind == U || b.kind == U || a.kind == b.kind || (num(a.kind) && num(b.kind));
    if (!orderable(a.kind) || !orderable(b.kind) || !same)
      type_error(s, e.loc,
                 fmt::format("'{}' orders two numbers or two dates, not {} and {}", op,
                             described(a), described(b)));
    return lit(TypeKind::Bool, e);
  }
  if (op == "starts_with") {
    for (const Ty* t : {&a, &b})
      if (t->kind != U && t->kind != TypeKind::String && t->kind != TypeKind::Enum)
        type_error(
            s, e.loc,
            fmt::format("starts_with needs strings, but {} is {}", t->what, type_name(t->kind)));
    return lit(TypeKind::Bool, e);
  }
  if (op == "+" || op == "-" || op == "*" || op == "/") return arith_type(s, e, a, b);
  type_error(s, e.loc, fmt::format("unknown operator '{}'", op));
  return {};
}

Ty in_list(PlaybookScope& s, const Env& env, const Expr& e) {
  Ty x = type_of(s, env, e.args[0]);
  for (size_t i = 1; i < e.args.size(); ++i) {
    Ty item = type_of(s, env, e.args[i]);
    compare(s, e.args[i], x, e.args[0], item, e.args[i]);
  }
  return lit(TypeKind::Bool, e);
}

// any(PATH where E), count(PATH where E): E sees the record as the type's key.
Ty over_records(PlaybookScope& s, const Env& env, const Expr& e, TypeKind result) {
  if (e.args.size() != 2 || e.args[0].kind != ExprKind::Path) {
    type_error(s, e.loc,
               fmt::format("{}(…) takes a records attribute and a condition: "
                           "{}(tenant.workloads where workload.l1 == \"In Progress\")",
                           e.text, e.text));
    return {};
  }
  Ty coll = resolve_path(s, env, e.args[0].text, e.args[0].loc);
  if (coll.kind == U) return lit(result, e);
  if (coll.kind != TypeKind::Records && coll.kind != TypeKind::Contacts) {
    type_error(s, e.args[0].loc,
               fmt::format("{}(…) ranges over records or contacts, but {} is {}", e.text,
                           what_of(coll), type_name(coll.kind)));
    return lit(result, e);
  }
  Env inner = env;
  std::string_view var = coll.type->key;  // not `?:` with a literal: that builds a temporary
  if (var.empty()) var = "record";
  inner.vars.emplace_back(var, coll.type);
  expect(s, inner, e.args[1], TypeKind::Bool, Label("the condition of ", e.text, "(…)"));
  return lit(result, e);
}

// outcome(PLAYBOOK): a string; PLAYBOOK must be one this playbook calls (PB124).
Ty outcome_call(PlaybookScope& s, const Expr& e) {
  bool named = e.args.size() == 1 &&
               (e.args[0].kind == ExprKind::Path || e.args[0].kind == ExprKind::String);
  if (!named) {
    type_error(s, e.loc, "outcome(…) takes one playbook id, e.g. outcome(grt-guidance)");
    return lit(TypeKind::String, e);
  }
  std::vector<std::string> callees;
  for (const auto& st : s.pb.steps)
    if (!st.call.empty() && std::find(callees.begin(), callees.end(), st.call) == callees.end())
      callees.push_back(st.call);
  const std::string& id = e.args[0].text;
  if (std::find(callees.begin(), callees.end(), id) == callees.end())
    s.diags.error(
        e.args[0].loc, LintCode::OutcomeNotCalled,
        fmt::format("outcome({}) reads the return of a playbook that playbook '{}' "
                    "does not call{}",
                    id, s.pb.id,
                    callees.empty() ? "" : fmt::format(" (it calls {})", fmt::join(callees, ", "))),
        did_you_mean(id, callees));
  return lit(TypeKind::String, e);
}

Ty call(PlaybookScope& s, const Env& env, const Expr& e) {
  const std::string& f = e.text;
  if (f == "days_until" || f == "business_days_until") {
    if (e.args.size() != 1) {
      type_error(s, e.loc, fmt::format("{}(…) takes one date", f));
      return lit(TypeKind::Int, e);
    }
    expect(s, env, e.args[0], TypeKind::Date, Label("the argument of ", f, "(…)"));
    return lit(TypeKind::Int, e);
  }
  if (f == "visits") {
    bool named = e.args.size() == 1 &&
                 (e.args[0].kind == ExprKind::Path || e.args[0].kind == ExprKind::String);
    if (!named) {
      type_error(s, e.loc, "visits(…) takes one step id, e.g. visits(phone)");
    } else if (const auto& id = e.args[0].text; !s.steps.contains(id)) {
      s.diags.error(
          e.args[0].loc, LintCode::UndefinedStep,
          fmt::format("visits({}) counts a step that playbook '{}' does not have", id, s.pb.id),
          did_you_mean(id, s.step_names()));
    }
    return lit(TypeKind::Int, e);
  }
  if (f == "task") {
    if (e.args.size() == 1 && e.args[0].kind == ExprKind::Int)
      s.ref_task(e.args[0].ival, e.args[0].loc);
    else
      type_error(s, e.loc, "task(…) takes one task id, e.g. task(3667)");
    return lit(TypeKind::Bool, e);
  }
  if (f == "task_state") {
    if (e.args.size() == 1 && e.args[0].kind == ExprKind::Int)
      s.ref_task(e.args[0].ival, e.args[0].loc);
    else
      type_error(s, e.loc, "task_state(…) takes one task id, e.g. task_state(3653)");
    return {TypeKind::Enum, &task_status_type(), {}, &e};
  }
  if (f == "outcome") return outcome_call(s, e);
  if (f == "min" || f == "max" || f == "sum") return aggregate_type(s, env, e);
  if (f == "is_set") return is_set_type(s, env, e);
  if (f == "any") return over_records(s, env, e, TypeKind::Bool);
  if (f == "count") return over_records(s, env, e, TypeKind::Int);
  type_error(s, e.loc, fmt::format("unknown function '{}'", f));
  return {};
}

}  // namespace

Ty type_of(PlaybookScope& s, const Env& env, const Expr& e) {
  struct Depth {
    int& d;
    explicit Depth(int& x) : d(++x) {}
    ~Depth() { --d; }
  } guard(s.depth);
  if (s.depth == 1) s.deep_reported = false;
  if (s.depth > kMaxExprDepth) {
    if (std::exchange(s.deep_reported, true)) return {};
    s.diags.error(e.loc, LintCode::TooDeepOrLarge,
                  fmt::format("expression nested more than {} levels deep; split it into steps "
                              "or rules",
                              kMaxExprDepth));
    return {};
  }
  switch (e.kind) {
    case ExprKind::Bool: return lit(TypeKind::Bool, e);
    case ExprKind::Int: return lit(TypeKind::Int, e);
    case ExprKind::Decimal: return lit(TypeKind::Decimal, e);
    case ExprKind::String: return lit(TypeKind::String, e);
    case ExprKind::Date: return lit(TypeKind::Date, e);
    case ExprKind::Path: return resolve_path(s, env, e.text, e.loc);
    case ExprKind::Call: return call(s, env, e);
    case ExprKind::Unary: {
      if (e.args.size() != 1) return {};
      if (e.text == "not") {
        expect(s, env, e.args[0], TypeKind::Bool, "the operand of 'not'");
        return lit(TypeKind::Bool, e);
      }
      Ty t = type_of(s, env, e.args[0]);
      if (t.kind == U || t.kind == TypeKind::Decimal) return lit(t.kind, e);
      if (t.kind != TypeKind::Int)
        type_error(s, e.args[0].loc,
                   fmt::format("the operand of unary '-' must be a number, but {} is {}",
                               what_of(t), type_name(t.kind)));
      return lit(TypeKind::Int, e);
    }
    case ExprKind::Binary:
      if (e.args.size() != 2) return {};
      return binary(s, env, e);
    case ExprKind::In:
      if (e.args.empty()) return {};
      return in_list(s, env, e);
  }
  return {};
}

void check_guard(PlaybookScope& s, const Env& env, const Expr& e, const Label& what) {
  Ty t = type_of(s, env, e);
  if (t.kind != U && t.kind != TypeKind::Bool)
    type_error(s, e.loc,
               fmt::format("{} must be a condition (bool), but {} is {}", what.str(), what_of(t),
                           type_name(t.kind)));
}

// Exposed for checker_actions.cpp through the same header name.
void check_enum_literal(PlaybookScope& s, const Ty& en, const Expr& lit) {
  check_enum_value(s, en, lit);
}

}  // namespace pb::check
