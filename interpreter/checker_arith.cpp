// checker_arith.cpp — the types of arithmetic (PB040) and of the aggregate
// and presence calls, and constant arithmetic that cannot run (PB130).
//
//  * int op int is int (`/` truncates), int or decimal with a decimal is
//    decimal; date ± int is a date, int + date a date; text + text is text.
//  * A division whose divisor is the constant 0, or constant operands whose
//    result does not fit, is PB130: the run-time refusal `arithmetic`, found
//    before any tenant meets it.
//  * min/max(BODY for VAR in PATH [where COND]) have BODY's type (int,
//    decimal, date or text); sum's BODY is int or decimal.
#include <fmt/format.h>

#include "checker_internal.hpp"
#include "model/decimal.hpp"

namespace pb::check {

namespace {

constexpr TypeKind U = TypeKind::Unknown;

bool numeric(TypeKind k) { return k == TypeKind::Int || k == TypeKind::Decimal; }
bool textual(TypeKind k) { return k == TypeKind::String || k == TypeKind::Enum; }

Ty lit(TypeKind k, const Expr& e) { return {k, nullptr, {}, &e}; }

void type_error(PlaybookScope& s, const Loc& loc, std::string msg) {
  s.diags.error(loc, LintCode::ExprTypeError, std::move(msg));
}

std::string described(const Ty& t) { return fmt::format("{} ({})", what_of(t), type_name(t.kind)); }

// A constant number: a literal, or arithmetic on constants (depth-bounded).
struct Num {
  bool decimal = false;
  int64_t v = 0;  // int, or millionths
};

std::optional<Num> constant(const Expr& e, int depth = 0);

// `a op b` on constants; nullopt when it does not run (reported by the caller).
std::optional<Num> fold(const std::string& op, Num a, Num b) {
  if (!a.decimal && !b.decimal) {
    int64_t r = 0;
    if (op == "+")
      return __builtin_add_overflow(a.v, b.v, &r) ? std::nullopt : std::optional(Num{false, r});
    if (op == "-")
      return __builtin_sub_overflow(a.v, b.v, &r) ? std::nullopt : std::optional(Num{false, r});
    if (op == "*")
      return __builtin_mul_overflow(a.v, b.v, &r) ? std::nullopt : std::optional(Num{false, r});
    auto q = int_div(a.v, b.v);
    return q ? std::optional(Num{false, *q}) : std::nullopt;
  }
  auto x = a.decimal ? std::optional(a.v) : decimal_from_int(a.v);
  auto y = b.decimal ? std::optional(b.v) : decimal_from_int(b.v);
  if (!x || !y) return std::nullopt;
  int64_t r = 0;
  std::optional<int64_t> q;
  if (op == "+") q = __builtin_add_overflow(*x, *y, &r) ? std::nullopt : std::optional(r);
  if (op == "-") q = __builtin_sub_overflow(*x, *y, &r) ? std::nullopt : std::optional(r);
  if (op == "*") q = decimal_mul(*x, *y);
  if (op == "/") q = decimal_div(*x, *y);
  return q ? std::optional(Num{true, *q}) : std::nullopt;
}

std::optional<Num> constant(const Expr& e, int depth) {
  if (depth > 64) return std::nullopt;
  if (e.kind == ExprKind::Int) return Num{false, e.ival};
  if (e.kind == ExprKind::Decimal) return Num{true, e.ival};
  if (e.kind == ExprKind::Unary && e.text == "-" && e.args.size() == 1) {
    auto n = constant(e.args[0], depth + 1);
    if (!n || n->v == INT64_MIN) return std::nullopt;
    return Num{n->decimal, -n->v};
  }
  if (e.kind != ExprKind::Binary || e.args.size() != 2) return std::nullopt;
  const std::string& op = e.text;
  if (op != "+" && op != "-" && op != "*" && op != "/") return std::nullopt;
  auto a = constant(e.args[0], depth + 1), b = constant(e.args[1], depth + 1);
  if (!a || !b) return std::nullopt;
  return fold(op, *a, *b);
}

bool is_zero(const Expr& e) {
  auto n = constant(e);
  return n && n->v == 0;
}

// PB130 for `e` (an arithmetic node whose operands typed as numbers).
void check_constant(PlaybookScope& s, const Expr& e) {
  if (e.text == "/" && is_zero(e.args[1])) {
    s.diags.error(e.loc, LintCode::ConstantArithmetic,
                  fmt::format("`{}` divides by zero; every input that reaches it would be "
                              "refused (arithmetic)",
                              show(e)));
    return;
  }
  auto a = constant(e.args[0]), b = constant(e.args[1]);
  if (a && b && !fold(e.text, *a, *b))
    s.diags.error(e.loc, LintCode::ConstantArithmetic,
                  fmt::format("`{}` does not fit: ints hold ±9.2·10^18, decimals ±9.2·10^12 "
                              "with six places",
                              show(e)));
}

Ty plus_minus(PlaybookScope& s, const Expr& e, const Ty& a, const Ty& b) {
  const std::string& op = e.text;
  if (a.kind == TypeKind::Date && b.kind == TypeKind::Int) return lit(TypeKind::Date, e);
  if (op == "+" && a.kind == TypeKind::Int && b.kind == TypeKind::Date)
    return lit(TypeKind::Date, e);
  if (op == "+" && textual(a.kind) && textual(b.kind)) return lit(TypeKind::String, e);
  if (a.kind == TypeKind::Date && b.kind == TypeKind::Date)
    type_error(s, e.loc,
               fmt::format("cannot {} two dates ({} {} {}); to count the days until a "
                           "date use days_until(…)",
                           op == "+" ? "add" : "subtract", what_of(a), op, what_of(b)));
  else
    type_error(
        s, e.loc,
        fmt::format("'{}' works on numbers (int, decimal), date {} int (days){}, not on "
                    "{} and {}",
                    op, op, op == "+" ? " and text + text" : "", described(a), described(b)));
  return {};
}

}  // namespace

Ty arith_type(PlaybookScope& s, const Expr& e, const Ty& a, const Ty& b) {
  if (a.kind == U || b.kind == U) return {};
  if (numeric(a.kind) && numeric(b.kind)) {
    check_constant(s, e);
    bool dec = a.kind == TypeKind::Decimal || b.kind == TypeKind::Decimal;
    return lit(dec ? TypeKind::Decimal : TypeKind::Int, e);
  }
  if (e.text == "+" || e.text == "-") return plus_minus(s, e, a, b);
  type_error(s, e.loc,
             fmt::format("'{}' {} numbers (int, decimal), not {} and {}", e.text,
                         e.text == "*" ? "multiplies" : "divides", described(a), described(b)));
  return {};
}

Ty aggregate_type(PlaybookScope& s, const Env& env, const Expr& e) {
  const std::string& f = e.text;
  bool shaped = (e.args.size() == 3 || e.args.size() == 4) && e.args[0].kind == ExprKind::Path &&
                e.args[1].kind == ExprKind::Path;
  if (!shaped) {
    type_error(s, e.loc,
               fmt::format("{}(…) takes a value for each record: {}(w.esd for w in "
                           "tenant.workloads where w.sent_to_delivery)",
                           f, f));
    return {};
  }
  Ty coll = resolve_path(s, env, e.args[1].text, e.args[1].loc);
  if (coll.kind == U) return {};
  if (coll.kind != TypeKind::Records && coll.kind != TypeKind::Contacts) {
    type_error(s, e.args[1].loc,
               fmt::format("{}(…) ranges over records or contacts, but {} is {}", f, what_of(coll),
                           type_name(coll.kind)));
    return {};
  }
  Env inner = env;
  inner.vars.emplace_back(e.args[0].text, coll.type);
  if (e.args.size() == 4) check_guard(s, inner, e.args[3], Label("the condition of ", f, "(…)"));
  Ty body = type_of(s, inner, e.args[2]);
  bool ok = f == "sum" ? numeric(body.kind)
                       : numeric(body.kind) || body.kind == TypeKind::Date || textual(body.kind);
  if (body.kind != U && !ok)
    type_error(
        s, e.args[2].loc,
        fmt::format("{}(…) {}, but {} is {}", f,
                    f == "sum" ? "adds numbers (int, decimal)" : "compares numbers, dates or texts",
                    what_of(body), type_name(body.kind)));
  if (!ok) return {};
  return {body.kind == TypeKind::Enum ? TypeKind::String : body.kind, nullptr, {}, &e};
}

Ty is_set_type(PlaybookScope& s, const Env& env, const Expr& e) {
  if (e.args.size() != 1 || e.args[0].kind != ExprKind::Path) {
    type_error(s, e.loc, "is_set(…) takes one path, e.g. is_set(tenant.engagement_start_date)");
    return lit(TypeKind::Bool, e);
  }
  resolve_path(s, env, e.args[0].text, e.args[0].loc);
  return lit(TypeKind::Bool, e);
}

}  // namespace pb::check
