// test_dsl_errors.cpp — parse_dsl on bad input: exact messages and
// positions (in the style of ninja's manifest_parser_test), "did you mean",
// several errors per file, PB011/PB014/PB090/PB006, and inputs that must not
// crash or hang (truncated files, huge lines, deep nesting).
#include <catch2/catch.hpp>

#include <filesystem>

#include "dsl_fixtures.hpp"

using namespace pb;
using dsl_test::errors_of;

namespace {

std::string in_step(const std::string& body) {
  return "playbook a {\n  step s {\n    " + body + "\n  }\n}\n";
}

}  // namespace

TEST_CASE("dsl errors: empty and non-playbook files") {
  CHECK(errors_of("") == "1:1: PB014 empty file: expected 'playbook ID {'\n");
  CHECK(errors_of("  # just a comment\n\n") == "1:1: PB014 empty file: expected 'playbook ID {'\n");
  CHECK(errors_of("playbok a {}") ==
        "1:1: PB001 expected 'playbook ID {' [did you mean 'playbook'?]\n");
  CHECK(errors_of("{}") == "1:1: PB001 expected 'playbook ID {'\n");
  CHECK(
      errors_of("playbook A {}") ==
      "1:10: PB001 expected a playbook id (lowercase letters, digits and '-') after 'playbook'\n");
  CHECK(errors_of("playbook a\n") == "2:1: PB001 expected '{' after the playbook id\n");
  CHECK(errors_of("playbook a {") == "1:13: PB001 expected '}' to close the playbook\n");
  CHECK(errors_of("playbook a {}\nstep") ==
        "2:1: PB001 unexpected text after the playbook's closing '}'\n");
  CHECK(errors_of("\xEF\xBB\xBF") == "1:1: PB014 empty file: expected 'playbook ID {'\n");
}

TEST_CASE("dsl errors: unknown words get 'did you mean' against the words valid there") {
  CHECK(errors_of("playbook a {\n  titel \"x\"\n}\n") ==
        "2:3: PB001 unknown item 'titel' [did you mean 'title'?]\n");
  CHECK(errors_of(in_step("otherwize -> s")) ==
        "3:5: PB001 unknown step item 'otherwize' [did you mean 'otherwise'?]\n");
  CHECK(errors_of(in_step("enter { compelte 3 }")) ==
        "3:13: PB001 unknown action 'compelte' [did you mean 'complete'?]\n");
  CHECK(errors_of("playbook a {\n  tenant { attr x boool }\n}\n") ==
        "2:19: PB001 unknown type 'boool' [did you mean 'bool'?]\n");
  CHECK(errors_of("playbook a {\n  zzzzzz 1\n}\n") == "2:3: PB001 unknown item 'zzzzzz'\n");
  CHECK(errors_of(in_step("after 2 bussiness days -> s")) ==
        "3:13: PB001 unknown unit 'bussiness': use business days, business hours, days, weeks, "
        "hours or months [did you mean 'business'?]\n");
  CHECK(errors_of(in_step("after 2 fortnights -> s")) ==
        "3:13: PB001 unknown unit 'fortnights': use business days, business hours, days, weeks, "
        "hours or months\n");
  // A note kind is a word a playbook may declare: an unknown one is the
  // checker's (PB140, tests/test_words_people.cpp), not a syntax error.
  CHECK(errors_of(in_step("enter { note staus \"x\" }")).empty());
  CHECK(errors_of("playbook a {\n  42\n}\n") ==
        "2:3: PB001 expected an item (title, role, task, event, rule, start, step, ...) or '}'\n");
}

TEST_CASE("dsl errors: transitions say what was expected, where") {
  CHECK(
      errors_of(in_step("on customer_replied done")) ==
      "3:25: PB001 expected '->' and a step id, or '{' and actions to stay in the step, after the event name\n");
  CHECK(
      errors_of(in_step("on task 12 done")) ==
      "3:16: PB001 expected '->' and a step id, or '{' and actions to stay in the step, after the task id\n");
  CHECK(
      errors_of(in_step("on x when a b")) ==
      "3:17: PB001 expected '->' and a step id, or '{' and actions to stay in the step, after the condition\n");
  CHECK(errors_of(in_step("on x when -> s")) == "3:15: PB001 expected a condition after 'when'\n");
  CHECK(errors_of(in_step("on -> s")) ==
        "3:8: PB001 expected an event name, 'return', or 'task' and a task id after 'on'\n");
  CHECK(errors_of(in_step("on x ->")) == "4:3: PB001 expected a step id after '->'\n");
  CHECK(errors_of(in_step("after 2 -> s")) ==
        "3:13: PB001 expected a unit after the number: business days, business hours, days, "
        "weeks, hours or months\n");
  CHECK(errors_of(in_step("after 2 business weeks -> s")) ==
        "3:22: PB001 expected 'days' or 'hours' after 'business'\n");
  CHECK(errors_of(in_step("after two days -> s")) ==
        "3:11: PB001 expected a number after 'after'\n");
  CHECK(errors_of(in_step("at tenant.d - 2 weeks -> s")) ==
        "3:21: PB001 expected 'days' after the number\n");
  CHECK(errors_of(in_step("when a = 1 -> s")) ==
        "3:12: PB001 '=' sets a value (in `set`); to compare write '=='\n");
  CHECK(errors_of(in_step("otherwise s")) ==
        "3:15: PB001 expected '->' and a step id after 'otherwise'\n");
  CHECK(errors_of(in_step("on x -> s { complete }")) ==
        "3:26: PB001 expected a task id (a number)\n");
}

TEST_CASE("dsl errors: parallel regions and join say what was expected, where") {
  CHECK(errors_of(in_step("join a, b when tenant.x -> s")).empty());
  CHECK(errors_of(in_step("join a b -> s")) ==
        "3:12: PB001 expected ',' between the items of the list\n");
  CHECK(errors_of(in_step("join -> s")) ==
        "3:10: PB001 expected 'all' or the regions to wait for (ids, separated by ',') after "
        "'join'\n");
  CHECK(errors_of(in_step("join a, -> s")) == "3:13: PB001 expected a region id\n");
  CHECK(errors_of(in_step("parallel region a { step x { done } } }")) ==
        "3:14: PB001 expected '{' and regions after 'parallel'\n");
  CHECK(errors_of(in_step("parallel { region { step x { done } } }")) ==
        "3:23: PB001 expected a region id after 'region'\n");
  CHECK(errors_of(in_step("parallel { region a { on x -> s } }")) ==
        "3:27: PB001 expected 'step ID { … }' or '}' in the region\n");
  // Found by fuzz_dsl: a region's steps are told by its id, so two regions
  // with one id cannot print back; the front end refuses them.
  CHECK(errors_of(
            in_step("parallel { region a { step x { done } } region a { step y { done } } }")) ==
        "3:52: PB114 step 's' has two regions 'a': `join` and `status` name a region by its id; "
        "rename one\n");
  CHECK(errors_of(in_step("parallel { step x { done } }")) ==
        "3:16: PB001 expected 'region ID { steps }' or '}' in 'parallel'\n");
}

TEST_CASE("dsl errors: actions, steps, catalog") {
  CHECK(errors_of(in_step("enter { note \"x\" }")) ==
        "3:18: PB001 expected the note kind (status, technical, engagement or a declared "
        "kind)\n");
  CHECK(errors_of(in_step("enter { set a.b 1 }")) ==
        "3:21: PB001 expected '=' and a value after the path\n");
  CHECK(errors_of(in_step("enter { require x \"m\" }")) ==
        "3:23: PB001 expected 'else' and a message after the condition\n");
  CHECK(errors_of(in_step("enter { unassign fm }")) ==
        "3:25: PB001 expected the queue name (a string) or 'me'\n");
  CHECK(errors_of(in_step("enter { each w in x.y ")) == "4:3: PB001 expected '{' and actions\n");
  CHECK(errors_of(in_step("enter { complete 1")) ==
        "6:1: PB001 expected '}' to close the playbook\n");
  CHECK(errors_of(in_step("goto assign")) ==
        "3:10: PB001 expected 'playbook' and a playbook id after 'goto'\n");
  CHECK(errors_of("playbook a {\n  step s\n}\n") == "3:1: PB001 expected '{' to open the step\n");
  CHECK(errors_of("playbook a {\n  step s {\n") == "3:1: PB001 expected '}' to close the step\n");
  CHECK(errors_of("playbook a {\n  task 1 \"x\" role fm\n}\n") ==
        "2:14: PB001 expected 'mandatory' or 'optional' after the task name\n");
  CHECK(errors_of("playbook a {\n  task 1 \"x\" optional fm\n}\n") ==
        "2:23: PB001 expected 'role' and a role id after 'mandatory' or 'optional'\n");
  CHECK(errors_of("playbook a {\n  role fm\n}\n") ==
        "3:1: PB001 expected the role's name (a string) after the role id\n");
  CHECK(errors_of("playbook a {\n  rule r \"m\" on paused require true\n}\n") ==
        "2:17: PB001 expected 'complete TASK', 'set PATH' or 'event ID' after 'on'\n");
  CHECK(errors_of("playbook a {\n  tenant { attr x enum(a, ) }\n}\n") ==
        "2:27: PB001 expected an enum value (a name or a string)\n");
  CHECK(errors_of("playbook a {\n  title \"unterminated\n}\n") ==
        "2:22: PB001 unterminated string: expected '\"' before the end of the line\n");
}

TEST_CASE("dsl errors: several syntax errors in one file") {
  std::string text =
      "playbook a {\n"
      "  step one {\n"
      "    on x done\n"
      "    after 1 day -> two\n"
      "  }\n"
      "\n"
      "  step two {\n"
      "    enter { complete }\n"
      "  }\n"
      "\n"
      "  step three {\n"
      "    end \"ok\"\n"
      "  }\n"
      "}\n";
  CHECK(
      errors_of(text) ==
      "3:10: PB001 expected '->' and a step id, or '{' and actions to stay in the step, after the event name\n"
      "8:22: PB001 expected a task id (a number)\n");
  Diagnostics d;
  auto m = parse_dsl(text, "t.playbook", d);
  REQUIRE(m);  // partial
  REQUIRE(m->steps.size() == 3);
  CHECK(m->steps[2].terminal_arg == "ok");
}

TEST_CASE("dsl errors: a missing '}' is named, and parsing goes on after it") {
  std::string text =
      "playbook a {\n"
      "  step a {\n"
      "    on x -> b\n"
      "\n"
      "  # About b\n"
      "  step b {\n"
      "    end \"x\"\n"
      "  }\n"
      "}\n";
  CHECK(errors_of(text) == "6:3: PB001 expected '}' to close the step before 'step'\n");
  Diagnostics d;
  auto m = parse_dsl(text, "t.playbook", d);
  REQUIRE(m);
  REQUIRE(m->steps.size() == 2);
  CHECK(m->steps[1].comments.lines == std::vector<std::string>{"About b"});
  CHECK(m->steps[1].terminal_arg == "x");
  CHECK(errors_of(in_step("enter { complete 1\n    on x -> s")) ==
        "4:5: PB001 expected '}' to close the block before 'on'\n");
  CHECK(errors_of("playbook a {\n  on x -> s\n}\n") ==
        "2:3: PB001 'on' belongs inside a step: step ID { ... }\n");
}

TEST_CASE("dsl errors: comments above the item where parsing resumes are kept") {
  std::string text =
      "playbook a {\n"
      "  step a {\n"
      "    on x done\n"
      "  }\n"
      "\n"
      "  # About b\n"
      "  #\n"
      "\n"
      "  # More\n"
      "  step b {\n"
      "  }\n"
      "}\n";
  Diagnostics d;
  auto m = parse_dsl(text, "t.playbook", d);
  REQUIRE(m);
  CHECK(d.items().size() == 1);
  REQUIRE(m->steps.size() == 2);
  CHECK(m->steps[1].comments.lines == std::vector<std::string>{"About b", "", "More"});
}

TEST_CASE("dsl errors: header and step items given twice are PB011") {
  CHECK(errors_of("playbook a {\n  title \"x\"\n  start s\n  title \"y\"\n  start t\n}\n") ==
        "4:3: PB011 'title' is given twice (first at line 2)\n"
        "5:3: PB011 'start' is given twice (first at line 3)\n");
  CHECK(errors_of(in_step("role a\n    role b\n    end \"x\"\n    goto playbook b")) ==
        "4:5: PB011 'role' is given twice (first at line 3)\n"
        "6:5: PB011 'end/goto/handoff' is given twice (first at line 5)\n");
  CHECK(errors_of("playbook a {\n  step s role x {\n    role y\n  }\n}\n") ==
        "3:5: PB011 'role' is given twice (first at line 2)\n");
}

TEST_CASE("dsl errors: an invisible character is PB003 once, not also a syntax error") {
  CHECK(errors_of("playbook a {\n  start\xC2\xA0s\n}\n") ==
        "2:8: PB003 invisible character U+00A0 (no-break space)\n");
  CHECK(errors_of("playbook a {\n\xEF\xBB\xBF  start s\n}\n") ==
        "2:1: PB003 invisible character U+FEFF (byte-order mark)\n");
  CHECK(errors_of("playbook a {\n  start s\xE2\x80\x8B\n}\n") ==
        "2:10: PB003 invisible character U+200B (zero-width space)\n");
  CHECK(errors_of("playbook a {\n  step s {\n    on e -> s_\xE2\x80\x8B"
                  "2\n  }\n}\n") == "3:15: PB003 invisible character U+200B (zero-width space)\n");
  CHECK(errors_of("\xFFplaybook a {}") ==
        "1:1: PB002 invalid UTF-8 byte 0xFF; playbook files must be UTF-8\n");
}

TEST_CASE("dsl errors: impossible values are PB090") {
  CHECK(errors_of(in_step("when tenant.d < 2026-02-30 -> s")) ==
        "3:21: PB090 2026-02-30 is not a calendar date\n");
  CHECK(errors_of("playbook a {\n  version 99999999999999999999\n}\n") ==
        "2:11: PB090 number 99999999999999999999 is too large\n");
}

TEST_CASE("dsl errors: nesting is bounded (PB006)") {
  std::string deep = "playbook a {\n  step s {\n    enter {";
  for (int i = 0; i < 100; ++i) deep += " each x in y {";
  std::string errs = errors_of(deep);
  CHECK(errs.find("PB006 nested too deeply (more than 64 levels)") != std::string::npos);
  std::string parens = in_step("when " + std::string(100000, '(') + " -> s");
  CHECK(errors_of(parens).find("PB006") != std::string::npos);
  std::string chain = "x";
  for (int i = 0; i < 100000; ++i) chain += " + x";
  CHECK(errors_of(in_step("when " + chain + " > 1 -> s")).find("PB006") != std::string::npos);
  std::string records = "playbook a {\n  tenant {";
  for (int i = 0; i < 100; ++i) records += " attr r records k {";
  CHECK(errors_of(records).find("PB006") != std::string::npos);
}

TEST_CASE("dsl errors: nothing crashes or hangs on hostile input") {
  std::string full = dsl_test::all_constructs();
  for (size_t n = 0; n < full.size(); n += 7) {  // every truncation
    Diagnostics d;
    auto m = parse_dsl(full.substr(0, n), "t.playbook", d);
    if (m) (void)print_dsl(*m);
  }
  std::string braces(100000, '{');
  CHECK(errors_of(braces) == "1:1: PB001 expected 'playbook ID {'\n");
  CHECK(!errors_of("playbook a { " + braces).empty());
  std::string huge = "playbook a {\n  title \"" + std::string(10 << 20, 'x') + "\"\n}\n";
  CHECK(errors_of(huge).empty());
  std::string huge_word = "playbook a {\n  " + std::string(10 << 20, 'x') + "\n}\n";
  CHECK(errors_of(huge_word).find("unknown item 'xxxx") != std::string::npos);
  std::string many_errors = "playbook a {\n";
  for (int i = 0; i < 1000; ++i) many_errors += "  task x\n";
  std::string errs = errors_of(many_errors);
  CHECK(errs.find("too many syntax errors") != std::string::npos);
  CHECK(errors_of(std::string("playbook a {\0}", 14)).find(": PB003 control character U+0000") !=
        std::string::npos);
}

TEST_CASE("dsl errors: a known mistake in an expression is named, not 'expected ...'") {
  CHECK(errors_of(in_step("when a && b -> s")) ==
        "3:12: PB001 '&&' is not an operator of the playbook language; write 'and'\n");
  CHECK(errors_of(in_step("when !a -> s")) ==
        "3:10: PB001 '!' is not an operator of the playbook language; write 'not'\n");
  CHECK(errors_of(in_step("when a <> 1 -> s")) ==
        "3:12: PB001 '<>' is not an operator of the playbook language; write '!='\n");
  CHECK(errors_of(in_step("when a > 2.5 -> s")).empty());  // a decimal
  CHECK(errors_of(in_step("when a > 2.5.1 -> s")) != "");
  CHECK(
      errors_of(in_step("when a in [1,000, 2] -> s")) ==
      "3:16: PB001 numbers are written without separators: write 1000, not 1,000 (for two items of "
      "a list, put a space after the ',')\n");
  CHECK(errors_of(in_step("when a == 'x' -> s")) ==
        "3:15: PB001 strings are written in double quotes: \"…\"\n");
  CHECK(errors_of(in_step("when days_since(a) > 1 -> s")) ==
        "3:10: PB001 unknown function 'days_since'; the functions are days_until, "
        "business_days_until, visits, task, task_state, outcome, is_set, any, count, min, max "
        "and sum [did you mean "
        "'days_until'?]\n");
  CHECK(errors_of(in_step("on go when a -> s\n    if b -> s")) ==
        "4:5: PB001 unknown step item 'if' [did you mean 'when'?]\n");
}

TEST_CASE("dsl errors: inputs found by fuzz_dsl keep the fuzz contract") {
  namespace fs = std::filesystem;
  for (const auto& e : fs::directory_iterator(std::string(PB_SOURCE_DIR) + "/tests/data/fuzz")) {
    if (!e.path().filename().string().starts_with("dsl-")) continue;
    INFO(e.path().string());
    std::string text = dsl_test::slurp(e.path().string());
    REQUIRE(!text.empty());
    Diagnostics d;
    auto m = parse_dsl(text, "fuzz.playbook", d);
    if (m) (void)print_dsl(*m);  // partial models must print too
    if (!m || d.has_errors()) continue;
    std::string once = print_dsl(*m);
    Diagnostics d2;
    auto back = parse_dsl(once, "printed.playbook", d2);
    REQUIRE(back);
    CHECK(*back == *m);
    CHECK(print_dsl(*back) == once);
  }
}
