// expr_printer.cpp — print_expr(): canonical expression text, and the string
// quoting helpers of print_util.hpp.
//
// Canonical form: one space around binary operators, `not x`, `-x`,
// `name(args)`, `x in [a, b]`. Parentheses the author wrote are kept
// (Expr::parenthesized); parentheses the precedence needs are added.
#include <fmt/format.h>

#include "frontend.hpp"
#include "parse_state.hpp"
#include "print_util.hpp"

namespace pb::grammar {

std::string quote(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out += '"';
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (c == '"') out += "\\\"";
    else if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else if (u < 0x20 || u == 0x7F) out += fmt::format("\\u{{{:X}}}", u);
    else out += c;
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

// Binding strength, as in the grammar: or < and < not < cmp < add < unary < primary.
int precedence(const Expr& e) {
  if (e.kind == ExprKind::Binary) {
    if (e.text == "or") return 1;
    if (e.text == "and") return 2;
    if (e.text == "+" || e.text == "-") return 5;
    return 4;  // comparisons, starts_with
  }
  if (e.kind == ExprKind::In) return 4;
  if (e.kind == ExprKind::Unary) return e.text == "not" ? 3 : 6;
  if (e.kind == ExprKind::Int && e.ival < 0) return 6;
  return 7;
}

void print(const Expr& e, std::string& out);

// Prints `e` where the grammar needs at least `min` binding strength.
void print_at(const Expr& e, int min, std::string& out) {
  bool paren = !e.parenthesized && precedence(e) < min;
  if (paren) out += '(';
  print(e, out);
  if (paren) out += ')';
}

void print_args(const std::vector<Expr>& args, size_t from, std::string& out) {
  for (size_t i = from; i < args.size(); ++i) {
    if (i > from) out += ", ";
    print_at(args[i], 1, out);
  }
}

void print_inner(const Expr& e, std::string& out) {
  switch (e.kind) {
    case ExprKind::Bool: out += e.bval ? "true" : "false"; return;
    case ExprKind::Int: out += std::to_string(e.ival); return;
    case ExprKind::String: out += quote(e.text); return;
    case ExprKind::Date:
    case ExprKind::Path: out += e.text; return;
    case ExprKind::Call:
      out += e.text + "(";
      if ((e.text == "any" || e.text == "count") && e.args.size() == 2) {
        print(e.args[0], out);
        out += " where ";
        print_at(e.args[1], 1, out);
      } else {
        print_args(e.args, 0, out);
      }
      out += ')';
      return;
    case ExprKind::Unary:
      out += e.text == "not" ? "not " : "-";
      if (!e.args.empty()) print_at(e.args[0], e.text == "not" ? 3 : 6, out);
      return;
    case ExprKind::Binary: {
      if (e.args.size() != 2) return;
      int p = precedence(e);
      bool cmp = p == 4;
      print_at(e.args[0], cmp ? 5 : p, out);
      out += ' ' + e.text + ' ';
      print_at(e.args[1], cmp ? 5 : p + 1, out);
      return;
    }
    case ExprKind::In:
      if (e.args.empty()) return;
      print_at(e.args[0], 5, out);
      out += " in [";
      print_args(e.args, 1, out);
      out += ']';
      return;
  }
}

void print(const Expr& e, std::string& out) {
  if (e.parenthesized) out += '(';
  print_inner(e, out);
  if (e.parenthesized) out += ')';
}

}  // namespace
}  // namespace pb::grammar

namespace pb {

std::string print_expr(const Expr& e) {
  std::string out;
  grammar::print(e, out);
  return out;
}

}  // namespace pb
