// test_yaml_roundtrip.cpp — print_yaml is canonical: parse(print(m)) == m,
// comments included, and printing is idempotent; quoting keeps every string
// a string.
#include <catch2/catch.hpp>

#include "grammar/frontend.hpp"
#include "yaml_test_util.hpp"

using namespace pb;
using pb::test::render;

namespace {

// Every construct of docs/language.md, in canonical form.
const std::string kFull = test::slurp(std::string(PB_SOURCE_DIR) + "/tests/data/yaml/full.playbook.yaml");

Playbook parse(const std::string& text) {
  Diagnostics d;
  auto pb = parse_yaml_playbook(text, "full.playbook.yaml", d);
  INFO(render(d));
  REQUIRE(pb);
  REQUIRE(d.empty());
  return *pb;
}

}  // namespace

TEST_CASE("the canonical YAML of every construct prints back byte for byte") {
  Playbook m = parse(kFull);
  CHECK(print_yaml(m) == kFull);
  CHECK(parse(print_yaml(m)) == m);
}

TEST_CASE("comments are attached to their nodes") {
  Playbook m = parse(kFull);
  CHECK(m.comments.lines == std::vector<std::string>{"Header comment.", "", "  indented line"});
  CHECK(m.roles[0].comments.lines == std::vector<std::string>{"The FM."});
  CHECK(m.events[1].payload[0].comments.lines == std::vector<std::string>{"Until when."});
  CHECK(m.tenant.attributes[3].comments.lines == std::vector<std::string>{"Per-workload records."});
  CHECK(m.steps[0].comments.lines == std::vector<std::string>{"Step comment."});
  CHECK(m.steps[0].enter[0].comments.lines == std::vector<std::string>{"Action comment."});
  CHECK(m.steps[0].transitions[0].comments.lines ==
        std::vector<std::string>{"Transition comment."});
  CHECK(m.steps[0].trailing.lines == std::vector<std::string>{"Trailing comment of first."});
  CHECK(m.steps[1].comments.empty());
  CHECK(m.steps[3].trailing.lines == std::vector<std::string>{"Trailing of fourth."});
  CHECK(m.trailing.lines == std::vector<std::string>{"Final comment."});
}

TEST_CASE("values read as the types they spell") {
  Playbook m = parse(kFull);
  CHECK(m.motions[1] == "true");
  CHECK(m.motions[2] == "2026-01-01");
  const auto& enter = m.steps[0].enter;
  CHECK(enter[4].expr->kind == ExprKind::String);
  CHECK(enter[5].expr->kind == ExprKind::Int);
  CHECK(enter[5].expr->ival == -3);
  CHECK(enter[6].expr->kind == ExprKind::Date);
  CHECK(enter[7].expr->kind == ExprKind::Bool);
  CHECK(enter[8].expr->kind == ExprKind::String);
  CHECK(enter[9].expr->kind == ExprKind::Binary);
  const auto& ts = m.steps[0].transitions;
  CHECK(ts[4].amount == -3);
  CHECK(ts[5].amount == 1);
  CHECK(ts[6].at_path == "tenant.esd");
  CHECK(m.tenant.attributes[2].name == "null");
  CHECK(m.tenant.attributes[3].type.fields[0].type.values[2] == "a, b");
}

TEST_CASE("the docs example is already canonical") {
  std::string text = test::doc_block("yaml");
  CHECK(print_yaml(parse(text)) == text);
}

TEST_CASE("strings that would read as something else are quoted") {
  Playbook m;
  m.id = "q";
  for (std::string s : {"true", "no", "null", "~", "123", "-1", "1.5", "2026-01-01", "a: b", "a #b",
                        "#x", "- x", "[x]", "{x}", "*x", "&x", "!x", "|", ">", "'x", "\"x", "%x",
                        "@x", "`x", " lead", "trail ", "x:", "line\nbreak", "tab\there", "",
                        "zero\xe2\x80\x8bwidth", "12:30", "0x1F", ".5", "yes", "On"})
    m.motions.push_back(s);
  m.title = "multi\nline\n";
  m.owner = "# not a comment\nreally";
  std::string once = print_yaml(m);
  Playbook back = parse(once);
  CHECK(back == m);
  CHECK(back.motions == m.motions);
  CHECK(print_yaml(back) == once);
}

TEST_CASE("CRLF line ends and a leading byte-order mark read the same") {
  std::string lf = kFull, crlf;
  for (char c : lf) c == '\n' ? crlf += "\r\n" : crlf += c;
  Playbook a = parse(lf), b = parse(crlf), c = parse("\xEF\xBB\xBF" + lf);
  CHECK(a == b);
  CHECK(a == c);
  CHECK(print_yaml(b) == lf);
  CHECK(print_yaml(c) == lf);
}
