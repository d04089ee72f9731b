// test_cli_timers.cpp — `tick`, `due` and `status` end to end (PB_BINARY)
// when a due timer cannot fire: the timer stays, marked stuck with the
// refusal and since when, is retried by every tick and fires (dated at that
// tick) once the cause is gone; nothing is logged meanwhile and replay
// matches at every point. Also the exit status a scheduler watches and
// `tick --batch` checking.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "cli_fixture.hpp"
#include "run_binary.hpp"
#include "runtime/store.hpp"

using pbt::Cli;
using pbt::has;
using pbt::Run;
using json = nlohmann::json;

namespace fs = std::filesystem;

namespace {

// The repository's playbooks, copied where a test may break one.
std::string copy_playbooks(const Cli& cli) {
  fs::path dir = cli.db.dir / "playbooks";
  fs::copy(fs::path(PB_SOURCE_DIR) / "playbooks", dir, fs::copy_options::recursive);
  return dir.string();
}

int64_t count(Cli& cli, const char* sql) {
  pb::rt::Store s(cli.db.path());
  pb::rt::Query q(s, sql);
  return q.step() ? q.i64(0) : -1;
}

void expect_replay_matches(Cli& cli, const std::string& tenant) {
  Run r = cli("replay " + tenant);
  INFO(r.out);
  CHECK(r.rc == 0);
}

}  // namespace

TEST_CASE("tick: a timer whose goto target does not load stays stuck, then fires once it loads",
          "[cli-timers]") {
  Cli cli;
  cli.dir = copy_playbooks(cli);
  fs::path broken = fs::path(cli.dir) / "re-engagement-team-disengaged.playbook";
  std::string good = pbtest::slurp(broken);
  REQUIRE(cli("tenant add acme --set region=AMERICAS --set managed=false --set \"contacts=Ann "
              "<ann@acme.example> primary; Tim <tim@acme.example> role=tam\"",
              "2026-03-02T09:00:00Z")
              .rc == 0);  // atu_help writes to the account team (role=tam)
  REQUIRE(cli("start acme customer-engagement", "2026-03-02T10:00:00Z").rc == 0);
  for (const char* now : {"2026-03-02T11:00:00Z", "2026-03-04T11:00:00Z", "2026-03-06T11:00:00Z"})
    REQUIRE(cli("tick", now).rc == 0);
  REQUIRE(has(cli("status acme"), "step atu_escalation"));
  std::ofstream(broken, std::ios::app) << "\noops {\n";

  // Due 2026-03-10T11:00: outreach_unsuccessful hands over to the broken playbook.
  Run r = cli("tick", "2026-03-10T12:00:00Z");
  INFO(r.out);
  CHECK(r.rc == 1);
  CHECK(has(r, "stuck acme customer-engagement atu_escalation (due 2026-03-10T11:00:00Z): "));
  CHECK(has(r, "re-engagement-team-disengaged.playbook) does not parse ["));
  CHECK(has(r, "] (stuck since 2026-03-10T12:00:00Z"));
  CHECK(has(r, "re-engagement-team-disengaged.playbook:"));  // the load error, on stderr
  CHECK(has(r, "tick 2026-03-10T12:00:00Z: 0 fired, 1 stuck\n"));
  int64_t events = count(cli, "SELECT count(*) FROM events");
  CHECK(count(cli, "SELECT count(*) FROM timers") == 1);
  expect_replay_matches(cli, "acme");

  Run due = cli("due", "2026-03-11T09:00:00Z");
  CHECK(has(
      due,
      "2026-03-10T11:00:00Z  acme  customer-engagement atu_escalation -> outreach_unsuccessful  (fm)  "
      "STUCK since 2026-03-10T12:00:00Z: "));
  json j = json::parse(cli("due --format json", "2026-03-11T09:00:00Z").out);
  REQUIRE(j.size() == 1);
  std::string code = j[0]["stuck"]["code"];
  CHECK_FALSE(code.empty());
  CHECK(j[0]["stuck"]["since"] == "2026-03-10T12:00:00Z");
  CHECK(json::parse(cli("due --stuck --format json", "2026-03-11T09:00:00Z").out).size() == 1);
  CHECK(has(
      cli("status acme", "2026-03-11T09:00:00Z"),
      "    timer: -> outreach_unsuccessful due 2026-03-10T11:00:00Z  STUCK since 2026-03-10T12:00:00Z: "));
  j = json::parse(cli("status acme --format json", "2026-03-11T09:00:00Z").out);
  CHECK(j["instances"][0]["timers"][0]["stuck"]["code"] == code);

  // Retried by every tick; still stuck since the first one; nothing logged.
  r = cli("tick", "2026-03-11T09:00:00Z");
  CHECK(r.rc == 1);
  CHECK(has(r, "(stuck since 2026-03-10T12:00:00Z"));
  CHECK(count(cli, "SELECT count(*) FROM events") == events);
  expect_replay_matches(cli, "acme");

  std::ofstream(broken, std::ios::trunc) << good;
  r = cli("tick", "2026-03-12T09:00:00Z");
  INFO(r.out);
  CHECK(r.rc == 0);
  CHECK(has(
      r,
      "fired acme customer-engagement atu_escalation (due 2026-03-10T11:00:00Z): customer-engagement: "
      "atu_escalation -> outreach_unsuccessful"));
  CHECK(count(cli, "SELECT count(*) FROM events") == events + 1);
  Run st = cli("status acme", "2026-03-12T09:00:00Z");
  CHECK(has(
      st,
      "re-engagement-team-disengaged: step non_actionable \"Non-actionable\" since 2026-03-12T09:00:00Z"));
  CHECK_FALSE(has(st, "STUCK"));
  CHECK(cli("due --stuck", "2026-03-20T00:00:00Z").out.empty());
  expect_replay_matches(cli, "acme");
}

TEST_CASE("tick: a timer refused for a data reason stays stuck until the data is fixed",
          "[cli-timers]") {
  Cli cli;
  REQUIRE(
      cli("tenant add acme --set region=AMERICAS --set 'contacts=Ana <ana@acme.com> primary'").rc ==
      0);
  REQUIRE(cli("start acme outreach").rc == 0);
  REQUIRE(cli("fire acme paused --set until=2026-03-20", "2026-03-06T11:00:00Z").rc == 0);
  // No primary contact any more: email_1's `send` has nobody to write to.
  REQUIRE(cli("tenant set acme 'contacts=Ana <ana@acme.com>'", "2026-03-06T12:00:00Z").rc == 0);
  Run r = cli("tick", "2026-03-18T06:00:00Z");
  INFO(r.out);
  CHECK(r.rc == 1);
  CHECK(has(r, "stuck acme outreach paused (due 2026-03-18T00:00:00Z): "));
  CHECK(has(r, "[no-contact] (stuck since 2026-03-18T06:00:00Z"));
  CHECK(has(cli("due", "2026-03-19T00:00:00Z"), "[no-contact]"));
  expect_replay_matches(cli, "acme");
  REQUIRE(cli("tenant set acme 'contacts=Ana <ana@acme.com> primary'", "2026-03-19T08:00:00Z").rc ==
          0);
  r = cli("tick", "2026-03-19T09:00:00Z");
  CHECK(r.rc == 0);
  CHECK(has(r, "tick 2026-03-19T09:00:00Z: 1 fired, 0 stuck\n"));
  json h = json::parse(cli("history acme --format json").out);
  CHECK(h["events"].back()["kind"] == "tick");
  CHECK(h["events"].back()["at"] == "2026-03-19T09:00:00Z");  // when it fired, not when it was due
  CHECK(h["events"].back()["input"]["timer"]["due"] == "2026-03-18T00:00:00Z");
  expect_replay_matches(cli, "acme");
}

TEST_CASE("tick: --batch must be at least 1; every line says what its committed batch did",
          "[cli-timers]") {
  Cli cli;
  for (const char* id : {"a1", "a2", "a3"}) {
    REQUIRE(cli(std::string("tenant add ") + id +
                " --set region=AMERICAS --set 'contacts=Ana <ana@a.com> primary'")
                .rc == 0);
    REQUIRE(cli(std::string("start ") + id + " outreach").rc == 0);
  }
  for (const char* bad : {"0", "-1"}) {
    Run r = cli(std::string("tick --batch ") + bad, "2026-03-11T10:00:00Z");
    CHECK(r.rc == 2);
    CHECK(r.out ==
          std::string("error: tick --batch must be at least 1 (timers per transaction), not ") +
              bad + "\n");
  }
  CHECK(count(cli, "SELECT count(*) FROM events WHERE kind = 'tick'") == 0);
  Run r = cli("tick --batch 2", "2026-03-11T10:00:00Z");
  CHECK(r.rc == 0);
  CHECK(r.out ==
        "fired a1 outreach email_1 (due 2026-03-11T10:00:00Z): outreach: email_1 -> phone\n"
        "fired a2 outreach email_1 (due 2026-03-11T10:00:00Z): outreach: email_1 -> phone\n"
        "fired a3 outreach email_1 (due 2026-03-11T10:00:00Z): outreach: email_1 -> phone\n"
        "tick 2026-03-11T10:00:00Z: 3 fired, 0 stuck\n");
  CHECK(cli("tick", "2026-03-11T10:00:00Z").out == "tick 2026-03-11T10:00:00Z: 0 fired, 0 stuck\n");
}
