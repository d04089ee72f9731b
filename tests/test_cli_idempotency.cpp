// test_cli_idempotency.cpp — an idempotency key (`--id`) answers a duplicate
// only for the identical command; the same key on another command (event,
// payload, note, tenant, actor, operation) is refused with exit 1 and names
// the original event. Keys saved before the command was stored behave the
// same (end to end through the binary).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>

#include "cli_fixture.hpp"
#include "runtime/store.hpp"

using pbt::Cli;
using pbt::has;
using pbt::Run;

namespace {

void two_tenants(Cli& cli) {
  for (const char* t : {"acme", "beta"}) {
    REQUIRE(cli(std::string("tenant add ") + t +
                " --set region=AMERICAS --set 'contacts=Ana <ana@acme.com> primary'")
                .rc == 0);
    REQUIRE(cli(std::string("start ") + t + " outreach").rc == 0);
  }
}

size_t events(Cli& cli, const std::string& tenant) {
  return nlohmann::json::parse(cli("history " + tenant + " --format json").out)["events"].size();
}

const char* kFire =
    "fire acme paused --set until=2026-04-20 --note 'Re-engaged Customer: paused' --id k1";

// Every way of changing kFire but the time: each is another command.
void expect_reuse_refused(Cli& cli, const std::string& event) {
  for (
      const char* other :
      {"fire acme paused --set until=2026-04-27 --note 'Re-engaged Customer: paused' --id k1",
       "fire acme paused --set until=2026-04-20 --note 'Re-engaged Customer: later' --id k1",
       "fire acme paused --set until=2026-04-20 --note 'Re-engaged Customer: paused' --kind technical --id k1",
       "fire acme customer_replied --id k1",
       "fire beta paused --set until=2026-04-20 --note 'Re-engaged Customer: paused' --id k1",
       "note acme 'Re-engaged Customer: paused' --id k1",
       "fire acme paused --set until=2026-04-20 --note 'Re-engaged Customer: paused' --playbook outreach --id k1",
       "as fm2"}) {
    std::string cmd = other;
    if (cmd == "as fm2") cli.as = "fm2", cmd = kFire;  // the same command by someone else
    Run r = cli(cmd, "2026-03-06T12:00:00Z");
    cli.as = "fm1";
    INFO(cmd << " as " << (other == cmd ? "fm1" : "fm2") << "\n" << r.out);
    CHECK(r.rc == 1);
    CHECK(has(r, "[key-reused]"));
    CHECK(has(r, "event " + event));
  }
  CHECK(events(cli, "acme") == 3);  // tenant-add, start, the first fire
  CHECK(events(cli, "beta") == 2);
}

}  // namespace

TEST_CASE("idempotency: only the identical command is a duplicate", "[cli-idem]") {
  Cli cli;
  two_tenants(cli);
  Run r = cli(kFire);
  REQUIRE(r.rc == 0);
  std::string first =
      std::to_string(nlohmann::json::parse(cli("history acme --format json").out)["events"][2]["id"]
                         .get<int64_t>());
  r = cli(kFire, "2026-03-07T09:00:00Z");  // a retry, later: the same command
  CHECK(r.rc == 0);
  CHECK(has(r, "already applied (event " + first + ")"));
  expect_reuse_refused(cli, first);
}

TEST_CASE("idempotency: a key saved before commands were stored compares with its event",
          "[cli-idem]") {
  Cli cli;
  two_tenants(cli);
  REQUIRE(cli(kFire).rc == 0);
  {
    pb::rt::Store s(cli.db.path());
    s.exec("UPDATE idempotency SET command = ''");
  }
  std::string first =
      std::to_string(nlohmann::json::parse(cli("history acme --format json").out)["events"][2]["id"]
                         .get<int64_t>());
  Run r = cli(kFire, "2026-03-07T09:00:00Z");
  CHECK(r.rc == 0);
  CHECK(has(r, "already applied (event " + first + ")"));
  expect_reuse_refused(cli, first);
}

TEST_CASE("idempotency: start with a key used for another tenant is refused", "[cli-idem]") {
  Cli cli;
  for (const char* t : {"acme", "beta"})
    REQUIRE(
        cli(std::string("tenant add ") + t + " --set 'contacts=Ana <ana@acme.com> primary'").rc ==
        0);
  REQUIRE(cli("start acme outreach --id s1").rc == 0);
  CHECK(has(cli("start acme outreach --id s1"), "already applied"));
  Run r = cli("start beta outreach --id s1");
  CHECK(r.rc == 1);
  CHECK(has(r, "[key-reused]"));
  CHECK(events(cli, "beta") == 1);
}
