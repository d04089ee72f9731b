// test_dsl_print.cpp — print_dsl: the canonical form (the reference example
// is canonical), idempotence print(parse(print(m))) == print(m), parse(print(m))
// == m for parsed and hand-built models, and comment preservation.
#include <catch2/catch.hpp>

#include "dsl_fixtures.hpp"

using namespace pb;
using dsl_test::parse_clean;

namespace {

// print → parse → print must give the same bytes and the same model.
void check_round_trip(const Playbook& m) {
  std::string once = print_dsl(m);
  Diagnostics d;
  auto again = parse_dsl(once, "p.playbook", d);
  INFO(once);
  INFO(dsl_test::render(d));
  REQUIRE(again);
  CHECK(d.empty());
  CHECK(*again == m);
  CHECK(print_dsl(*again) == once);
}

}  // namespace

TEST_CASE("dsl print: the example of docs/language.md is canonical") {
  std::string text = dsl_test::doc_example();
  CHECK(print_dsl(parse_clean(text)) == text);
}

TEST_CASE("dsl print: the all-constructs fixture is canonical") {
  std::string text = dsl_test::all_constructs();
  Playbook m = parse_clean(text);
  CHECK(print_dsl(m) == text);
  check_round_trip(m);
}

TEST_CASE("dsl print: messy input becomes canonical, and printing is idempotent") {
  std::string messy =
      "#c1\nplaybook   x{start b step b{on e->b{complete 1 ;complete 2}after 1 days->b "
      "when a and(b or c)->b{each w in t.w{set w.x=1}} } role r \"R\" title \"T\"\n"
      "\tversion 3 step a \"A\" {end \"done\"}}";
  Diagnostics d;
  auto m = parse_dsl(messy, "m.playbook", d);
  REQUIRE(m);
  std::string canon = print_dsl(*m);
  CHECK(canon ==
        "# c1\n"
        "playbook x {\n"
        "  title \"T\"\n"
        "  version 3\n"
        "\n"
        "  role r \"R\"\n"
        "\n"
        "  start b\n"
        "\n"
        "  step b {\n"
        "    on e -> b {\n"
        "      complete 1\n"
        "      complete 2\n"
        "    }\n"
        "    after 1 day -> b\n"
        "    when a and (b or c) -> b {\n"
        "      each w in t.w {\n"
        "        set w.x = 1\n"
        "      }\n"
        "    }\n"
        "  }\n"
        "\n"
        "  step a \"A\" {\n"
        "    end \"done\"\n"
        "  }\n"
        "}\n");
  check_round_trip(*m);
}

TEST_CASE("dsl print: comments survive, before their node or the closing brace") {
  std::string text =
      "# file comment\n"
      "playbook a {\n"
      "  # about the role\n"
      "  role fm \"FM\"\n"
      "\n"
      "  # about the event\n"
      "  event e\n"
      "\n"
      "  tenant {\n"
      "    # about the attribute\n"
      "    attr x bool\n"
      "  }\n"
      "\n"
      "  # about the step\n"
      "  step s {\n"
      "    # about enter's action\n"
      "    enter {\n"
      "      # about complete\n"
      "      complete 1\n"
      "    }\n"
      "    # about the transition\n"
      "    on e -> s\n"
      "    # trailing in step\n"
      "  }\n"
      "\n"
      "  # trailing in playbook\n"
      "}\n";
  Playbook m = parse_clean(text);
  std::string printed = print_dsl(m);
  // "about enter's action" has no node of its own: it moves to the first action.
  std::string expected = text;
  expected.replace(expected.find("    # about enter's action\n    enter {\n"),
                   std::string("    # about enter's action\n    enter {\n").size(),
                   "    enter {\n      # about enter's action\n");
  CHECK(printed == expected);
  check_round_trip(m);
}

TEST_CASE("dsl print: strings are escaped; multi-line instructions are block strings") {
  Playbook m;
  m.id = "p";
  m.title = "quote \" backslash \\ tab \t newline \n bell \x07";
  Step s;
  s.id = "s";
  s.instructions = "First line.\n  Indented.\n\nLast \"quoted\" line.";
  s.terminal = TerminalKind::End;
  s.terminal_arg = "ok";
  m.steps.push_back(s);
  Step s2 = s;
  s2.id = "t";
  s2.instructions = "  leading spaces\nkeep \"\"\" as a plain string";
  m.steps.push_back(s2);
  std::string out = print_dsl(m);
  CHECK(out.find("title \"quote \\\" backslash \\\\ tab \\t newline \\n bell \\u{7}\"") !=
        std::string::npos);
  CHECK(out.find("    instructions \"\"\"\n"
                 "      First line.\n"
                 "        Indented.\n"
                 "\n"
                 "      Last \"quoted\" line.\n"
                 "      \"\"\"\n") != std::string::npos);
  CHECK(out.find("instructions \"  leading spaces\\nkeep \\\"\\\"\\\" as a plain string\"") !=
        std::string::npos);
  check_round_trip(m);
}

TEST_CASE("dsl print: a hand-built model round-trips (parentheses added where needed)") {
  Playbook m;
  m.id = "p";
  Step s;
  s.id = "s";
  Expr a, b, c;
  a.kind = b.kind = c.kind = ExprKind::Path;
  a.text = "a", b.text = "b", c.text = "c";
  Expr orr;
  orr.kind = ExprKind::Binary, orr.text = "or", orr.args = {a, b};
  orr.parenthesized = true;  // what parsing "(a or b)" gives
  Expr andd;
  andd.kind = ExprKind::Binary, andd.text = "and", andd.args = {orr, c};
  Transition t;
  t.trigger = TriggerKind::When;
  t.guard = andd;
  t.target = "s";
  Action set;
  set.kind = ActionKind::Set;
  set.path = "tenant.n";
  Expr neg;
  neg.kind = ExprKind::Int, neg.ival = -5;
  set.expr = neg;
  t.actions.push_back(set);
  s.transitions.push_back(t);
  Transition o;
  o.trigger = TriggerKind::Otherwise;
  o.target = "s";
  s.transitions.push_back(o);
  m.steps.push_back(s);
  CHECK(print_dsl(m) ==
        "playbook p {\n"
        "  step s {\n"
        "    when (a or b) and c -> s { set tenant.n = -5 }\n"
        "    otherwise -> s\n"
        "  }\n"
        "}\n");
  check_round_trip(m);
}

TEST_CASE("dsl print: units and offsets read back the same") {
  Playbook m = parse_clean(
      "playbook p { step s {\n"
      "  after 1 business days -> s\n after 2 day -> s\n after 1 weeks -> s\n after 1 hours -> s\n"
      "  at tenant.d + 0 days -> s\n at tenant.d - 1 days -> s\n at tenant.d+3 day -> s\n"
      "} }");
  std::string out = print_dsl(m);
  CHECK(out.find("after 1 business day -> s\n") != std::string::npos);
  CHECK(out.find("after 2 days -> s\n") != std::string::npos);
  CHECK(out.find("after 1 week -> s\n") != std::string::npos);
  CHECK(out.find("after 1 hour -> s\n") != std::string::npos);
  CHECK(out.find("at tenant.d -> s\n") != std::string::npos);
  CHECK(out.find("at tenant.d - 1 day -> s\n") != std::string::npos);
  CHECK(out.find("at tenant.d + 3 days -> s\n") != std::string::npos);
  check_round_trip(m);
}
