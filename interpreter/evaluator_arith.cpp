// evaluator_arith.cpp — the arithmetic of expressions (docs/language.md,
// "Arithmetic"): + - * / on ints and decimals, date ± int, date - date,
// string + string, and unary minus.
//
// Contract:
//  * int op int stays int (`/` truncates toward zero); an operand that is a
//    decimal makes the result a decimal (six places, rounded half away from
//    zero: model/decimal.hpp).
//  * An unset operand gives unset, as everywhere in expressions.
//  * Division by zero and overflow refuse the input (refusal `arithmetic`,
//    naming where) instead of yielding a wrong number; the result is unset.
#include <fmt/format.h>

#include "evaluator_ctx.hpp"
#include "model/decimal.hpp"

namespace pb::detail {

using K = Value::Kind;

namespace {

EV number(K kind, int64_t i) {
  EV r;
  r.kind = kind;
  r.i = i;
  return r;
}

const char* spelling(Op op) {
  switch (op) {
    case Op::Add: return "+";
    case Op::Sub: return "-";
    case Op::Mul: return "*";
    default: return "/";
  }
}

EV fail(Ctx& c, const Node& n, const EV& a, const EV& b, bool by_zero) {
  std::string where = n.src ? n.src->loc.str() : std::string("?");
  auto show = [](const EV& v) {
    return v.kind == K::Decimal ? format_decimal(v.i) : std::to_string(v.i);
  };
  c.refuse(RefusalCode::Arithmetic,
           by_zero ? fmt::format("division by zero at {} ({} / 0)", where, show(a))
                   : fmt::format("the result of {} {} {} at {} does not fit", show(a),
                                 spelling(n.op), show(b), where));
  return EV{};
}

// Both ints: int arithmetic with overflow checks.
EV ints(Ctx& c, const Node& n, const EV& a, const EV& b) {
  int64_t r = 0;
  bool overflow = false;
  switch (n.op) {
    case Op::Add: overflow = __builtin_add_overflow(a.i, b.i, &r); break;
    case Op::Sub: overflow = __builtin_sub_overflow(a.i, b.i, &r); break;
    case Op::Mul: overflow = __builtin_mul_overflow(a.i, b.i, &r); break;
    default: {
      auto q = int_div(a.i, b.i);
      if (!q) return fail(c, n, a, b, b.i == 0);
      r = *q;
    }
  }
  if (overflow) return fail(c, n, a, b, false);
  return number(K::Int, r);
}

// At least one decimal, the other an int or a decimal.
EV decimals(Ctx& c, const Node& n, const EV& a, const EV& b) {
  auto x = a.kind == K::Decimal ? std::optional<int64_t>(a.i) : decimal_from_int(a.i);
  auto y = b.kind == K::Decimal ? std::optional<int64_t>(b.i) : decimal_from_int(b.i);
  if (!x || !y) return fail(c, n, a, b, false);
  int64_t r = 0;
  std::optional<int64_t> q;
  switch (n.op) {
    case Op::Add: q = __builtin_add_overflow(*x, *y, &r) ? std::nullopt : std::optional(r); break;
    case Op::Sub: q = __builtin_sub_overflow(*x, *y, &r) ? std::nullopt : std::optional(r); break;
    case Op::Mul: q = decimal_mul(*x, *y); break;
    default:
      if (*y == 0) return fail(c, n, a, b, true);
      q = decimal_div(*x, *y);
  }
  if (!q) return fail(c, n, a, b, false);
  return number(K::Decimal, *q);
}

// date ± int (days), int + date, date - date (days between).
EV dates(Ctx& c, const Node& n, const EV& a, const EV& b) {
  bool plus = n.op == Op::Add;
  bool ok = (a.kind == K::Date && b.kind == K::Int && (plus || n.op == Op::Sub)) ||
            (plus && a.kind == K::Int && b.kind == K::Date) ||
            (n.op == Op::Sub && a.kind == K::Date && b.kind == K::Date);
  if (!ok) return EV{};
  int64_t r = 0;
  if (plus ? __builtin_add_overflow(a.i, b.i, &r) : __builtin_sub_overflow(a.i, b.i, &r))
    return fail(c, n, a, b, false);
  return number(a.kind == K::Date && b.kind == K::Date ? K::Int : K::Date, r);
}

// string + string: the text is kept alive by the context.
EV concat(Ctx& c, const EV& a, const EV& b) {
  std::string joined;
  joined.reserve(a.s.size() + b.s.size());
  joined.append(a.s).append(b.s);
  c.scratch.push_back(std::make_unique<Value>(Value::string(std::move(joined))));
  return EV{K::String, 0, c.scratch.back()->s, nullptr};
}

bool numeric(K k) { return k == K::Int || k == K::Decimal; }

}  // namespace

EV arith(Ctx& c, const Node& n, const EV& a, const EV& b) {
  if (a.kind == K::Unset || b.kind == K::Unset) return EV{};
  if (a.kind == K::Int && b.kind == K::Int) return ints(c, n, a, b);
  if (numeric(a.kind) && numeric(b.kind)) return decimals(c, n, a, b);
  if (a.kind == K::Date || b.kind == K::Date) return dates(c, n, a, b);
  if (n.op == Op::Add && a.kind == K::String && b.kind == K::String) return concat(c, a, b);
  return EV{};
}

EV negate(const EV& a) {
  if (!numeric(a.kind) || a.i == INT64_MIN) return EV{};
  return number(a.kind, -a.i);
}

}  // namespace pb::detail
