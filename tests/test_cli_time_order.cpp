// test_cli_time_order.cpp — time never runs backwards on a tenant, end to
// end (PB_BINARY, the repository's playbooks): an `at` timer re-armed into
// the past fires once, dated at the tick that finds it (after the change that
// armed it), and a repeating reminder is counted from when it fired without
// replaying what it "missed"; an FM input dated before the tenant's last
// event is refused `before-last-event` (exit 2), nothing written.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli_fixture.hpp"

using pbt::Cli;
using pbt::has;
using pbt::Run;
using json = nlohmann::json;

namespace {

// (id, kind, at) of every event of the tenant, in order.
std::vector<std::string> events(Cli& cli, const std::string& tenant) {
  std::vector<std::string> out;
  json h = json::parse(cli("history " + tenant + " --format json").out);
  for (const auto& e : h["events"])
    out.push_back(std::to_string(e["id"].get<int>()) + " " + e["kind"].get<std::string>() + " " +
                  e["at"].get<std::string>());
  return out;
}

// A tenant on assign-to-delivery whose Engagement Start Date (2027-03-15) is
// more than 30 days out: it waits in `extended` for "ESD - 30 days".
void extended_tenant(Cli& cli) {
  cli.data = "";
  cli.dir = PB_SOURCE_DIR "/playbooks";
  REQUIRE(cli("tenant add acme --set region=AMERICAS --set workloads.Teams.service=Teams "
              "--set 'workloads.Teams.l1=In Progress' --set engagement_start_date=2027-03-15 "
              "--note 'Re-engaged Customer: ESD agreed'",
              "2026-11-30T09:00:00Z")
              .rc == 0);
  Run r = cli("start acme assign-to-delivery", "2026-12-01T09:00:00Z");
  INFO(r.out);
  REQUIRE(r.rc == 0);
  REQUIRE(has(cli("status acme", "2026-12-01T09:00:00Z"), "step extended"));
}

}  // namespace

TEST_CASE("time order: an at timer re-armed into the past fires once, at the tick that finds it",
          "[cli-time]") {
  Cli cli;
  extended_tenant(cli);
  // On 2026-12-10 (a Thursday) the ESD moves to 2026-12-20: "ESD - 30 days" is 2026-11-20, past.
  REQUIRE(
      cli("tenant set acme engagement_start_date=2026-12-20 --note 'Re-engaged Customer: customer moved the "
          "ESD'",
          "2026-12-10T09:00:00Z")
          .rc == 0);
  Run r = cli("tick", "2026-12-10T10:00:00Z");
  INFO(r.out);
  CHECK(r.rc == 0);
  CHECK(has(r, "tick 2026-12-10T10:00:00Z: 1 fired, 0 stuck\n"));
  CHECK(events(cli, "acme") == std::vector<std::string>{"1 tenant-add 2026-11-30T09:00:00Z",
                                                        "2 start 2026-12-01T09:00:00Z",
                                                        "3 tenant-set 2026-12-10T09:00:00Z",
                                                        "4 tick 2026-12-10T10:00:00Z"});
  // The 2-business-day reminder counts from the near-term step's entry: Monday 2026-12-14.
  Run st = cli("status acme", "2026-12-10T10:00:00Z");
  CHECK(has(st, "step near_term \"Near-term Engagement Start Date\" since 2026-12-10T10:00:00Z"));
  CHECK(has(st, "timer: -> near_term due 2026-12-14T10:00:00Z"));
  CHECK(has(cli("tick", "2026-12-14T10:00:00Z"), "1 fired"));
  // A late tick (the scheduler stopped for 4 days) fires the reminder once, counted again from then.
  CHECK(has(cli("tick", "2026-12-18T15:00:00Z"), "1 fired"));
  CHECK(events(cli, "acme") ==
        std::vector<std::string>{"1 tenant-add 2026-11-30T09:00:00Z",
                                 "2 start 2026-12-01T09:00:00Z",
                                 "3 tenant-set 2026-12-10T09:00:00Z", "4 tick 2026-12-10T10:00:00Z",
                                 "5 tick 2026-12-14T10:00:00Z", "6 tick 2026-12-18T15:00:00Z"});
  CHECK(has(cli("status acme", "2026-12-18T15:00:00Z"),
            "timer: -> near_term due 2026-12-22T15:00:00Z"));
  CHECK(cli("replay acme").rc == 0);
}

TEST_CASE("time order: an input dated before the tenant's last event is refused, exit 2",
          "[cli-time]") {
  Cli cli;
  extended_tenant(cli);
  for (const char* cmd :
       {"note acme 'Re-engaged Customer: late'", "fire acme customer_declined",
        "tenant set acme engagement_start_date=2027-03-01 --note 'Re-engaged Customer: x'",
        "start acme re-engagement-team-disengaged"}) {
    Run r = cli(cmd, "2026-11-30T12:00:00Z");
    INFO(cmd << "\n" << r.out);
    CHECK(r.rc == 2);
    CHECK(
        r.out ==
        "error: the input is dated 2026-11-30T12:00:00Z, before the last event of tenant 'acme' (#2 at "
        "2026-12-01T09:00:00Z): a tenant's events are dated in order; check --now [before-last-event]\n");
  }
  CHECK(events(cli, "acme").size() == 2);
  CHECK(cli("note acme 'Re-engaged Customer: same second'", "2026-12-01T09:00:00Z").rc ==
        0);  // equal is in order
  CHECK(cli("replay acme").rc == 0);
}
