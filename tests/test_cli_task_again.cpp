// test_cli_task_again.cpp — completing a task that is already complete, end
// to end (PB_BINARY, the repository's playbooks). Task state is the
// tenant's, shared by its runs: a second run of re-engagement-team-disengaged
// waiting for 3710, which the first run completed, is not moved by another
// `complete` (refused `already-complete`, exit 1, nothing written; the
// reason and `status` say who completed it, when, and how to redo it); a
// logged `reset` then lets `complete` take the step's transition.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>

#include "cli_fixture.hpp"

using pbt::Cli;
using pbt::has;
using pbt::Run;
using json = nlohmann::json;

namespace {

size_t count_of(const json& a, const std::string& key, const std::string& value) {
  size_t n = 0;
  for (const auto& x : a) n += x.value(key, "") == value;
  return n;
}

}  // namespace

TEST_CASE("a second completion of a complete task is refused; reset, then complete, moves the step",
          "[cli-tasks]") {
  Cli cli;
  cli.dir = PB_SOURCE_DIR "/playbooks";
  REQUIRE(
      cli("tenant add acme --set region=AMERICAS --set managed=false --set grt_outcome=Non-actionable",
          "2026-03-02T09:00:00Z")
          .rc == 0);
  REQUIRE(cli("start acme re-engagement-team-disengaged", "2026-03-02T10:00:00Z").rc == 0);
  REQUIRE(cli("complete acme 3710", "2026-03-02T11:00:00Z").rc == 0);
  REQUIRE(has(cli("status acme", "2026-03-02T11:00:00Z"), "re-engagement-team-disengaged: ended"));
  REQUIRE(cli("start acme re-engagement-team-disengaged", "2026-03-03T10:00:00Z").rc == 0);
  size_t events = json::parse(cli("history acme --format json").out)["events"].size();

  Run r = cli("complete acme 3710", "2026-03-03T11:00:00Z");
  CHECK(r.rc == 1);
  CHECK(
      r.out ==
      "refused: task 3710 \"DIBS incomplete\" is already complete (by fm1 at 2026-03-02T11:00:00Z): "
      "step 'non_actionable' waits for a new completion; to complete it again, reset it first "
      "(playbook reset acme 3710) [already-complete]\n");
  json h = json::parse(cli("history acme --format json").out);
  CHECK(h["events"].size() == events);  // nothing written
  CHECK(count_of(h["notes"], "kind", "engagement") == 1);
  Run st = cli("status acme", "2026-03-03T11:00:00Z");
  CHECK(has(
      st,
      "    task 3710 \"DIBS incomplete\": complete (fm1 2026-03-02T11:00:00Z)\n"
      "      step non_actionable waits for a new completion: reset the task first (playbook reset acme "
      "3710), then complete it\n"));
  json sj = json::parse(cli("status acme --format json", "2026-03-03T11:00:00Z").out);
  bool hinted = false;
  for (const auto& t : sj["instances"][1]["tasks"])
    hinted |= t["id"] == 3710 && t["reset_to_redo"] == true;
  CHECK(hinted);

  r = cli("reset acme 3704", "2026-03-03T11:30:00Z");
  CHECK(r.rc == 1);
  CHECK(has(
      r,
      "task 3704 \"Customer requires assistance in unsupported language\" is not complete: there is "
      "nothing to reset [not-complete]"));
  r = cli("reset acme 3710 --note 'Re-engaged Customer: redo the reason for the second run'",
          "2026-03-03T12:00:00Z");
  INFO(r.out);
  CHECK(r.rc == 0);
  CHECK(r.out == "recorded (no transition)\n");
  CHECK(
      has(cli("status acme", "2026-03-03T12:00:00Z"), "    task 3710 \"DIBS incomplete\": open\n"));
  r = cli("complete acme 3710", "2026-03-03T13:00:00Z");
  CHECK(r.rc == 0);
  CHECK(has(r, "re-engagement-team-disengaged: non_actionable -> non_actionable_queues"));
  h = json::parse(cli("history acme --format json").out);
  CHECK(h["events"].size() == events + 2);
  CHECK(h["events"][events]["kind"] == "reset");
  CHECK(count_of(h["notes"], "kind", "engagement") == 2);
  CHECK(cli("replay acme").rc == 0);
}
