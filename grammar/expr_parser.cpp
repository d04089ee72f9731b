// expr_parser.cpp — building Expr nodes for the actions (ParseState's
// expression stack) and parse_expression(), the entry point for guards and
// values that stand alone (YAML scalars, command-line `--set`).
#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "dsl_errors.hpp"
#include "model/decimal.hpp"
#include "expr_actions.hpp"
#include "frontend.hpp"

namespace pb::grammar {

namespace {

bool valid_date(std::string_view d) {
  if (d.size() != 10) return false;
  auto num = [&](size_t at, size_t n) {
    int v = 0;
    for (size_t i = at; i < at + n; ++i) v = v * 10 + (d[i] - '0');
    return v;
  };
  std::chrono::year_month_day ymd{std::chrono::year{num(0, 4)},
                                  std::chrono::month{static_cast<unsigned>(num(5, 2))},
                                  std::chrono::day{static_cast<unsigned>(num(8, 2))}};
  return ymd.ok();
}

}  // namespace

Expr ParseState::pop() {
  uint32_t h = 0;
  return pop(h);
}

Expr ParseState::pop(uint32_t& height) {
  height = 0;
  if (stack.empty()) return Expr{};  // unreachable when the grammar is right
  Expr e = std::move(stack.back());
  stack.pop_back();
  if (!heights_.empty()) height = heights_.back(), heights_.pop_back();
  return e;
}

void ParseState::push(Expr e, uint32_t height, const char* at) {
  if (height > kMaxHeight)
    throw syntax_error(
        at,
        fmt::format("expression nested too deeply (more than {} levels of operators)", kMaxHeight),
        {}, LintCode::TooDeepOrLarge);
  stack.push_back(std::move(e));
  heights_.push_back(height);
}

void ParseState::clear_exprs() {
  stack.clear();
  heights_.clear();
  marks.clear();
}

void ParseState::push_literal(ExprKind k, Tok t) {
  Expr e;
  e.loc = loc(t.b);
  e.kind = k;
  if (k == ExprKind::Int) {
    e.ival = to_int(t);
  } else if (k == ExprKind::String) {
    e.text = unquote(t);
  } else {
    e.text = std::string(t.sv());
    if (!valid_date(e.text))
      error(t.b, LintCode::InvalidValue, fmt::format("{} is not a calendar date", e.text));
  }
  push(std::move(e), 1, t.b);
}

void ParseState::push_number(Tok t) {
  std::string_view text = t.sv();
  bool percent = text.ends_with('%');
  std::string_view digits = percent ? text.substr(0, text.size() - 1) : text;
  Expr e;
  e.loc = loc(t.b);
  if (!percent && digits.find('.') == std::string_view::npos) {
    std::string plain;
    for (char c : digits)
      if (c != '_') plain.push_back(c);
    e.kind = ExprKind::Int;
    e.ival = to_int(Tok{plain.data(), plain.data() + plain.size()}, t.b);
    if (plain.size() != digits.size()) e.spelling = std::string(digits);
    push(std::move(e), 1, t.b);
    return;
  }
  e.kind = ExprKind::Decimal;
  e.spelling = std::string(text);
  auto m = parse_decimal(digits);
  if (m && percent && *m % 100 != 0) m.reset();
  if (!m)
    error(t.b, LintCode::InvalidValue,
          fmt::format("{} does not fit a decimal: at most {} places{} and {} digits before the "
                      "point",
                      text.substr(0, 40), kDecimalPlaces, percent ? " after dividing by 100" : "",
                      18));
  e.ival = m ? (percent ? *m / 100 : *m) : 0;
  push(std::move(e), 1, t.b);
}

void ParseState::push_bool(bool v, Tok t) {
  Expr e;
  e.loc = loc(t.b);
  e.kind = ExprKind::Bool;
  e.bval = v;
  push(std::move(e), 1, t.b);
}

void ParseState::push_path(Tok t) {
  Expr e;
  e.loc = loc(t.b);
  e.kind = ExprKind::Path;
  e.text = std::string(t.sv());
  push(std::move(e), 1, t.b);
}

void ParseState::make_unary(const char* op, Tok t) {
  uint32_t h = 0;
  Expr operand = pop(h);
  bool number = operand.kind == ExprKind::Int || operand.kind == ExprKind::Decimal;
  if (op[0] == '-' && number && !operand.parenthesized && operand.ival >= 0) {
    operand.ival = -operand.ival;  // a negative literal, so that print → parse is exact
    if (!operand.spelling.empty()) operand.spelling.insert(0, "-");
    operand.loc = loc(t.b);
    push(std::move(operand), h, t.b);
    return;
  }
  Expr e;
  e.loc = loc(t.b);
  e.kind = ExprKind::Unary;
  e.text = op;
  e.args.push_back(std::move(operand));
  push(std::move(e), h + 1, t.b);
}

void ParseState::make_binary(std::string op, Tok t) {
  uint32_t hr = 0, hl = 0;
  Expr rhs = pop(hr);
  Expr lhs = pop(hl);
  Expr e;
  e.loc = loc(t.b);
  e.kind = ExprKind::Binary;
  e.text = std::move(op);
  e.args.reserve(2);
  e.args.push_back(std::move(lhs));
  e.args.push_back(std::move(rhs));
  push(std::move(e), std::max(hl, hr) + 1, t.b);
}

void ParseState::make_in(Tok t) {
  size_t mark = marks.empty() ? stack.size() : marks.back();
  if (!marks.empty()) marks.pop_back();
  if (mark == 0 || mark > stack.size()) return;  // unreachable when the grammar is right
  Expr e;
  e.loc = loc(t.b);
  e.kind = ExprKind::In;
  e.text = "in";
  e.args.reserve(stack.size() - mark + 1);
  uint32_t h = 0;
  for (size_t i = mark - 1; i < stack.size(); ++i) {
    e.args.push_back(std::move(stack[i]));
    h = std::max(h, heights_[i]);
  }
  stack.resize(mark - 1);
  heights_.resize(mark - 1);
  push(std::move(e), h + 1, t.b);
}

void ParseState::make_call(Tok t, size_t arity) {
  Expr e;
  e.loc = loc(t.b);
  e.kind = ExprKind::Call;
  const char* c = t.b;
  while (c != t.e && (std::isalnum(static_cast<unsigned char>(*c)) || *c == '_')) ++c;
  e.text.assign(t.b, c);
  e.args.resize(std::min(arity, stack.size()));
  uint32_t h = 0;
  for (size_t i = e.args.size(); i-- > 0;) {
    uint32_t hi = 0;
    e.args[i] = pop(hi);
    h = std::max(h, hi);
  }
  push(std::move(e), h + 1, t.b);
}

void ParseState::make_aggregate(Tok t) {
  size_t mark = marks.empty() ? stack.size() : marks.back();
  if (!marks.empty()) marks.pop_back();
  size_t n = stack.size() - std::min(mark, stack.size());
  if (n != 3 && n != 4) return;  // unreachable when the grammar is right
  std::vector<Expr> items;
  uint32_t h = 0;
  for (size_t i = 0; i < n; ++i) {
    uint32_t hi = 0;
    items.insert(items.begin(), pop(hi));
    h = std::max(h, hi);
  }
  Expr e;
  e.loc = loc(t.b);
  e.kind = ExprKind::Call;
  const char* c = t.b;
  while (c != t.e && std::isalpha(static_cast<unsigned char>(*c))) ++c;
  e.text.assign(t.b, c);
  e.args.push_back(std::move(items[1]));              // VAR
  e.args.push_back(std::move(items[2]));              // PATH
  e.args.push_back(std::move(items[0]));              // BODY
  if (n == 4) e.args.push_back(std::move(items[3]));  // COND
  push(std::move(e), h + 1, t.b);
}

}  // namespace pb::grammar

namespace pb {

std::optional<Expr> parse_expression(std::string_view text, const Loc& base, Diagnostics& diags) {
  using namespace grammar;
  ParseState s(text, base, diags);
  try {
    p::memory_input<p::tracking_mode::lazy, p::eol::lf_crlf> in(text.data(), text.size(), "");
    p::parse<expression_text, action, control>(in, s);
  } catch (const syntax_error& e) {
    s.report(e);
    return std::nullopt;
  }
  if (s.stack.size() != 1) return std::nullopt;  // unreachable when the grammar is right
  return s.pop();
}

}  // namespace pb
