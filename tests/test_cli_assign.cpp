// test_cli_assign.cpp — RM/FM assignments and outreach seen from the command
// line (PB_BINARY on tests/data/run): `tenant assign|unassign` write logged
// inputs that replay applies again; `history` shows what was sent to whom.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>

#include "cli_fixture.hpp"

using nlohmann::json;
using pbt::Cli;
using pbt::has;
using pbt::Run;

TEST_CASE("cli assign: set, change, show and remove RM/FM assignments", "[cli-assign]") {
  Cli cli;
  REQUIRE(cli("tenant add acme --set region=AMERICAS").rc == 0);
  Run r = cli("tenant assign acme fm 'Bob Smith' --primary");
  CHECK(r.rc == 0);
  CHECK(has(r, "tenant acme: assigned fm \"Bob Smith\" (primary) (event 2)"));
  REQUIRE(cli("tenant assign acme rm Carol").rc == 0);
  REQUIRE(cli("tenant assign acme fm Dave --primary").rc == 0);  // Dave becomes the only primary FM
  r = cli("tenant show acme");
  CHECK(has(r, "  fm Bob Smith\n"));
  CHECK(has(r, "  rm Carol\n"));
  CHECK(has(r, "  fm Dave (primary)\n"));
  json j = json::parse(cli("tenant show acme --format json").out);
  CHECK(j["assignments"].size() == 3);
  r = cli("tenant assign acme fm Dave --primary");  // nothing changes: nothing written
  CHECK(r.rc == 0);
  CHECK(has(r, "fm \"Dave\" is already assigned as primary (nothing written)"));
  REQUIRE(cli("tenant unassign acme fm 'Bob Smith'").rc == 0);
  r = cli("history acme");
  CHECK(has(r, "assign by fm1: assigned fm \"Bob Smith\" (primary)"));
  CHECK(has(r, "unassign by fm1: unassigned fm \"Bob Smith\""));
  CHECK(json::parse(cli("history acme --format json").out)["events"].size() == 5);
  CHECK(!has(cli("tenant show acme"), "Bob Smith"));
  r = cli("replay acme");
  CHECK(r.rc == 0);
  CHECK(has(r, "the stored state matches"));
  j = json::parse(cli("due --queue Dave --until 2026-12-31 --format json").out);
  CHECK(j.empty());  // acme runs nothing yet; the queue filter reads the new assignment below
  REQUIRE(cli("tenant set acme 'contacts=Ana <ana@acme.com> primary'").rc == 0);
  REQUIRE(cli("start acme outreach").rc == 0);
  j = json::parse(cli("due --queue Dave --until 2026-12-31 --format json").out);
  REQUIRE(j.size() == 1);
  CHECK(j[0]["tenant"] == "acme");
}

TEST_CASE("cli assign: bad queue kinds, unknown names and tenants", "[cli-assign]") {
  Cli cli;
  REQUIRE(cli("tenant add acme --set region=AMERICAS").rc == 0);
  REQUIRE(cli("tenant assign acme fm Bob").rc == 0);
  Run r = cli("tenant assign acme fn Bob");
  CHECK(r.rc == 2);
  CHECK(has(r, "error: 'fn' is not a queue kind: rm or fm (did you mean 'fm'?)"));
  CHECK(cli("tenant assign acme FM Bob").rc == 0);  // the kind in capitals is the same kind
  r = cli("tenant unassign acme fm Bobb");
  CHECK(r.rc == 2);
  CHECK(has(r, "tenant 'acme' has no fm 'Bobb'; did you mean 'Bob'?"));
  CHECK(has(r, "[not-assigned]"));
  r = cli("tenant unassign acme rm Bob");  // Bob is an FM, not an RM
  CHECK(r.rc == 2);
  CHECK(cli("tenant assign nobody fm Bob").rc == 2);
  CHECK(cli("tenant assign acme fm ''").rc == 2);
  CHECK(json::parse(cli("history acme --format json").out)["events"].size() ==
        2);  // add, one assign
}

TEST_CASE("cli history: what was sent to whom, when, by which event", "[cli-assign]") {
  Cli cli;
  REQUIRE(
      cli("tenant add acme --set region=AMERICAS --set 'contacts=Ana <ana@acme.com> primary'").rc ==
      0);
  REQUIRE(cli("start acme outreach").rc == 0);
  Run r = cli("history acme");
  CHECK(has(r, "sent 2026-03-06T10:00:00Z \"Customer Outreach\" to Ana <ana@acme.com> (event #2)"));
  json j = json::parse(cli("history acme --format json").out);
  REQUIRE(j["outreach"].size() == 1);
  CHECK(j["outreach"][0] == json({{"at", "2026-03-06T10:00:00Z"},
                                  {"template", "Customer Outreach"},
                                  {"contact", "Ana"},
                                  {"email", "ana@acme.com"},
                                  {"event", 2}}));
}
