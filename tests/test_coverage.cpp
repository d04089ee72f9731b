// test_coverage.cpp — scenario coverage (source/coverage.hpp, `playbook test
// --coverage`): the exact unreached items of a small playbook
// (tests/data/coverage/) with their line:col, the figures, the CLI text and
// the --min-coverage exit codes, the bundled suite at 100% transitions, and
// same-named playbooks in two directories (tests/data/coverage_dirs/) whose
// rules are covered apart.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "cli/run_common.hpp"
#include "run_binary.hpp"
#include "source/coverage.hpp"
#include "source/scenario_loader.hpp"

namespace {

const std::string kSrc = PB_SOURCE_DIR;
const std::string kDir = kSrc + "/tests/data/coverage";

pb::scen::CoverageReport mini_coverage(bool run_it) {
  pb::Diagnostics d;
  static pb::LoadResult loaded = pb::load_paths({kDir}, d);
  std::vector<pb::scen::Reached> reached;
  if (run_it) {
    std::string text;
    REQUIRE(pb::read_file(kDir + "/mini.scenario.yaml", text, d));
    auto s = pb::scen::load_scenario(text, "mini.scenario.yaml", kDir + "/samples", d);
    REQUIRE(s);
    auto r = pb::scen::run_scenario(*s, pb::cli::catalog_of(loaded));
    INFO((r.failures.empty() ? "" : r.failures[0].expectation + " / " + r.failures[0].found));
    REQUIRE(r.passed);
    reached.push_back(r.reached);
  }
  return pb::scen::coverage(loaded.project, reached);
}

std::vector<std::string> missed_lines(const pb::scen::PlaybookCoverage& pc) {
  std::vector<std::string> out;
  for (const auto* i : pc.missed()) out.push_back(i->line());
  return out;
}

}  // namespace

TEST_CASE("coverage: the items a scenario left unreached, with line:col", "[coverage]") {
  auto rep = mini_coverage(true);
  REQUIRE(rep.playbooks.size() == 2);
  const auto& pc = rep.playbooks[0];
  CHECK(pc.id == "mini");
  const std::string pb = kDir + "/mini.playbook:", schema = kDir + "/tenant.schema.yaml:";
  CHECK(missed_lines(pc) ==
        std::vector<std::string>{
            pb + "34:3: step phone",
            pb + "28:5: transition email --on replied--> done",
            pb + "30:5: transition email --on declined--> done",
            pb + "31:5: transition email --after 2 days--> phone",
            pb + "35:5: transition phone --on replied--> done",
            pb + "36:5: transition phone --after 1 week--> done",
            schema + "8:5: rule summary_priority (on complete 2)",
            pb + "21:3: rule decline_noted (on event declined)",
            pb + "35:26: require call_logged on transition phone --on replied--> done",
        });
  CHECK(pc.steps.reached == 3);
  CHECK(pc.steps.total == 4);
  CHECK(pc.transitions.reached == 2);
  CHECK(pc.transitions.total == 7);
  CHECK(pc.rules.reached == 2);  // pause_reason and priority_range refused
  CHECK(pc.rules.total == 5);    // other_task (on complete 99) does not apply to mini
  // survey: never started; of its rules only the shared priority_range refused
  const auto& survey = rep.playbooks[1];
  CHECK(missed_lines(survey) ==
        std::vector<std::string>{
            kDir + "/survey.playbook:11:3: step ask",
            kDir + "/survey.playbook:17:3: step done",
            kDir + "/survey.playbook:13:5: transition ask --on task 99--> done",
            kDir + "/survey.playbook:14:5: transition ask --after 1 week--> done",
            schema + "12:5: rule other_task (on complete 99)",
        });
  CHECK(survey.rules.reached == 1);
  CHECK(survey.rules.total == 2);
  CHECK(rep.transitions.reached == 2);
  CHECK(rep.transitions.total == 9);
  CHECK(rep.steps.total == 6);
  CHECK(rep.rules.total == 7);
  CHECK(pb::scen::percent_text(pc.transitions) == "28.5%");
  CHECK(pb::scen::percent_text(pc.steps) == "75.0%");
}

TEST_CASE("coverage: nothing run reaches nothing; 0 of 0 counts as 100%", "[coverage]") {
  auto rep = mini_coverage(false);
  CHECK(rep.steps.reached == 0);
  CHECK(rep.transitions.reached == 0);
  CHECK(rep.rules.reached == 0);
  CHECK(rep.playbooks[0].missed().size() == 4 + 7 + 5);
  CHECK(rep.playbooks[1].missed().size() == 2 + 2 + 2);
  CHECK(pb::scen::percent_text(pb::scen::Figure{}) == "100.0%");
  CHECK(pb::scen::percent_text(pb::scen::Figure{1999, 2000}) == "99.9%");
}

TEST_CASE("playbook test --coverage prints the unreached items and the figures",
          "[coverage][cli]") {
  auto r = pbtest::run_playbook(kSrc, "--playbooks tests/data/coverage test --coverage");
  INFO(r.out << r.err);
  CHECK(r.code == 0);
  CHECK(r.out.find(
            "\n\ncoverage (steps entered, transitions taken, refusal rules that "
            "refused):\nmini: steps 3/4 (75.0%), transitions 2/7 (28.5%), rules 2/5 (40.0%)\n"
            "  tests/data/coverage/mini.playbook:34:3: step phone\n"
            "  tests/data/coverage/mini.playbook:28:5: transition email --on replied--> done\n") !=
        std::string::npos);
  CHECK(r.out.find("survey: steps 0/2 (0.0%), transitions 0/2 (0.0%), rules 1/2 (50.0%)\n"
                   "  tests/data/coverage/survey.playbook:11:3: step ask\n") != std::string::npos);
  CHECK(
      r.out.ends_with("total: steps 3/6 (50.0%), transitions 2/9 (22.2%), rules 3/7 (42.8%)\n\n"
                      "1 passed, 0 failed\n"));
}

TEST_CASE("playbook test --min-coverage: exit 1 below, 0 at or above", "[coverage][cli]") {
  auto low = pbtest::run_playbook(kSrc, "--playbooks tests/data/coverage test --min-coverage 30");
  CHECK(low.code == 1);
  CHECK(low.err == "coverage too low: total transitions 2/9 (22.2%) is below --min-coverage 30%\n");
  CHECK(low.out.find("coverage (") == std::string::npos);  // the report only with --coverage
  auto ok = pbtest::run_playbook(kSrc, "--playbooks tests/data/coverage test --min-coverage 22.2");
  CHECK(ok.code == 0);
  CHECK(ok.err.empty());
  auto each =
      pbtest::run_playbook(kSrc, "--playbooks tests/data/coverage test --min-playbook-coverage 20");
  CHECK(each.code == 1);  // mini has 28.5%, survey none
  CHECK(each.err ==
        "coverage too low: survey transitions 0/2 (0.0%) is below --min-playbook-coverage 20%\n");
  auto both =
      pbtest::run_playbook(kSrc, "--playbooks tests/data/coverage test --min-playbook-coverage 30");
  CHECK(both.code == 1);
  CHECK(both.err ==
        "coverage too low: mini transitions 2/7 (28.5%) is below --min-playbook-coverage 30%\n"
        "coverage too low: survey transitions 0/2 (0.0%) is below --min-playbook-coverage 30%\n");
  auto json =
      pbtest::run_playbook(kSrc, "--playbooks tests/data/coverage test --coverage --format json");
  CHECK(json.code == 0);
  auto doc = nlohmann::json::parse(json.out);
  CHECK(doc["coverage"]["total"]["transitions"]["reached"] == 2);
  CHECK(doc["coverage"]["playbooks"][0]["missed"][0]["line"] == 34);
  CHECK(doc["coverage"]["playbooks"][0]["missed"][0]["kind"] == "step");
}

TEST_CASE("coverage: the bundled scenarios take every transition of every bundled playbook",
          "[coverage][cli]") {
  auto r =
      pbtest::run_playbook(kSrc, "test --coverage --min-coverage 100 --min-playbook-coverage 100");
  INFO(r.out << r.err);
  CHECK(r.code == 0);
  CHECK(r.out.find(" passed, 0 failed\n") != std::string::npos);
  CHECK(r.out.find(": transition ") == std::string::npos);
}

TEST_CASE("coverage: a refused input takes nothing, even part-way through a goto chain",
          "[coverage]") {
  pb::Loc rule_at, step_at;
  rule_at.file = std::make_shared<const std::string>("b.playbook");
  rule_at.line = 12, rule_at.col = 3;
  step_at.file = std::make_shared<const std::string>("a.playbook");
  step_at.line = 40, step_at.col = 5;
  pb::rt::Applied refused;
  refused.ok = false;
  refused.refusal.rule = rule_at;
  refused.taken.emplace_back("a", step_at);  // a's transition into its goto step
  refused.entered.emplace_back("a", "to_b");
  pb::scen::Reached got;
  pb::scen::record(got, refused);
  CHECK(got.taken.empty());
  CHECK(got.entered.empty());
  REQUIRE(got.refused_by.size() == 1);
  CHECK(got.refused_by[0].line == 12);
  pb::rt::Applied applied = refused;
  applied.ok = true;
  pb::scen::record(got, applied);
  CHECK(got.taken.size() == 1);
  CHECK(got.entered.size() == 1);
  CHECK(got.refused_by.size() == 1);
}

TEST_CASE("coverage: same-named playbooks in two directories keep their rules apart",
          "[coverage]") {
  // north/outreach.playbook and south/outreach.playbook: the same file name,
  // the rule reason_given at the same line:col; only north's scenario has it
  // refuse. Keyed by the file name alone, south's rule counted as reached.
  const std::string dir = kSrc + "/tests/data/coverage_dirs";
  pb::Diagnostics d;
  pb::LoadResult loaded = pb::load_paths({dir}, d);
  REQUIRE_FALSE(d.has_errors());
  std::vector<pb::scen::Reached> reached;
  for (const char* name : {"north", "south"}) {
    std::string path = dir + "/" + name + "/" + name + ".scenario.yaml", text;
    REQUIRE(pb::read_file(path, text, d));
    auto s = pb::scen::load_scenario(text, path, dir + "/samples", d);
    REQUIRE(s);
    auto r = pb::scen::run_scenario(*s, pb::cli::catalog_of(loaded));
    REQUIRE(r.passed);
    reached.push_back(r.reached);
  }
  auto rep = pb::scen::coverage(loaded.project, reached);
  REQUIRE(rep.playbooks.size() == 2);
  const auto& north = rep.playbooks[0].id == "north" ? rep.playbooks[0] : rep.playbooks[1];
  const auto& south = rep.playbooks[0].id == "north" ? rep.playbooks[1] : rep.playbooks[0];
  CHECK(north.rules.reached == 1);
  CHECK(north.rules.total == 1);
  CHECK(south.rules.reached == 0);
  CHECK(south.rules.total == 1);
  CHECK(missed_lines(south) ==
        std::vector<std::string>{
            dir + "/south/outreach.playbook:20:5: transition email --after 1 week--> done",
            dir + "/south/outreach.playbook:12:3: rule reason_given (on event replied)",
        });
  CHECK(rep.rules.reached == 1);

  auto cli = pbtest::run_playbook(kSrc, "--playbooks tests/data/coverage_dirs test --coverage");
  INFO(cli.out << cli.err);
  CHECK(cli.code == 0);
  CHECK(cli.out.find("south: steps 2/2 (100.0%), transitions 1/2 (50.0%), rules 0/1 (0.0%)\n") !=
        std::string::npos);
  CHECK(cli.out.find("north: steps 2/2 (100.0%), transitions 1/2 (50.0%), rules 1/1 (100.0%)\n") !=
        std::string::npos);
}
