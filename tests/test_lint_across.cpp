// test_lint_across.cpp — what must agree across files, on playbooks written as
// DSL text: the task catalog (PB070: names after NFC, flags, roles by display
// name, services as a set; reported once, on the place that differs, naming
// the others), attribute, enum and payload types (PB071) and playbook ids
// (PB021), each with its related locations.
#include <catch2/catch.hpp>

#include "grammar/frontend.hpp"
#include "interpreter/checker.hpp"
#include "interpreter/text_compare.hpp"

using namespace pb;

namespace {

struct Linted {
  Diagnostics diags;
  std::vector<const Diagnostic*> with(std::string_view code) const {
    std::vector<const Diagnostic*> out;
    for (const auto& d : diags.items())
      if (to_string(d.code) == code) out.push_back(&d);
    return out;
  }
  std::string dump() const {
    std::string s;
    for (const auto& d : diags.items())
      s += d.loc.str() + " " + std::string(to_string(d.code)) + " " + d.message + "\n";
    return s;
  }
};

// Each text is one file, f1.playbook, f2.playbook, … in that (path) order.
Linted lint(std::vector<std::string> files, const char* schema = nullptr) {
  Linted out;
  Project project;
  if (schema) {
    Diagnostics d;
    project.schema = parse_yaml_schema(schema, "tenant.schema.yaml", d);
    REQUIRE_FALSE(d.has_errors());
  }
  for (size_t i = 0; i < files.size(); ++i) {
    std::string name = "f" + std::to_string(i + 1) + ".playbook";
    Diagnostics parse;
    auto pb = parse_dsl(files[i], name, parse);
    INFO(name << ": " << (parse.empty() ? "" : parse.items()[0].message));
    REQUIRE_FALSE(parse.has_errors());
    project.playbooks.push_back(std::move(*pb));
    project.files.push_back(name);
  }
  if (schema) project.files.push_back("tenant.schema.yaml");
  check_project(project, out.diags);
  out.diags.sort();
  return out;
}

// One playbook `id` whose task 3704 is `task_line`, owned by step a.
std::string with_task(const std::string& id, const std::string& role_line,
                      const std::string& task_line, const std::string& extra = "") {
  return "playbook " + id + " {\n  " + role_line + "\n  " + task_line + "\n" + extra +
         "  start a\n  step a {\n    tasks 3704\n    end \"x\"\n  }\n}\n";
}

}  // namespace

TEST_CASE("PB070 compares a task's role by its display name, not its local id", "[catalog]") {
  auto same =
      lint({with_task("one", "role targeting_manager \"Targeting Manager\"",
                      "task 3704 \"Customer Unresponsive\" optional role targeting_manager"),
            with_task("two", "role tm \"Targeting Manager\"",
                      "task 3704 \"Customer Unresponsive\" optional role tm")});
  INFO(same.dump());
  CHECK(same.with("PB070").empty());

  auto renamed = lint({with_task("one", "role tm \"FastTrack Manager\"",
                                 "task 3704 \"Customer Unresponsive\" optional role tm"),
                       with_task("two", "role tm \"Targeting Manager\"",
                                 "task 3704 \"Customer Unresponsive\" optional role tm")});
  INFO(renamed.dump());
  auto found = renamed.with("PB070");
  REQUIRE(found.size() == 1);
  CHECK(found[0]->loc.str() == "f2.playbook:3:3");
  CHECK(
      found[0]->message ==
      "task 3704 has role \"Targeting Manager\" here but \"FastTrack Manager\" at f1.playbook:3:3");
}

TEST_CASE("PB070 compares services as a set", "[catalog]") {
  auto t = [](const char* services) {
    return std::string("task 3704 \"Customer Unresponsive\" optional role fm services ") + services;
  };
  auto alike = lint({with_task("one", "role fm \"FM\"", t("\"Teams\", \"Exchange\"")),
                     with_task("two", "role fm \"FM\"", t("\"Exchange\", \"Teams\""))});
  CHECK(alike.with("PB070").empty());
  auto differ = lint({with_task("one", "role fm \"FM\"", t("\"All Services\"")),
                      with_task("two", "role fm \"FM\"", t("\"Teams\""))});
  INFO(differ.dump());
  auto found = differ.with("PB070");
  REQUIRE(found.size() == 1);
  CHECK(found[0]->message ==
        "task 3704 has services \"Teams\" here but services \"All Services\" at f1.playbook:3:3");
}

TEST_CASE("PB070 compares names after NFC and explains invisible differences", "[catalog]") {
  auto nfc_nfd =
      lint({with_task("one", "role fm \"FM\"", "task 3704 \"Revis\u00e3o\" optional role fm"),
            with_task("two", "role fm \"FM\"", "task 3704 \"Revisa\u0303o\" optional role fm")});
  INFO(nfc_nfd.dump());
  CHECK(nfc_nfd.with("PB070").empty());

  auto spaces = lint(
      {with_task("one", "role fm \"FM\"", "task 3704 \"Customer Unresponsive\" optional role fm"),
       with_task("two", "role fm \"FM\"",
                 "task 3704 \"Customer Unresponsive \" optional role fm")});
  REQUIRE(spaces.with("PB070").size() == 1);
  CHECK(spaces.with("PB070")[0]->message ==
        "task 3704 is named \"Customer Unresponsive \" here but \"Customer Unresponsive\" at "
        "f1.playbook:3:3; the names differ only by a trailing SPACE (U+0020) at column 22 here");

  auto zwsp = lint(
      {with_task("one", "role fm \"FM\"",
                 "task 3704 \"Customer\\u{200B} Unresponsive\" optional role fm"),
       with_task("two", "role fm \"FM\"", "task 3704 \"Customer Unresponsive\" optional role fm")});
  REQUIRE(zwsp.with("PB070").size() == 1);
  CHECK(
      zwsp.with("PB070")[0]->message ==
      "task 3704 is named \"Customer Unresponsive\" here but \"Customer\\u{200B} Unresponsive\" at "
      "f1.playbook:3:3; the names differ only by a ZERO WIDTH SPACE (U+200B) at column 9 in the "
      "one at f1.playbook:3:3");
}

TEST_CASE("PB070 is reported once, on the place that differs, naming every other place",
          "[catalog]") {
  auto task = [](const char* name, const char* flag) {
    return std::string("task 3704 \"") + name + "\" " + flag + " role fm";
  };
  auto r = lint({with_task("one", "role fm \"FM\"", task("Customer Unresponsive", "optional")),
                 with_task("two", "role fm \"FM\"", task("Customer unresponsive", "mandatory")),
                 with_task("three", "role fm \"FM\"", task("Customer Unresponsive", "mandatory"))});
  INFO(r.dump());
  auto found = r.with("PB070");
  REQUIRE(found.size() == 2);
  // The flag: two and three say mandatory, so one is the odd one out.
  CHECK(found[0]->loc.str() == "f1.playbook:3:3");
  CHECK(found[0]->message ==
        "task 3704 is optional here but mandatory at f2.playbook:3:3 and f3.playbook:3:3");
  CHECK(found[1]->loc.str() == "f2.playbook:3:3");
  CHECK(found[1]->message ==
        "task 3704 is named \"Customer unresponsive\" here but \"Customer Unresponsive\" at "
        "f1.playbook:3:3 and f3.playbook:3:3");
  REQUIRE(found[1]->related.size() == 2);
  CHECK(found[1]->related[0].loc.str() == "f1.playbook:3:3");
  CHECK(found[1]->related[0].message == "task 3704 is named \"Customer Unresponsive\" here");
  CHECK(found[1]->related[1].loc.str() == "f3.playbook:3:3");
}

TEST_CASE("PB071: an attribute, record field, enum or payload field with two types", "[catalog]") {
  auto pb = [](const char* id, const char* tenant, const char* payload) {
    return std::string("playbook ") + id + " {\n  event paused \"Paused\" { " + payload +
           " }\n  tenant {\n    " + tenant +
           "\n  }\n  start a\n  step a {\n    on paused -> b\n    after 1 week -> b\n  }\n"
           "  step b { end \"x\" }\n}\n";
  };
  auto r = lint(
      {pb("one",
          "attr seats int attr l1 enum(\"In Progress\", Blocked) attr w records wl { attr esd date }",
          "attr until date"),
       pb("two",
          "attr seats string attr l1 enum(Blocked, \"In Progress\") attr w records wl { attr esd string }",
          "attr until string")});
  INFO(r.dump());
  auto found = r.with("PB071");
  REQUIRE(found.size() == 3);
  CHECK(found[0]->message ==
        "payload field 'until' of event 'paused' is string here but date at f1.playbook:2:27");
  CHECK(found[1]->message == "tenant attribute 'seats' is string here but int at f1.playbook:4:5");
  CHECK(found[2]->message ==
        "tenant attribute 'w.esd' is string here but date at f1.playbook:4:77");
  CHECK(found[1]->related.at(0).loc.str() == "f1.playbook:4:5");
}

TEST_CASE("PB071 against the shared schema replaces PB020; the same type stays PB020",
          "[catalog]") {
  const char* schema = "schema: tenant\nattributes:\n  seats: {type: int}\n";
  auto pb = [](const char* type) {
    return std::string("playbook one {\n  tenant { attr seats ") + type +
           " }\n  start a\n  step a {\n    when tenant.seats == tenant.seats -> b\n    otherwise -> b\n  }\n"
           "  step b { end \"x\" }\n}\n";
  };
  auto differ = lint({pb("string")}, schema);
  INFO(differ.dump());
  CHECK(differ.with("PB020").empty());
  REQUIRE(differ.with("PB071").size() == 1);
  CHECK(differ.with("PB071")[0]->message ==
        "tenant attribute 'seats' is string here but int at tenant.schema.yaml:3:3");
  auto same = lint({pb("int")}, schema);
  CHECK(same.with("PB071").empty());
  CHECK(same.with("PB020").size() == 1);
}

TEST_CASE("PB021 names the other file as a related location", "[catalog]") {
  auto r = lint({with_task("one", "role fm \"FM\"", "task 3704 \"X\" optional role fm"),
                 with_task("one", "role fm \"FM\"", "task 3704 \"X\" optional role fm")});
  auto found = r.with("PB021");
  REQUIRE(found.size() == 1);
  CHECK(found[0]->loc.str() == "f2.playbook:1:1");
  REQUIRE(found[0]->related.size() == 1);
  CHECK(found[0]->related[0].loc.str() == "f1.playbook:1:1");
}

TEST_CASE("text_compare: NFC, invisible differences by name, quoting", "[catalog]") {
  CHECK(same_text("Revis\u00e3o", "Revisa\u0303o"));
  CHECK_FALSE(same_text("a b", "a  b"));
  auto d = invisible_difference("a\u00a0b", "a b");
  REQUIRE(d);
  CHECK(describe(*d) == "a NO-BREAK SPACE (U+00A0) at column 2");
  CHECK(d->in_first);
  d = invisible_difference("a b", "a  b");
  REQUIRE(d);
  CHECK(describe(*d) == "a SPACE (U+0020) at column 3");
  CHECK_FALSE(d->in_first);
  d = invisible_difference("\u2009ab", "ab");
  REQUIRE(d);
  CHECK(describe(*d) == "a leading THIN SPACE (U+2009) at column 1");
  CHECK_FALSE(invisible_difference("ab", "ac"));
  CHECK(quoted("a\u200bb\"c") == "\"a\\u{200B}b\\\"c\"");
}
