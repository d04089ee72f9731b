// test_scenario.cpp — scenario tests (runtime/scenario.hpp, cli/cmd_test.cpp):
// the loader's errors with their exact messages and positions, a
// deliberately failing scenario (tests/data/scenarios/, outside playbooks/)
// failing with the right message, and the bundled suite passing.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "cli/run_common.hpp"
#include "run_binary.hpp"
#include "runtime/scenario.hpp"
#include "source/scenario_loader.hpp"

namespace {

const std::string kSrc = PB_SOURCE_DIR;

// Every diagnostic as "line:col CODE message[ | hint]".
std::vector<std::string> load_errors(const std::string& text) {
  pb::Diagnostics d;
  auto s = pb::scen::load_scenario(text, "x.scenario.yaml", kSrc + "/playbooks/samples", d);
  d.sort();
  std::vector<std::string> out;
  for (const auto& x : d.items())
    out.push_back(std::to_string(x.loc.line) + ":" + std::to_string(x.loc.col) + " " +
                  std::string(to_string(x.code)) + " " + x.message +
                  (x.hint.empty() ? "" : " | " + x.hint));
  if (s) CHECK(out.empty());
  return out;
}

pb::scen::Result run_file(const std::string& path) {
  pb::Diagnostics d;
  std::string text;
  REQUIRE(pb::read_file(path, text, d));
  auto s = pb::scen::load_scenario(text, path, kSrc + "/playbooks/samples", d);
  REQUIRE(s);
  pb::Diagnostics ld;
  static pb::LoadResult loaded = pb::load_paths({kSrc + "/playbooks"}, ld);
  return pb::scen::run_scenario(*s, pb::cli::catalog_of(loaded));
}

}  // namespace

TEST_CASE("scenario loader: a good file loads", "[scenario]") {
  auto errs = load_errors(R"(playbook: customer-engagement
start: 2026-04-01T09:00:00Z
sample: contoso-americas
steps:
  - fire: research_done
    set: {x: 1}
    expect: {step: do_not_contact, tasks: {3663: not_started}, timers: [{due: 2026-04-01T10:00:00Z}]}
  - advance: 2 business days
  - until: 2026-05-01
  - tick: true
  - note: "Re-engaged Customer: x"
  - set: {managed: false}
)");
  CHECK(errs.empty());
}

TEST_CASE("scenario loader: errors with positions and did-you-mean", "[scenario]") {
  std::string text;
  pb::Diagnostics d;
  REQUIRE(pb::read_file(kSrc + "/tests/data/scenarios/bad.scenario.yaml", text, d));
  auto errs = load_errors(text);
  CHECK(errs ==
        std::vector<std::string>{
            "1:1 PB014 the scenario needs the key 'playbook'",
            "2:1 PB010 unknown key 'playbok' in the scenario | did you mean 'playbook'?",
            "3:8 PB090 'start' '2026-13-01' is not an ISO-8601 date or a date-time with a zone "
            "(Z or ±HH:MM)",
            "7:5 PB010 unknown key 'expcet' in an item of 'steps' | did you mean 'expect'?",
            "8:14 PB090 'advance' 'two days' is not a duration like '2 business days', '3 days', "
            "'1 week', '4 hours', '4 business hours' or '3 months'",
            "9:5 PB013 'fire' is empty",
            "11:5 PB012 a step does one thing: 'complete' and 'tick' given together",
        });
}

TEST_CASE("scenario loader: syntax error, missing keys, empty values, wrong types", "[scenario]") {
  CHECK(load_errors("playbook: [a\n") ==
        std::vector<std::string>{"2:1 PB001 YAML syntax error: end of sequence flow not found"});
  CHECK(load_errors("playbook: a\nstart: 2026-01-01\nsteps: []\n") ==
        std::vector<std::string>{"1:1 PB014 missing 'tenant' or 'sample' in the scenario"});
  CHECK(load_errors(
            "playbook: a\nstart: 2026-01-01\ntenant: {}\nsteps:\n  - fire: x\n    expect:\n      "
            "tasks: {3663: done, x: complete}\n      timers: {due: 1}\n      notes:\n") ==
        std::vector<std::string>{
            "7:21 PB090 task state 'done' is not one of not_started, complete, "
            "in_progress, blocked, no_intent",
            "7:27 PB012 task 'x' in 'tasks' must be a task id (a number)",
            "8:15 PB012 'timers' must be a list, got a mapping", "9:7 PB013 'notes' is empty"});
}

TEST_CASE("scenario runner: a deliberately failing scenario fails with the right message",
          "[scenario]") {
  auto r = run_file(kSrc + "/tests/data/scenarios/failing.scenario.yaml");
  CHECK_FALSE(r.passed);
  REQUIRE(r.failures.size() == 2);
  CHECK(r.failures[0].step == 2);
  CHECK(r.failures[0].expectation == "step: pitch");
  CHECK(r.failures[0].found == "step ask_account_team");
  CHECK(r.failures[0].loc.line == 13);
  CHECK(r.failures[0].loc.col == 7);
  CHECK(r.failures[1].expectation == "tasks 3692: complete");
  CHECK(r.failures[1].found == "not_started");
  CHECK(r.failures[1].loc.line == 14);
  CHECK(r.failures[1].loc.col == 15);
}

TEST_CASE("playbook test: the failing fixture exits 1 with its details", "[scenario][cli]") {
  auto r = pbtest::run_playbook(kSrc, "test tests/data/scenarios/failing.scenario.yaml");
  CHECK(r.code == 1);
  CHECK(r.out.find("FAIL tests/data/scenarios/failing.scenario.yaml — deliberately failing\n") !=
        std::string::npos);
  CHECK(
      r.out.find("  tests/data/scenarios/failing.scenario.yaml:13:7: step 2: expected step: pitch; "
                 "found step ask_account_team\n") != std::string::npos);
  CHECK(r.out.ends_with("\n0 passed, 1 failed\n"));
}

TEST_CASE("playbook test: a bad scenario file exits 2", "[scenario][cli]") {
  auto r = pbtest::run_playbook(kSrc, "test tests/data/scenarios/bad.scenario.yaml");
  CHECK(r.code == 2);
  CHECK(r.err.find("bad.scenario.yaml:2:1: error: unknown key 'playbok'") != std::string::npos);
}

TEST_CASE("playbook test: the bundled scenarios pass", "[scenario][cli]") {
  auto r = pbtest::run_playbook(kSrc, "test");
  INFO(r.out << r.err);
  CHECK(r.code == 0);
  CHECK(r.out.find("FAIL") == std::string::npos);
  CHECK(r.out.find(" passed, 0 failed\n") != std::string::npos);
}

TEST_CASE("playbook test --format json and junit", "[scenario][cli]") {
  auto j =
      pbtest::run_playbook(kSrc, "test --format json tests/data/scenarios/failing.scenario.yaml");
  CHECK(j.code == 1);
  auto doc = nlohmann::json::parse(j.out);
  CHECK(doc["failed"] == 1);
  CHECK(doc["scenarios"][0]["failures"][0]["line"] == 13);
  auto x =
      pbtest::run_playbook(kSrc, "test --format junit tests/data/scenarios/failing.scenario.yaml");
  CHECK(x.code == 1);
  CHECK(x.out.find("<testsuite name=\"playbook scenarios\" tests=\"1\" failures=\"1\">") !=
        std::string::npos);
}

TEST_CASE("scenario loader: a sample that does not exist", "[scenario]") {
  CHECK(load_errors("playbook: a\nstart: 2026-01-01\nsample: nosuch\nsteps: []\n") ==
        std::vector<std::string>{"3:9 PB005 cannot read sample tenant '" + kSrc +
                                 "/playbooks/samples/nosuch.tenant.yaml'"});
}

TEST_CASE("scenario runner: a refusal that does not come fails the scenario", "[scenario]") {
  pb::Diagnostics d;
  auto s = pb::scen::load_scenario(R"(playbook: customer-engagement
start: 2026-04-01T09:00:00Z
tenant: {region: EMEA, managed: false}
steps:
  - fire: research_done
    expect: {refused: note-prefix}
  - advance: 4 hours
)",
                                   "inline.scenario.yaml", kSrc + "/playbooks/samples", d);
  REQUIRE(s);
  pb::Diagnostics ld;
  auto loaded = pb::load_paths({kSrc + "/playbooks"}, ld);
  auto r = pb::scen::run_scenario(*s, pb::cli::catalog_of(loaded));
  CHECK_FALSE(r.passed);
  REQUIRE(r.failures.size() == 1);
  CHECK(r.failures[0].step == 1);
  CHECK(r.failures[0].expectation == "refused: note-prefix");
  CHECK(r.failures[0].found == "the step was applied");
  CHECK(r.failures[0].loc.line == 6);
  CHECK(r.failures[0].loc.col == 14);
}

TEST_CASE("scenario runner: records the transitions, steps and refusing rules it reached",
          "[scenario]") {
  auto r = run_file(kSrc + "/playbooks/tests/customer-engagement-pause.scenario.yaml");
  REQUIRE(r.passed);
  const auto& got = r.reached;
  REQUIRE_FALSE(got.taken.empty());
  CHECK(got.taken.front().first == "customer-engagement");
  auto refused_at = [&](uint32_t line) {
    for (const auto& l : got.refused_by)
      if (l.line == line && l.filename().ends_with("customer-engagement.playbook")) return true;
    return false;
  };
  CHECK(refused_at(75));  // rule pause_under_90_days
  CHECK(refused_at(99));  // rule contact_may_be_contacted
  CHECK_FALSE(refused_at(104));
  bool entered_ask = false;
  for (const auto& [pb, step] : got.entered)
    entered_ask |= pb == "customer-engagement" && step == "ask_account_team";
  CHECK(entered_ask);
}
