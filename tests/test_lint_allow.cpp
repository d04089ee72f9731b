// test_lint_allow.cpp — suppressions: `# lint: allow` comments in both forms
// (a `#` inside a string is not one; the line or step they cover), the
// reason they must carry (PB091), `.playbook-lint.yaml`, and apply_allows
// (what is covered, PB092 for what covers nothing).
#include <catch2/catch.hpp>

#include "grammar/frontend.hpp"
#include "grammar/lint_directives.hpp"
#include "interpreter/checker.hpp"

using namespace pb;

namespace {

std::string codes(const Diagnostics& d) {
  std::string s;
  for (const auto& x : d.items())
    s += x.loc.str() + " " + std::string(to_string(x.code)) + " " + x.message + "\n";
  return s;
}

constexpr const char* kDsl = R"(playbook p {
  title "Not # lint: allow PB054 — a string"
  event replied "Replied"
  start a

  # a comment that is not a directive
  # lint: allow PB054 — the ML model fires `replied`
  step a {
    on replied -> b
  }

  step b {
    instructions """
      # lint: allow PB054 — inside a block string
    """
    on replied -> c  # lint: allow PB053, PB054 -- on this line
  }

  step c { end "x" }
}
)";

}  // namespace

TEST_CASE("DSL: directives in comments only, each with the line it covers", "[allow]") {
  Diagnostics d;
  auto allows = scan_allows(kDsl, "p.playbook", false, d);
  INFO(codes(d));
  CHECK(d.empty());
  REQUIRE(allows.size() == 2);
  CHECK(allows[0].loc.str() == "p.playbook:7:3");
  CHECK(allows[0].line == 8);  // the step below it (the blank-free next line with code)
  CHECK(allows[0].written == std::vector<std::string>{"PB054"});
  CHECK(allows[0].reason == "the ML model fires `replied`");
  CHECK(allows[1].line == 16);  // its own line: code stands before it
  CHECK(allows[1].written == std::vector<std::string>{"PB053", "PB054"});
  CHECK(allows[1].reason == "on this line");
}

TEST_CASE("YAML: quoted and block scalars are not comments", "[allow]") {
  const char* yaml =
      "playbook: p\n"
      "title: \"Not # lint: allow PB054 - a string\"\n"
      "owner: 'It''s # lint: allow PB054 - still a string'\n"
      "phase: New Year's # lint: allow PB080 - a comment after a plain scalar\n"
      "start: a\n"
      "steps:\n"
      "  # lint: allow PB054 — above the step\n"
      "  - id: a\n"
      "    instructions: |\n"
      "      # lint: allow PB054 - block content\n"
      "    transitions:\n"
      "      - {event: replied, to: a}   # lint: allow PB053: on this line\n";
  Diagnostics d;
  auto allows = scan_allows(yaml, "p.playbook.yaml", true, d);
  INFO(codes(d));
  CHECK(d.empty());
  REQUIRE(allows.size() == 3);
  CHECK(allows[0].line == 4);
  CHECK(allows[0].written == std::vector<std::string>{"PB080"});
  CHECK(allows[1].line == 8);
  CHECK(allows[1].reason == "above the step");
  CHECK(allows[2].line == 12);
  CHECK(allows[2].reason == "on this line");
}

TEST_CASE("a directive without a reason, code or verb is PB091", "[allow]") {
  const char* text =
      "playbook p {\n"
      "  # lint: allow PB054\n"
      "  # lint: allow PB054 —   \n"
      "  # lint: allow — a reason but no code\n"
      "  # lint: alow PB054 — typo\n"
      "  # lint: allow PB054 because reasons\n"
      "  start a\n"
      "  step a { end \"x\" }\n"
      "}\n";
  Diagnostics d;
  auto allows = scan_allows(text, "p.playbook", false, d);
  INFO(codes(d));
  CHECK(allows.empty());
  REQUIRE(d.items().size() == 5);
  for (const auto& x : d.items()) CHECK(to_string(x.code) == "PB091");
  CHECK(
      d.items()[0].message ==
      "a suppression needs a reason: write `# lint: allow PB054 — why the finding does not apply here`");
  CHECK(d.items()[1].message.starts_with("a suppression needs a reason"));
  CHECK(d.items()[2].message.starts_with("`lint: allow` names no code"));
  CHECK(d.items()[3].message.starts_with("unknown lint directive 'alow'"));
  CHECK(d.items()[3].hint == "did you mean 'allow'?");
  CHECK(
      d.items()[4].message.starts_with("expected '—' (or '--') between the codes and the reason"));
}

TEST_CASE(".playbook-lint.yaml entries: code, path, step, reason", "[allow]") {
  const char* config =
      "allow:\n"
      "  - {code: PB054, path: \"*.playbook\", step: a, reason: scored by the model}\n"
      "  - {code: [PB080, PB081], reason: kept for the next version}\n"
      "  - {code: PB054}\n"
      "  - {code: PB54, reason: x}\n"
      "  - {code: PB054, reason: x, stpe: a}\n";
  Diagnostics d;
  auto allows = parse_lint_config(config, "dir/.playbook-lint.yaml", d);
  INFO(codes(d));
  REQUIRE(allows.size() == 2);
  CHECK(allows[0].kind == Suppression::Kind::External);
  CHECK(allows[0].dir == "dir");
  CHECK(allows[0].path == "*.playbook");
  CHECK(allows[0].step == "a");
  CHECK(allows[1].written == std::vector<std::string>{"PB080", "PB081"});
  REQUIRE(d.items().size() == 3);
  CHECK(to_string(d.items()[0].code) == "PB091");  // no reason
  CHECK(to_string(d.items()[1].code) == "PB091");  // not a code
  CHECK(to_string(d.items()[2].code) == "PB010");  // unknown key, with did you mean
  CHECK(d.items()[2].hint == "did you mean 'step'?");
}

TEST_CASE("apply_allows: a step, a line, a directory; PB092 for what covers nothing", "[allow]") {
  Diagnostics parse;
  auto pb = parse_dsl(kDsl, "p.playbook", parse);
  REQUIRE(pb);
  Project project;
  project.playbooks.push_back(std::move(*pb));
  Diagnostics findings;
  check_project(project, findings);
  INFO(codes(findings));
  REQUIRE(findings.items().size() == 2);  // PB054 on steps a and b
  Diagnostics d;
  auto allows = scan_allows(kDsl, "p.playbook", false, d);
  auto r = apply_allows(findings, allows, project, {});
  INFO(codes(r.kept));
  CHECK(r.suppressed.items().size() == 1);  // step a's, by the comment above the step
  CHECK(r.suppressed.items()[0].loc.line == 8);
  CHECK(r.suppressed.items()[0].suppression->reason == "the ML model fires `replied`");
  // Line 16's allow covers line 16 only: step b's PB054 (line 12) stays, and
  // both of its codes covered nothing.
  REQUIRE(r.kept.items().size() == 3);
  CHECK(to_string(r.kept.items()[0].code) == "PB054");
  CHECK(r.kept.items()[1].message ==
        "`lint: allow PB053` suppresses nothing: no PB053 finding on line 16; delete it");
  CHECK(to_string(r.kept.items()[2].code) == "PB092");

  Allow dir;
  dir.kind = Suppression::Kind::External;
  dir.loc = Loc{std::make_shared<const std::string>(".playbook-lint.yaml"), 2, 5};
  dir.codes = {LintCode::OutsideEventsOnly};
  dir.reason = "an FM calls";
  dir.path = "*.playbook";
  dir.step = "bb";
  auto ext = apply_allows(findings, {dir}, project, {});
  CHECK(ext.suppressed.empty());
  REQUIRE(ext.kept.items().size() == 3);
  CHECK(to_string(ext.kept.items()[2].code) == "PB092");
  CHECK(ext.kept.items()[2].hint == "did you mean 'b'?");
  dir.step = "b";
  ext = apply_allows(findings, {dir}, project, {});
  REQUIRE(ext.suppressed.items().size() == 1);
  CHECK(ext.suppressed.items()[0].loc.line == 12);
  CHECK(ext.suppressed.items()[0].suppression->kind == Suppression::Kind::External);
  dir.path = "other/*.playbook";
  CHECK(apply_allows(findings, {dir}, project, {}).suppressed.empty());
  dir.path = "";
  dir.step = "zz";  // covers nothing, but the file's findings are not shown: no PB092
  CHECK(apply_allows(findings, {dir}, project, {"p.playbook"}).kept.items().size() == 2);
}
