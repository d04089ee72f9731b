// expr_printer.cpp — print_expr(): canonical expression text, and the string
// quoting helpers of print_util.hpp.
//
// Canonical form: one space around binary operators, `not x`, `-x`,
// `name(args)`, `x in [a, b]`. Parentheses the author wrote are kept
// (Expr::parenthesized); parentheses the precedence needs are added.
#include <fmt/format.h>

#include "frontend.hpp"
#include "model/decimal.hpp"
#include "layout.hpp"
#include "parse_state.hpp"
#include "print_util.hpp"

namespace pb::grammar {

std::string quote(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out += '"';
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (c == '"')
      out += "\\\"";
    else if (c == '\\')
      out += "\\\\";
    else if (c == '\n')
      out += "\\n";
    else if (c == '\t')
      out += "\\t";
    else if (u < 0x20 || u == 0x7F)
      out += fmt::format("\\u{{{:X}}}", u);
    else
      out += c;
  }
  out += '"';
  return out;
}

std::string quote_block(std::string_view s, size_t indent) {
  if (s.find('\n') == std::string_view::npos || s.find("\"\"\"") != std::string_view::npos)
    return quote(s);
  for (char c : s)
    if ((static_cast<unsigned char>(c) < 0x20 && c != '\n') || c == 0x7F) return quote(s);
  std::string pad(indent, ' ');
  std::string body = "\n";
  for (size_t start = 0;;) {
    size_t nl = s.find('\n', start);
    std::string_view line = s.substr(start, nl == std::string_view::npos ? nl : nl - start);
    if (!line.empty()) body += pad;
    body += line;
    body += '\n';
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  body += pad;
  if (body.find("\"\"\"") != std::string::npos || block_string_value(body) != s) return quote(s);
  return std::string("\"\"\"") + body + "\"\"\"";
}

bool is_identifier(std::string_view s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  return true;
}

namespace {

// Binding strength, as in the grammar:
// or < and < not < cmp < add < mul < unary < primary.
int precedence(const Expr& e) {
  if (e.kind == ExprKind::Binary) {
    if (e.text == "or") return 1;
    if (e.text == "and") return 2;
    if (e.text == "+" || e.text == "-") return 5;
    if (e.text == "*" || e.text == "/") return 6;
    return 4;  // comparisons, starts_with
  }
  if (e.kind == ExprKind::In) return 4;
  if (e.kind == ExprKind::Unary) return e.text == "not" ? 3 : 7;
  if ((e.kind == ExprKind::Int || e.kind == ExprKind::Decimal) && e.ival < 0) return 7;
  return 8;
}

using layout::brk;
using layout::cat;
using layout::Doc;
using layout::Docs;
using layout::text;

Doc doc(const Expr& e);

// `e` where the grammar needs at least `min` binding strength.
Doc doc_at(const Expr& e, int min) {
  if (e.parenthesized || precedence(e) >= min) return doc(e);
  return cat({text("("), doc(e), text(")")});
}

// Items separated by ", ", packed: a list breaks after a comma when full.
Doc items(const std::vector<Expr>& args, size_t from) {
  Docs out;
  for (size_t i = from; i < args.size(); ++i) {
    if (i > from) out.back() = cat({out.back(), text(",")}), out.push_back(brk());
    out.push_back(doc_at(args[i], 1));
  }
  return layout::fill(std::move(out));
}

// `a and b and c`: one group, broken before each operator when too long.
Doc chain(const Expr& e) {
  std::vector<const Expr*> operands;
  const Expr* left = &e;
  int p = precedence(e);
  while (left->kind == ExprKind::Binary && left->text == e.text && left->args.size() == 2 &&
         (left == &e || !left->parenthesized)) {
    operands.push_back(&left->args[1]);
    left = &left->args[0];
  }
  Docs out{doc_at(*left, p)};
  for (size_t i = operands.size(); i-- > 0;) {
    out.push_back(brk());
    out.push_back(cat({text(e.text + " "), doc_at(*operands[i], p + 1)}));
  }
  return layout::group(std::move(out));
}

// min(BODY for VAR in PATH where COND)
Doc aggregate(const Expr& e) {
  Docs out{text(e.text + "("), doc_at(e.args[2], 1),
           text(" for " + e.args[0].text + " in " + e.args[1].text)};
  if (e.args.size() == 4)
    out.push_back(layout::nest(4, {brk(), text("where "), doc_at(e.args[3], 1)}));
  out.push_back(text(")"));
  return layout::group(std::move(out));
}

Doc call(const Expr& e) {
  if ((e.text == "min" || e.text == "max" || e.text == "sum") &&
      (e.args.size() == 3 || e.args.size() == 4))
    return aggregate(e);
  if ((e.text == "any" || e.text == "count") && e.args.size() == 2)
    return layout::group({text(e.text + "(" + print_expr(e.args[0]) + " where"),
                          layout::nest(4, {brk(), doc_at(e.args[1], 1)}), text(")")});
  return cat({text(e.text + "("), items(e.args, 0), text(")")});
}

Doc binary(const Expr& e) {
  if (e.args.size() != 2) return text("");
  if (e.text == "and" || e.text == "or") return chain(e);
  int p = precedence(e);
  bool cmp = p == 4;
  return cat({doc_at(e.args[0], cmp ? 5 : p), text(" " + e.text + " "),
              doc_at(e.args[1], cmp ? 5 : p + 1)});
}

Doc inner(const Expr& e) {
  switch (e.kind) {
    case ExprKind::Bool: return text(e.bval ? "true" : "false");
    case ExprKind::Int:
      return text(e.spelling.empty() ? std::to_string(e.ival) : std::string(e.spelling));
    case ExprKind::Decimal:
      return text(e.spelling.empty() ? format_decimal(e.ival) : std::string(e.spelling));
    case ExprKind::String: return text(quote(e.text));
    case ExprKind::Date:
    case ExprKind::Path: return text(e.text);
    case ExprKind::Call: return call(e);
    case ExprKind::Unary:
      if (e.args.empty()) return text(e.text == "not" ? "not " : "-");
      return cat(
          {text(e.text == "not" ? "not " : "-"), doc_at(e.args[0], e.text == "not" ? 3 : 7)});
    case ExprKind::Binary: return binary(e);
    case ExprKind::In:
      if (e.args.empty()) return text("");
      return cat(
          {doc_at(e.args[0], 5), text(" in ["), layout::nest(4, {items(e.args, 1)}), text("]")});
  }
  return text("");
}

Doc doc(const Expr& e) {
  if (!e.parenthesized) return inner(e);
  return cat({text("("), inner(e), text(")")});
}

}  // namespace

layout::Doc expr_doc(const Expr& e) { return doc(e); }

}  // namespace pb::grammar

namespace pb {

std::string print_expr(const Expr& e) { return grammar::layout::flat(grammar::doc(e)); }

}  // namespace pb
