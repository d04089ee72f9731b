// test_expr.cpp — parse_expression / print_expr: every construct of the
// expression grammar in docs/language.md, precedence, locations relative to a
// base, error messages with positions, the depth bound, and print → parse.
#include <catch2/catch.hpp>

#include "grammar/frontend.hpp"

using namespace pb;

namespace {

Loc base_at(uint32_t line, uint32_t col) {
  return Loc{std::make_shared<const std::string>("f.yaml"), line, col};
}

std::optional<Expr> parse(const std::string& text, Diagnostics& d) {
  return parse_expression(text, base_at(1, 1), d);
}

// Parses, checks there is no diagnostic, and returns the canonical text.
std::string canon(const std::string& text) {
  Diagnostics d;
  auto e = parse(text, d);
  INFO(text);
  for (auto& i : d.items()) INFO(i.loc.str() + ": " + i.message);
  REQUIRE(d.empty());
  REQUIRE(e);
  return print_expr(*e);
}

// The first diagnostic as "line:col: CODE message".
std::string first_error(const std::string& text, Loc base = base_at(1, 1)) {
  Diagnostics d;
  auto e = parse_expression(text, base, d);
  if (d.empty()) return "no error";
  const auto& i = d.items()[0];
  return std::to_string(i.loc.line) + ":" + std::to_string(i.loc.col) + ": " +
         std::string(to_string(i.code)) + " " + i.message;
}

}  // namespace

TEST_CASE("expression literals and paths") {
  Diagnostics d;
  auto e = parse("2026-03-01", d);
  REQUIRE(e);
  CHECK(e->kind == ExprKind::Date);
  CHECK(e->text == "2026-03-01");
  e = parse("42", d);
  CHECK((e->kind == ExprKind::Int && e->ival == 42));
  e = parse("-7", d);
  CHECK((e->kind == ExprKind::Int && e->ival == -7));
  e = parse("\"In \\\"Progress\\\"\\n\\t\\u{e9}\"", d);
  CHECK((e->kind == ExprKind::String && e->text == "In \"Progress\"\n\t\xC3\xA9"));
  e = parse("true", d);
  CHECK((e->kind == ExprKind::Bool && e->bval));
  e = parse("false", d);
  CHECK((e->kind == ExprKind::Bool && !e->bval));
  e = parse("tenant.workloads.esd", d);
  CHECK((e->kind == ExprKind::Path && e->text == "tenant.workloads.esd"));
  e = parse("truely", d);
  CHECK((e->kind == ExprKind::Path && e->text == "truely"));
  CHECK(d.empty());
}

TEST_CASE("expression calls") {
  Diagnostics d;
  auto e = parse("days_until(event.until)", d);
  REQUIRE(e);
  CHECK(e->kind == ExprKind::Call);
  CHECK(e->text == "days_until");
  REQUIRE(e->args.size() == 1);
  CHECK(e->args[0].text == "event.until");
  e = parse("visits(phone)", d);
  CHECK((e->text == "visits" && e->args[0].kind == ExprKind::Path && e->args[0].text == "phone"));
  e = parse("task(3667)", d);
  CHECK((e->text == "task" && e->args[0].kind == ExprKind::Int && e->args[0].ival == 3667));
  e = parse("any(tenant.workloads where workload.l1 == \"In Progress\")", d);
  REQUIRE(e->args.size() == 2);
  CHECK(e->args[0].text == "tenant.workloads");
  CHECK(e->args[1].text == "==");
  e = parse("task.x", d);  // not a call without '('
  CHECK((e->kind == ExprKind::Path && e->text == "task.x"));
  CHECK(d.empty());
  CHECK(canon("business_days_until( tenant.esd )  >= 30") ==
        "business_days_until(tenant.esd) >= 30");
  CHECK(canon("count(tenant.workloads where workload.l1 == \"Blocked\") > 1") ==
        "count(tenant.workloads where workload.l1 == \"Blocked\") > 1");
}

TEST_CASE("expression precedence: or < and < not < cmp < add < unary") {
  Diagnostics d;
  auto e = parse("a or b and not c == 1 + 2", d);
  REQUIRE(e);
  CHECK(e->text == "or");
  const Expr& rhs = e->args[1];
  CHECK(rhs.text == "and");
  CHECK(rhs.args[1].kind == ExprKind::Unary);
  CHECK(rhs.args[1].args[0].text == "==");
  CHECK(rhs.args[1].args[0].args[1].text == "+");
  e = parse("a - b - c", d);  // left associative
  CHECK(e->args[0].text == "-");
  CHECK(e->args[0].args[0].text == "a");
  CHECK(d.empty());
}

TEST_CASE("expression in, starts_with, parentheses") {
  Diagnostics d;
  auto e = parse("tenant.region in [\"EMEA\", \"APJ\"]", d);
  REQUIRE(e);
  CHECK(e->kind == ExprKind::In);
  CHECK(e->args.size() == 3);
  e = parse("x in []", d);
  CHECK((e->kind == ExprKind::In && e->args.size() == 1));
  e = parse("a in [b in [c], (d)]", d);
  REQUIRE(e->args.size() == 3);
  CHECK(e->args[1].kind == ExprKind::In);
  CHECK(e->args[2].parenthesized);
  e = parse("event.note starts_with \"Re-engaged\"", d);
  CHECK((e->kind == ExprKind::Binary && e->text == "starts_with"));
  CHECK(d.empty());
}

TEST_CASE("print_expr is canonical and keeps the author's parentheses") {
  CHECK(canon("a   or(b)") == "a or (b)");
  CHECK(canon("not  not x") == "not not x");
  CHECK(canon("(a or b) and c") == "(a or b) and c");
  CHECK(canon("- (a + b)") == "-(a + b)");
  CHECK(canon("a - -5") == "a - -5");
  CHECK(canon("days_until(event.until) < 90 or event.grt_lead_approved") ==
        "days_until(event.until) < 90 or event.grt_lead_approved");
  CHECK(canon("x in[1,2 ,3]") == "x in [1, 2, 3]");
  CHECK(canon("d + 3 <= 2026-01-31") == "d + 3 <= 2026-01-31");
  CHECK(canon("a # comment\n and b") == "a and b");
}

TEST_CASE("print_expr adds parentheses the precedence needs") {
  Expr a{}, b{}, c{};
  a.kind = b.kind = c.kind = ExprKind::Path;
  a.text = "a", b.text = "b", c.text = "c";
  Expr orr{};
  orr.kind = ExprKind::Binary, orr.text = "or", orr.args = {a, b};
  Expr andd{};
  andd.kind = ExprKind::Binary, andd.text = "and", andd.args = {orr, c};
  CHECK(print_expr(andd) == "(a or b) and c");
  Expr sub{};
  sub.kind = ExprKind::Binary, sub.text = "-", sub.args = {a, b};
  Expr sub2 = sub;
  sub2.args = {a, sub};
  CHECK(print_expr(sub2) == "a - (a - b)");
}

TEST_CASE("print → parse gives the same expression") {
  for (std::string text :
       {"a or b and c", "not (a == 1)", "-(x) + 3", "x in [1, \"two\", 2026-02-28]",
        "any(tenant.w where w.a starts_with \"x\" or not w.b)", "visits(phone) < 2 and task(3667)",
        "(((a)))", "\"tab\\there\""}) {
    Diagnostics d;
    auto e = parse(text, d);
    REQUIRE(e);
    auto again = parse(print_expr(*e), d);
    REQUIRE(again);
    CHECK(*again == *e);
    CHECK(print_expr(*again) == print_expr(*e));
    CHECK(d.empty());
  }
}

TEST_CASE("a string holding control characters prints with \\u{X} and reads back (fuzz)") {
  Expr e;
  e.kind = ExprKind::String;
  e.text = std::string("x\0\x02y", 4);
  CHECK(print_expr(e) == "\"x\\u{0}\\u{2}y\"");
  Diagnostics d;
  auto again = parse(print_expr(e), d);
  REQUIRE(again);
  CHECK(d.empty());
  CHECK(again->text == e.text);
}

TEST_CASE("expression locations are relative to the base") {
  Diagnostics d;
  auto e = parse_expression("a and\n  b == 1", base_at(10, 7), d);
  REQUIRE(e);
  CHECK(e->loc.str() == "f.yaml:10:9");          // 'and'
  CHECK(e->args[0].loc.str() == "f.yaml:10:7");  // 'a'
  CHECK(e->args[1].loc.str() == "f.yaml:11:5");  // '=='
  CHECK(e->args[1].args[0].loc.str() == "f.yaml:11:3");
}

TEST_CASE("expression syntax errors name what was expected, at the right place") {
  CHECK(first_error("") == "1:1: PB001 expected an expression");
  CHECK(first_error("a and") == "1:6: PB001 expected an expression after 'and'");
  CHECK(first_error("a or or") == "1:6: PB001 expected an expression after 'or'");
  CHECK(first_error("(a") == "1:3: PB001 expected ')' to close the '('");
  CHECK(first_error("a b") == "1:3: PB001 unexpected text after the expression");
  CHECK(first_error("x in 1") == "1:6: PB001 expected '[' after 'in'");
  CHECK(first_error("x in [1,") == "1:9: PB001 expected an expression after ','");
  CHECK(first_error("any(x)") == "1:6: PB001 expected 'where' and a condition after the path");
  CHECK(first_error("task(x)") == "1:6: PB001 expected a task id (a number) inside task( )");
  CHECK(first_error("\"abc") ==
        "1:5: PB001 unterminated string: expected '\"' before the end of the line");
  CHECK(first_error("\"a\\qb\"") ==
        "1:4: PB001 unknown escape sequence; use \\\" \\\\ \\n \\t or \\u{hex}");
  CHECK(first_error("a.") == "1:3: PB001 expected a name after '.'");
  CHECK(first_error("a ==") == "1:5: PB001 expected an expression after the comparison");
  CHECK(first_error("when") == "1:1: PB001 expected an expression");
  CHECK(first_error("a\n and", base_at(3, 5)) == "4:5: PB001 expected an expression after 'and'");
}

TEST_CASE("expression values that cannot be are PB090") {
  CHECK(first_error("d < 2026-02-30") == "1:5: PB090 2026-02-30 is not a calendar date");
  CHECK(first_error("2025-02-29") == "1:1: PB090 2025-02-29 is not a calendar date");
  CHECK(first_error("2024-02-29") == "no error");
  CHECK(first_error("99999999999999999999") ==
        "1:1: PB090 number 99999999999999999999 is too large");
  CHECK(first_error("\"\\u{110000}\"") == "1:2: PB090 \\u{110000} is not a valid character");
}

TEST_CASE("expression nesting is bounded (PB006), never a stack overflow") {
  CHECK(first_error(std::string(64, '(') + "a" + std::string(64, ')')) == "no error");
  CHECK(first_error(std::string(65, '(') + "a" + std::string(65, ')')) ==
        "1:66: PB006 nested too deeply (more than 64 levels)");
  std::string deep(100000, '(');
  CHECK(first_error(deep).find("PB006") != std::string::npos);
  std::string nots;
  for (int i = 0; i < 100000; ++i) nots += "not ";
  CHECK(first_error(nots + "x").find("PB006") != std::string::npos);
  CHECK(first_error(std::string(100000, '-') + "1").find("PB006") != std::string::npos);
  std::string chain = "a";
  for (int i = 0; i < 200; ++i) chain += " and a";
  CHECK(first_error(chain) == "no error");
  for (int i = 0; i < 300000; ++i) chain += " or a";  // left-deep: would overflow walkers
  CHECK(first_error(chain) ==
        "1:1478: PB006 expression nested too deeply (more than 256 levels of operators)");
  std::string calls;
  for (int i = 0; i < 10000; ++i) calls += "days_until(";
  CHECK(first_error(calls).find("PB006") != std::string::npos);
}
