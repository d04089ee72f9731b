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
const std::string kFull =
    test::slurp(std::string(PB_SOURCE_DIR) + "/tests/data/yaml/full.playbook.yaml");

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
  for (std::string s : {"true",
                        "no",
                        "null",
                        "~",
                        "123",
                        "-1",
                        "1.5",
                        "2026-01-01",
                        "a: b",
                        "a #b",
                        "#x",
                        "- x",
                        "[x]",
                        "{x}",
                        "*x",
                        "&x",
                        "!x",
                        "|",
                        ">",
                        "'x",
                        "\"x",
                        "%x",
                        "@x",
                        "`x",
                        " lead",
                        "trail ",
                        "x:",
                        "line\nbreak",
                        "tab\there",
                        "",
                        "zero\xe2\x80\x8bwidth",
                        "12:30",
                        "0x1F",
                        ".5",
                        "yes",
                        "On"})
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

TEST_CASE("comments above keys without a node move to the next node, never dropped") {
  Playbook m = parse(
      "# head\nplaybook: x\n# about the title\ntitle: T\nroles:\n  - {id: fm, name: F}\n"
      "# about start\nstart: a\nsteps:\n  - id: a\n    # about the title of a\n    title: A\n"
      "    # about the end\n    end: done\n  - id: b\n    end: done\n# the end\n");
  CHECK(m.comments.lines == std::vector<std::string>{"head"});
  CHECK(m.roles[0].comments.lines == std::vector<std::string>{"about the title"});
  CHECK(m.steps[0].comments.lines == std::vector<std::string>{"about start"});
  CHECK(m.steps[0].trailing.lines ==
        std::vector<std::string>{"about the title of a", "about the end"});
  CHECK(m.trailing.lines == std::vector<std::string>{"the end"});
  std::string once = print_yaml(m);
  Playbook back = parse(once);
  CHECK(print_yaml(back) == once);
  CHECK(back.steps[0].trailing.lines == m.steps[0].trailing.lines);

  Playbook bare = parse("playbook: x\n# orphan\nversion: 2\n");
  CHECK(bare.trailing.lines == std::vector<std::string>{"orphan"});
}

TEST_CASE("transitions written before enter keep their comments") {
  Playbook m = parse(
      "playbook: x\nsteps:\n  - id: a\n    transitions:\n      # t\n"
      "      - {event: e, to: a}\n    enter:\n      # e\n      - complete: 1\n");
  CHECK(m.steps[0].transitions[0].comments.lines == std::vector<std::string>{"t"});
  CHECK(m.steps[0].enter[0].comments.lines == std::vector<std::string>{"e"});
}

TEST_CASE("a scalar wider than the line is still printed on its key's line") {
  Playbook m = parse(
      "playbook: x\nsteps:\n  - id: a\n    transitions:\n      - when: " + std::string(60, 'a') +
      " == \"" + std::string(60, 'b') + "\"\n        to: a\n");
  std::string once = print_yaml(m);
  CHECK(once.find("      - when: " + std::string(60, 'a')) != std::string::npos);
  CHECK(parse(once) == m);
  CHECK(print_yaml(parse(once)) == once);
}
