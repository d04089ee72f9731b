// test_yaml_loader.cpp — the YAML loader: the docs example, every error class
// with its exact message and 1-based line:col, and hostile inputs.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <filesystem>

#include "grammar/frontend.hpp"
#include "yaml_test_util.hpp"

using namespace pb;
using pb::test::render;

namespace {

std::string errors_of(const std::string& text) {
  Diagnostics d;
  parse_yaml_playbook(text, "t.yaml", d);
  d.sort();
  return render(d);
}

}  // namespace

TEST_CASE("the YAML example of docs/language.md loads") {
  std::string text = test::doc_block("yaml");
  REQUIRE(!text.empty());
  Diagnostics d;
  auto pb = parse_yaml_playbook(text, "ex.playbook.yaml", d);
  INFO(render(d));
  REQUIRE(pb);
  CHECK(d.empty());
  CHECK(pb->id == "customer-engagement");
  CHECK(pb->version == 4);
  CHECK(pb->owner == "Maria Conceição");
  CHECK(pb->motions == std::vector<std::string>{"Customer Health", "RFA"});
  CHECK(pb->comments.lines == std::vector<std::string>{"Seed 000: the outreach chain."});
  REQUIRE(pb->tasks.size() == 2);
  CHECK(pb->tasks[0].name == "Send Email Outreach #1");
  CHECK_FALSE(pb->tasks[0].mandatory);
  REQUIRE(pb->events.size() == 2);
  REQUIRE(pb->events[1].payload.size() == 2);
  CHECK(pb->events[1].payload[0].type.kind == TypeKind::Date);
  REQUIRE(pb->rules.size() == 1);
  CHECK(pb->rules[0].event == "paused");
  REQUIRE(pb->steps.size() == 3);
  const Step& s = pb->steps[0];
  CHECK(s.loc.str() == "ex.playbook.yaml:30:5");
  REQUIRE(s.enter.size() == 2);
  CHECK(s.enter[0].kind == ActionKind::Send);
  CHECK(s.enter[0].text == "Customer Outreach");
  CHECK(s.enter[1].task == 3663);
  REQUIRE(s.transitions.size() == 2);
  CHECK(s.transitions[1].trigger == TriggerKind::After);
  CHECK(s.transitions[1].amount == 2);
  CHECK(s.transitions[1].unit == DurationUnit::BusinessDays);
  CHECK(s.transitions[1].actions.size() == 1);
  CHECK(pb->steps[1].transitions[1].unit == DurationUnit::Weeks);
  CHECK(pb->steps[2].terminal == TerminalKind::Goto);
  CHECK(pb->steps[2].terminal_arg == "assign-to-delivery");
}

TEST_CASE("unknown keys are PB010 with did you mean") {
  CHECK(errors_of("playbook: x\ntitel: T\n") ==
        "2:1 PB010 unknown key 'titel' in the playbook | did you mean 'title'?\n");
  CHECK(errors_of("playbook: x\nsteps:\n  - id: a\n    trnsitions: []\n") ==
        "4:5 PB010 unknown key 'trnsitions' in step | did you mean 'transitions'?\n");
  CHECK(errors_of("playbook: x\nsteps:\n  - id: a\n    enter:\n      - complet: 1\n") ==
        "5:9 PB010 unknown key 'complet' in action | did you mean 'complete'?\n");
  CHECK(errors_of("playbook: x\nzzz: 1\n") == "2:1 PB010 unknown key 'zzz' in the playbook\n");
}

TEST_CASE("duplicate keys are PB011 naming the first one") {
  CHECK(errors_of("playbook: x\ntitle: A\nversion: 1\ntitle: B\n") ==
        "4:1 PB011 duplicate key 'title' (first given at line 2)\n");
  CHECK(errors_of("playbook: x\nroles:\n  - {id: a, name: A, id: b}\n") ==
        "3:22 PB011 duplicate key 'id' (first given at line 3)\n");
}

TEST_CASE("wrong types are PB012") {
  CHECK(errors_of("playbook: x\nversion: \"4\"\n") ==
        "2:10 PB012 'version' must be an integer, got a string\n");
  CHECK(errors_of("playbook: x\nversion: [4]\n") ==
        "2:10 PB012 'version' must be an integer, got a list\n");
  CHECK(errors_of("playbook: x\nmotions: RFA\n") ==
        "2:10 PB012 'motions' must be a list, got a string\n");
  CHECK(errors_of("playbook: x\nroles:\n  - fm\n") ==
        "3:5 PB012 role must be a mapping, got a string\n");
  CHECK(errors_of("playbook: x\ntasks:\n  - {id: 1, name: N, mandatory: yes, role: r}\n") ==
        "3:33 PB012 'mandatory' must be a boolean (true or false), got a string | did you mean "
        "'true'?\n");
  CHECK(errors_of("- a\n- b\n") == "1:1 PB012 the playbook must be a mapping, got a list\n");
  CHECK(errors_of("just text\n") == "1:1 PB012 the playbook must be a mapping, got a string\n");
}

TEST_CASE("empty values are PB013") {
  CHECK(errors_of("playbook: x\ntitle:\nversion: 1\n") == "2:1 PB013 'title' is empty\n");
  CHECK(errors_of("playbook: x\ntitle: null\n") == "2:1 PB013 'title' is empty\n");
  CHECK(errors_of("playbook: x\nstart: ~\n") == "2:1 PB013 'start' is empty\n");
  CHECK(errors_of("playbook: \"\"\n") == "1:11 PB013 'playbook' is empty\n");
  CHECK(errors_of("") == "1:1 PB013 the file is empty\n");
  CHECK(errors_of("# only a comment\n\n") == "1:1 PB013 the file is empty\n");
}

TEST_CASE("missing required keys are PB014") {
  CHECK(errors_of("title: T\n") == "1:1 PB014 the playbook needs the key 'playbook'\n");
  CHECK(errors_of("playbook: x\nroles:\n  - {id: fm}\n") ==
        "3:5 PB014 role needs the key 'name'\n");
  CHECK(errors_of("playbook: x\nsteps:\n  - id: a\n    transitions:\n      - {to: b}\n") ==
        "5:9 PB014 transition needs a trigger: 'event', 'task', 'after', 'at', 'return', 'when', "
        "'otherwise' or 'join'\n");
}

TEST_CASE("YAML syntax errors are PB001 at their position") {
  CHECK(errors_of("playbook: x\nmotions: [a, b\n") ==
        "3:1 PB001 YAML syntax error: end of sequence flow not found\n");
  CHECK(errors_of("playbook: x\ntitle: a: b\n") ==
        "2:9 PB001 YAML syntax error: illegal map value\n");
  CHECK(errors_of("playbook: x\n\ttitle: T\n").find("PB001") != std::string::npos);
  CHECK(errors_of("playbook: *nope\n") ==
        "1:11 PB001 YAML syntax error: the referenced anchor is not defined\n");
}

TEST_CASE("text checks run first") {
  CHECK(errors_of("playbook: x\ntitle: a\xff\n") ==
        "2:9 PB002 invalid UTF-8 byte 0xFF; playbook files must be UTF-8\n");
  CHECK(errors_of("playbook: x\ntitle: a\xe2\x80\x8b\n") ==
        "2:9 PB003 invisible character U+200B (zero-width space)\n");
}

TEST_CASE("invalid values are PB090") {
  CHECK(errors_of("playbook: x\nsteps:\n  - id: a\n    transitions:\n"
                  "      - {after: 2 fortnights, to: a}\n") ==
        "5:17 PB090 'after' must be \"INT UNIT\" with UNIT business days, business hours, days, "
        "weeks, hours or months; got '2 fortnights'\n");
  CHECK(errors_of("playbook: Bad Id\n") ==
        "1:11 PB090 'playbook' must be a slug (lower-case letters, digits, -); got 'Bad Id'\n");
  CHECK(errors_of("playbook: x\ntenant:\n  a: {type: boool}\n") ==
        "3:13 PB090 unknown type 'boool'; expected one of bool, int, decimal, string, date, enum, "
        "records, contacts | did you mean 'bool'?\n");
  // A note kind is a word (a playbook may declare its own kinds): an unknown
  // one is the checker's PB140; one that is no word is the loader's PB090.
  CHECK(errors_of("playbook: x\nsteps:\n  - id: a\n    enter:\n"
                  "      - note: {kind: statu, text: T}\n")
            .empty());
  CHECK(errors_of("playbook: x\nsteps:\n  - id: a\n    enter:\n"
                  "      - note: {kind: no such, text: T}\n") ==
        "5:22 PB090 'kind' must be an identifier (letters, digits, _); got 'no such'\n");
}

TEST_CASE("expressions are parsed at their place in the file") {
  Diagnostics d;
  auto pb = parse_yaml_playbook(
      "playbook: x\nsteps:\n  - id: a\n    transitions:\n      - {when: tenant.managed, to: a}\n"
      "      - when: \"task(1)\"\n        to: a\n",
      "t.yaml", d);
  REQUIRE(pb);
  INFO(render(d));
  CHECK(d.empty());
  REQUIRE(pb->steps[0].transitions.size() == 2);
  REQUIRE(pb->steps[0].transitions[0].guard);
  CHECK(pb->steps[0].transitions[0].trigger == TriggerKind::When);
  CHECK(pb->steps[0].transitions[0].guard->loc.str() == "t.yaml:5:16");
  CHECK(pb->steps[0].transitions[1].guard->loc.str() == "t.yaml:6:16");
}

TEST_CASE("hostile inputs neither crash nor hang") {
  auto no_crash = [](const std::string& text) {
    Diagnostics d;
    parse_yaml_playbook(text, "t.yaml", d);
    return d.has_errors();
  };
  CHECK(no_crash(std::string(100000, '[')));
  CHECK(no_crash(std::string(100000, '{')));
  std::string dashes;
  for (int i = 0; i < 5000; ++i) dashes += "- ";
  CHECK(no_crash(dashes + "x\n"));
  std::string nested = "playbook: x\ntenant:\n";
  std::string pad = "  ";
  for (int i = 0; i < 80; ++i, pad += "    ")
    nested += pad + "r: {type: records, key: k, fields:\n" + pad + "  }\n";
  CHECK(no_crash(nested));
  CHECK(no_crash("playbook: x\ntitle: " + std::string(10 << 20, 'a') + "\n") == false);
  CHECK(no_crash("playbook: x\ntitle: \"abc"));
  CHECK(no_crash("playbook: x\nsteps:\n  - id: a\n    transitions:\n      - {after"));
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'k'; ++c)
    bomb += fmt::format("{}: &{} [*{}, *{}, *{}, *{}, *{}, *{}, *{}, *{}, *{}, *{}]\n", c, c, c - 1,
                        c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1);
  bomb += "playbook: x\nmotions: *k\n";
  CHECK(no_crash(bomb));
}

TEST_CASE("records nested deeper than 64 levels are PB006") {
  std::string text = "playbook: x\ntenant:\n  r0: ";
  for (int i = 0; i < 70; ++i) text += "{type: records, key: k, fields: {r: ";
  text += "{type: int}";
  for (int i = 0; i < 70; ++i) text += "}}";
  text += "\n";
  std::string out = errors_of(text);
  CHECK(out.find("PB006 nesting deeper than 64 levels") != std::string::npos);
}

TEST_CASE("a second document is PB001, and never hangs yaml-cpp") {
  CHECK(errors_of("playbook: x\n---\nplaybook: y\n") ==
        "2:1 PB001 a file holds one YAML document; a second one starts here\n");
  CHECK(errors_of("---\nplaybook: x\n") == "");
  // Found by fuzz_yaml: YAML::LoadAll loops forever on this input.
  std::string hang =
      test::slurp(std::string(PB_SOURCE_DIR) + "/tests/data/fuzz/yaml-loadall-hang.yaml");
  REQUIRE(!hang.empty());
  CHECK(errors_of(hang) != "");
}

TEST_CASE("control characters are PB003 and stop the parse") {
  CHECK(errors_of(std::string("playbook: x\ntitle: \"a\0b\"\n", 24)) ==
        "2:10 PB003 control character U+0000 is not allowed\n");
  CHECK(errors_of("playbook: x\x01\n") == "1:12 PB003 control character U+0001 is not allowed\n");
}

TEST_CASE("inputs found by fuzz_yaml keep the fuzz contract") {
  namespace fs = std::filesystem;
  for (const auto& e : fs::directory_iterator(std::string(PB_SOURCE_DIR) + "/tests/data/fuzz")) {
    if (!e.path().filename().string().starts_with("yaml-")) continue;
    INFO(e.path().string());
    std::string text = test::slurp(e.path().string());
    Diagnostics d;
    auto pb = parse_yaml_playbook(text, "f.yaml", d);
    if (pb) (void)print_yaml(*pb);  // partial models must print too
    if (!pb || d.has_errors()) continue;
    std::string once = print_yaml(*pb);
    Diagnostics d2;
    auto back = parse_yaml_playbook(once, "g.yaml", d2);
    INFO(render(d2));
    REQUIRE(back);
    CHECK(*back == *pb);
    CHECK(print_yaml(*back) == once);
  }
}

TEST_CASE("expression errors point into the YAML file") {
  CHECK(errors_of(
            "playbook: x\nrules:\n  - {id: r, message: M, on: {event: e}, require: tenant.a and}\n"
            "steps:\n  - id: a\n    transitions:\n      - when: \"tenant.x == = 3\"\n"
            "        to: a\n") ==
        "3:62 PB001 expected an expression after 'and'\n"
        "7:28 PB001 expected an expression after the comparison\n");
}

TEST_CASE("nesting past yaml-cpp's guard is PB006") {
  std::string out = errors_of("playbook: x\nmotions: " + std::string(5000, '[') + "\n");
  CHECK(out.find("PB006 YAML nested too deeply") != std::string::npos);
}

TEST_CASE("anchors and aliases read as the nodes they name") {
  Diagnostics d;
  auto pb = parse_yaml_playbook(
      "playbook: x\nsteps:\n  - id: a\n    services: &all [All Services]\n"
      "    enter: &hello\n      - send: {template: Hello}\n"
      "    transitions:\n      - {event: e, to: b, do: *hello}\n"
      "  - id: b\n    services: *all\n    enter: *hello\n    end: done\n",
      "t.yaml", d);
  INFO(render(d));
  REQUIRE(pb);
  CHECK(d.empty());
  CHECK(pb->steps[1].services == std::vector<std::string>{"All Services"});
  CHECK(pb->steps[1].enter == pb->steps[0].enter);
  CHECK(pb->steps[0].transitions[0].actions == pb->steps[0].enter);
}
