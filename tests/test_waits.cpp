// test_waits.cpp — the new units and waits that depend on a value, in both
// forms: `after N months`, `after N business hours`, `after PATH {KEY: N
// UNIT, …, else N UNIT}` parse to the same model from DSL and YAML, print
// back (fmt idempotent), read as the describe styles say, report their
// mistakes at line:col; the regional-sla test directory's scenarios (exact
// dates over weekends, holidays and a DST change in two time zones) pass
// with 100% transition coverage.
#include <catch2/catch.hpp>

#include "data_dir_check.hpp"
#include "dsl_fixtures.hpp"
#include "grammar/describe.hpp"
#include "grammar/frontend.hpp"
#include "run_binary.hpp"
#include "yaml_test_util.hpp"

using namespace pb;

namespace {

std::string dsl_with(const std::string& transitions) {
  return "playbook p {\n  title \"P\"\n\n  start a\n\n  step a {\n" + transitions +
         "  }\n\n  step b {\n    end \"done\"\n  }\n}\n";
}

const char* kKeyed =
    "    after tenant.region {APJ: 4 business hours, \"Asia Pacific\": 1 month, else 2 business "
    "days} -> b\n";

Playbook yaml_clean(const std::string& text) {
  Diagnostics d;
  auto m = parse_yaml_playbook(text, "t.playbook.yaml", d);
  INFO(test::render(d));
  REQUIRE(d.empty());
  REQUIRE(m);
  return *m;
}

}  // namespace

TEST_CASE("months and business hours in both forms", "[waits]") {
  Playbook m = dsl_test::parse_clean(
      dsl_with("    after 3 months -> b\n    after 1 month -> b\n"
               "    after 4 business hours -> b\n    after 1 business hour -> b\n"));
  const auto& t = m.steps[0].transitions;
  CHECK((t[0].amount == 3 && t[0].unit == DurationUnit::Months));
  CHECK((t[1].amount == 1 && t[1].unit == DurationUnit::Months));
  CHECK((t[2].amount == 4 && t[2].unit == DurationUnit::BusinessHours));
  CHECK(t[3].unit == DurationUnit::BusinessHours);
  CHECK(describe_trigger(t[1], TriggerStyle::Source) == "after 1 month");
  CHECK(describe_trigger(t[3], TriggerStyle::Source) == "after 1 business hour");
  std::string y = print_yaml(m);
  CHECK(y.find("{after: 3 months, to: b}") != std::string::npos);
  CHECK(y.find("{after: 1 business hour, to: b}") != std::string::npos);
  CHECK(yaml_clean(y) == m);
  CHECK(print_dsl(m) ==
        dsl_with("    after 3 months -> b\n    after 1 month -> b\n"
                 "    after 4 business hours -> b\n    after 1 business hour -> b\n"));
}

TEST_CASE("a wait by a value: DSL, YAML and back", "[waits]") {
  Playbook m = dsl_test::parse_clean(dsl_with(kKeyed));
  const Transition& t = m.steps[0].transitions[0];
  CHECK(t.trigger == TriggerKind::After);
  CHECK(t.wait_by == "tenant.region");
  CHECK(t.wait_by_loc.str() == "t.playbook:7:11");
  CHECK(t.wait_cases[1].loc.str() == "t.playbook:7:49");
  REQUIRE(t.wait_cases.size() == 3);
  CHECK((t.wait_cases[0].key == "APJ" && t.wait_cases[0].amount == 4 &&
         t.wait_cases[0].unit == DurationUnit::BusinessHours));
  CHECK((t.wait_cases[1].key == "Asia Pacific" && t.wait_cases[1].unit == DurationUnit::Months));
  CHECK((t.wait_cases[2].key.empty() && t.wait_cases[2].amount == 2 &&
         t.wait_cases[2].unit == DurationUnit::BusinessDays));
  CHECK((t.amount == 0 && t.unit == DurationUnit::Days));
  CHECK(print_dsl(m) == dsl_with(kKeyed));  // fmt is the identity on canonical text

  std::string y = print_yaml(m);
  INFO(y);
  CHECK(
      y.find("      - after:\n"
             "          tenant.region: {APJ: 4 business hours, \"Asia Pacific\": 1 month, else: 2 "
             "business days}\n"
             "        to: b\n") != std::string::npos);
  Playbook back = yaml_clean(y);
  CHECK(back == m);
  CHECK(print_yaml(back) == y);
  CHECK(print_dsl(back) == print_dsl(m));
}

TEST_CASE("a wait by a value in every describe style", "[waits]") {
  Playbook m = dsl_test::parse_clean(dsl_with(kKeyed));
  const Transition& t = m.steps[0].transitions[0];
  CHECK(describe_trigger(t, TriggerStyle::Compact) ==
        "after tenant.region {APJ: 4 business hours, \"Asia Pacific\": 1 month, else 2 business "
        "days}");
  CHECK(describe_trigger(t, TriggerStyle::Graph) ==
        "after tenant.region\nAPJ: 4 business hours\n\"Asia Pacific\": 1 month\nelse: 2 business "
        "days");
  CHECK(describe_trigger(t, TriggerStyle::Sentence) ==
        "after tenant.region {APJ: 4 business hours, \"Asia Pacific\": 1 month, otherwise 2 "
        "business days}");
}

TEST_CASE("DSL errors in units and waits by a value", "[waits]") {
  CHECK(dsl_test::errors_of(dsl_with("    after 2 fortnights -> b\n")) ==
        "7:13: PB001 unknown unit 'fortnights': use business days, business hours, days, weeks, "
        "hours or months\n");
  CHECK(dsl_test::errors_of(dsl_with("    after tenant.region APJ: 2 days -> b\n")) ==
        "7:25: PB001 expected '{' and `VALUE: N UNIT` cases after the attribute path\n");
  CHECK(dsl_test::errors_of(dsl_with("    after tenant.region {APJ 2 days} -> b\n")) ==
        "7:30: PB001 expected ':' and a duration after the value\n");
  CHECK(dsl_test::errors_of(dsl_with("    after tenant.region {APJ: 2 days; else 1 day} -> b\n")) ==
        "7:37: PB001 expected ',' or '}' after the case\n");
  CHECK(dsl_test::errors_of(dsl_with("    after tenant.region {APJ: two days} -> b\n")) ==
        "7:31: PB001 expected a number (the duration) after ':' or 'else'\n");
}

TEST_CASE("YAML errors in waits by a value", "[waits]") {
  auto errors = [](const std::string& after) {
    Diagnostics d;
    parse_yaml_playbook(
        "playbook: p\ntitle: P\nstart: a\nsteps:\n  - id: a\n    transitions:\n"
        "      - after: " +
            after + "\n        to: b\n  - {id: b, end: done}\n",
        "t.playbook.yaml", d);
    d.sort();
    return test::render(d);
  };
  CHECK(errors("{tenant.region: {APJ: 2 days}}").empty());
  CHECK(errors("{tenant.region: {APJ: 2 fortnights}}") ==
        "7:38 PB090 a case of 'after' must be \"INT UNIT\" with UNIT business days, business "
        "hours, days, weeks, hours or months; got '2 fortnights'\n");
  CHECK(errors("{tenant.region: {APJ: 2 days}, tenant.l1: {x: 1 day}}") ==
        "7:16 PB012 'after' by a value takes one attribute path mapped to its cases, e.g. "
        "{tenant.region: {APJ: 3 business days, else: 2 business days}}\n");
  CHECK(errors("{\"tenant region\": {APJ: 2 days}}") ==
        "7:17 PB090 'tenant region' is not an attribute path\n");
  CHECK(errors("{tenant.region: [APJ]}") ==
        "7:32 PB012 'tenant.region' must be a mapping, got a list\n");
}

TEST_CASE("regional SLA scenarios: exact dates, two time zones, 100% coverage", "[waits][cli]") {
  pbtest::check_data_dir("tests/data/waits", 5);
}
