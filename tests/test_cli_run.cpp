// test_cli_run.cpp — end-to-end runs of the `playbook` binary (PB_BINARY) on
// tests/data/run (a DSL playbook, a shared schema, a calendar) and a
// temporary database: every running command, exit codes 0/1/2, JSON output.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <string>

#include "cli_fixture.hpp"
#include "runtime/store.hpp"

using pbt::Cli;
using pbt::has;
using pbt::Run;

TEST_CASE("cli: tenant add, set, show, import", "[cli-run]") {
  Cli cli;
  CHECK(
      cli("tenant add acme --set region=AMERICAS --set 'contacts=Ana <ana@acme.com> primary'").rc ==
      0);
  CHECK(cli("tenant add acme").rc == 2);
  Run r = cli("tenant set acme regoin=EMEA");
  CHECK(r.rc == 2);
  CHECK(has(r, "did you mean 'region'"));
  CHECK(cli("tenant set acme region=MARS").rc == 2);
  CHECK(cli("tenant set acme priority=9").rc == 1);  // rule priority_range in the shared schema
  CHECK(cli("tenant set acme priority=2").rc == 0);
  CHECK(cli("tenant set nobody priority=2").rc == 2);
  r = cli("tenant show acme --format json");
  REQUIRE(r.rc == 0);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["attributes"]["priority"] == 2);
  CHECK(j["attributes"]["region"] == "AMERICAS");

  std::string csv = cli.db.dir.string() + "/t.csv";
  // line 3: a quoted id with a comma; lines 4-5: one record with a line break
  // inside quotes. Neither is a valid tenant id: bad rows, each at its line.
  std::ofstream(csv)
      << "id,region,priority\nbeta,EMEA,1\n\"gam,ma\",AMERICAS,\n\"multi\nline\",EMEA,\n"
         "acme,,4\ndelta,MARS,1\nepsilon,EMEA,9\nzeta,EMEA\n";
  r = cli("tenant import '" + csv + "'");
  CHECK(r.rc == 2);  // bad rows: nothing is imported
  CHECK(has(r, csv + ":7: tenant delta: "));
  CHECK(has(r, "[bad-value]"));
  CHECK(has(r, csv + ":8: tenant epsilon: priority must be between 0 and 5 [priority_range]"));
  CHECK(has(r, csv + ":9: tenant zeta: 2 cells, the header has 3"));
  CHECK(has(r, csv + ":3: tenant gam,ma: tenant id 'gam,ma' has ',' at byte offset 3"));
  CHECK(has(
      r, csv + ":4: tenant multi\\nline: tenant id 'multi\\nline' has byte 0x0a at byte offset 5"));
  CHECK(has(r, "5 of 7 rows are bad; nothing imported (--skip-bad imports the others)"));
  CHECK(cli("tenant show beta").rc == 2);
  CHECK(has(cli("tenant show acme"), "priority = 2"));
  r = cli("tenant import --skip-bad --batch 2 '" + csv + "'");
  CHECK(r.rc == 2);  // the bad rows are still reported
  CHECK(has(r, "imported 2 of 7 rows (5 bad rows skipped)"));
  CHECK(cli("tenant show 'gam,ma'").rc == 2);
  CHECK(has(cli("tenant show acme"), "priority = 4"));
  CHECK(cli("tenant show delta").rc == 2);
  std::ofstream(csv) << "id,region\nbeta,AMERICAS\nomega,EMEA\n";
  r = cli("tenant import '" + csv + "'");
  CHECK(r.rc == 0);
  CHECK(has(r, "imported 2 of 2 rows"));
  CHECK(has(cli("tenant show beta"), "region = AMERICAS"));  // an existing tenant: tenant set
  CHECK(has(cli("history beta"), "tenant-set"));
}

// One transaction for the whole file or one per two rows: the same tenants
// and the same log.
TEST_CASE("cli: tenant import in one batch and in several gives the same store", "[cli-run]") {
  Cli one, many;
  std::string csv = one.db.dir.string() + "/t.csv";
  for (Cli* c : {&one, &many}) REQUIRE((*c)("tenant add beta --set region=AMERICAS").rc == 0);
  std::ofstream(csv) << "id,region,priority\nbeta,EMEA,3\ndelta,MARS,1\ngamma,AMERICAS,\n"
                        "epsilon,EMEA,9\nzeta,EMEA,2\n";
  Run r1 = one("tenant import --skip-bad '" + csv + "'");
  Run r2 = many("tenant import --skip-bad --batch 2 '" + csv + "'");
  CHECK(r1.rc == 2);
  CHECK(r1.out == r2.out);
  CHECK(has(r1, "imported 3 of 5 rows (2 bad rows skipped)"));
  for (const char* id : {"beta", "gamma", "zeta"}) {
    std::string show = std::string("tenant show ") + id + " --format json",
                log = std::string("history ") + id;
    CHECK(one(show).out == many(show).out);
    CHECK(one(log).out == many(log).out);
  }
  CHECK(has(one("tenant show beta"), "priority = 3"));
  CHECK(one("tenant show delta").rc == 2);
  CHECK(one("replay gamma").rc == 0);
}

TEST_CASE("cli: start, fire, complete, note, status, history, replay", "[cli-run]") {
  Cli cli;
  REQUIRE(
      cli("tenant add acme --set region=AMERICAS --set 'contacts=Ana <ana@acme.com> primary'").rc ==
      0);
  Run r = cli("start acme outreach");
  REQUIRE(r.rc == 0);
  CHECK(has(r, "sent \"Customer Outreach\" to Ana"));
  CHECK(cli("start acme outreach").rc == 1);
  CHECK(cli("start acme nosuch").rc == 2);
  r = cli("status acme");
  CHECK(has(r, "step email_1"));
  CHECK(
      has(r, "due 2026-03-11T10:00:00Z"));  // Monday 03-09 is a holiday in calendars/americas.yaml

  CHECK(cli("fire acme custmer_replied").rc == 2);
  CHECK(cli("fire acme paused --set until=2026-02-30").rc == 2);
  CHECK(cli("fire acme paused --set until=2026-04-20 --note 'no prefix'").rc == 1);
  CHECK(cli("fire acme paused --set until=2026-04-20 --note 'Re-engaged Customer: paused' --id k1")
            .rc == 0);
  r = cli("fire acme paused --set until=2026-04-20 --note 'Re-engaged Customer: paused' --id k1");
  CHECK(r.rc == 0);
  CHECK(has(r, "already applied"));
  r = cli("fire acme paused");
  CHECK(r.rc == 1);
  CHECK(has(r, "[event-not-possible]"));
  CHECK(has(r, "customer_replied"));

  CHECK(cli("complete acme 3663").rc == 0);
  CHECK(has(cli("complete acme 3664"), "[exactly-one]"));
  CHECK(cli("complete acme 3664").rc == 1);
  CHECK(cli("complete acme 99").rc == 2);
  CHECK(cli("note acme 'hello'").rc == 1);
  CHECK(cli("note acme 'Re-engaged Customer: called' --kind technical").rc == 0);
  CHECK(cli("note acme 'Re-engaged Customer: x' --kind nope").rc == 2);

  r = cli("status acme --format json");
  REQUIRE(r.rc == 0);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["instances"][0]["step"] == "paused");
  CHECK(j["instances"][0]["timers"][0]["due"] == "2026-04-18T00:00:00Z");

  r = cli("history acme --format json");
  REQUIRE(r.rc == 0);
  j = nlohmann::json::parse(r.out);
  CHECK(j["events"].size() == 5);  // tenant-add, start, fire, complete, note
  CHECK(j["notes"].size() == 2);
  r = cli("replay acme");
  CHECK(r.rc == 0);
  CHECK(has(r, "matches"));
}

TEST_CASE("cli: tick and due", "[cli-run]") {
  Cli cli;
  REQUIRE(
      cli("tenant add acme --set region=AMERICAS --set 'contacts=Ana <ana@acme.com> primary'").rc ==
      0);
  REQUIRE(cli("start acme outreach").rc == 0);
  Run r = cli("due --until 2026-03-11 --format json");
  REQUIRE(r.rc == 0);
  auto j = nlohmann::json::parse(r.out);
  REQUIRE(j.size() == 1);
  CHECK(j[0]["to"] == "phone");
  CHECK(j[0]["role"] == "fm");
  CHECK(
      nlohmann::json::parse(cli("due --role nobody --until 2026-12-31 --format json").out).empty());
  REQUIRE(
      cli("tenant add beta --set region=AMERICAS --set 'contacts=Bo <bo@beta.com> primary'").rc ==
      0);
  REQUIRE(cli("start beta outreach", "2026-03-06T11:00:00Z").rc == 0);
  {
    pb::rt::Store s(cli.db.path());
    s.exec(
        "INSERT INTO assignments(tenant, queue, name, is_primary) VALUES('beta', 'fm', 'FTCQ CSS EMEA', 1)");
  }
  j = nlohmann::json::parse(cli("due --until 2026-03-11T12:00:00Z --format json").out);
  REQUIRE(j.size() == 2);  // oldest first
  CHECK(j[0]["tenant"] == "acme");
  CHECK(j[1]["tenant"] == "beta");
  j = nlohmann::json::parse(
      cli("due --until 2026-03-11T12:00:00Z --queue 'FTCQ CSS EMEA' --format json").out);
  REQUIRE(j.size() == 1);
  CHECK(j[0]["tenant"] == "beta");
  j = nlohmann::json::parse(cli("due --until 2026-03-11T12:00:00Z --limit 1 --format json").out);
  REQUIRE(j.size() == 1);
  CHECK(j[0]["tenant"] == "acme");
  // --limit counts the lines the filters keep, not the timers read
  j = nlohmann::json::parse(
      cli("due --until 2026-03-11T12:00:00Z --queue 'FTCQ CSS EMEA' --limit 1 --format json").out);
  REQUIRE(j.size() == 1);
  CHECK(j[0]["tenant"] == "beta");
  CHECK(cli("due --until 2026-03-11T12:00:00Z --role fm --limit 5").out.find("beta") !=
        std::string::npos);
  CHECK(cli("due --until 2026-03-11T12:00:00Z --queue nobody").out.empty());
  j = nlohmann::json::parse(cli("replay acme --format json").out);
  CHECK(j["matches"] == true);
  CHECK(j["differences"].empty());
  CHECK(j["events"] == 2);               // tenant-add, start
  r = cli("replay beta --format json");  // the assignment written behind the log's back
  CHECK(r.rc == 1);
  j = nlohmann::json::parse(r.out);
  CHECK(j["matches"] == false);
  REQUIRE(j["differences"].size() == 1);
  CHECK(j["differences"][0].get<std::string>().find("FTCQ CSS EMEA") != std::string::npos);
  CHECK(has(cli("tick", "2026-03-10T00:00:00Z"), "0 fired"));
  r = cli("tick", "2026-03-11T10:00:00Z");
  CHECK(r.rc == 0);
  CHECK(has(r, "1 fired"));  // acme's; beta's is due at 11:00
  CHECK(has(cli("tick", "2026-03-11T10:00:00Z"), "0 fired"));
  CHECK(has(cli("status acme"), "step phone"));
  CHECK(cli("tick", "not-a-date").rc == 2);
  CHECK(cli("replay acme").rc == 0);
}

TEST_CASE("cli: tenant add/set --note for attributes whose rules need a note", "[cli-run]") {
  Cli cli;
  Run r = cli("tenant add acme --set region=AMERICAS --set start_date=2026-04-01");
  CHECK(r.rc == 1);
  CHECK(r.out ==
        "refused: Every change of the start date needs an Overall Status Note giving the reason "
        "[start_date_needs_note]\n");
  CHECK(cli("tenant show acme").rc == 2);  // nothing written
  REQUIRE(
      cli("tenant add acme --set region=AMERICAS --set start_date=2026-04-01 --note 'kick-off agreed' "
          "--set 'contacts=Ana <ana@acme.com> primary'")
          .rc == 0);
  CHECK(cli("tenant set acme start_date=2026-04-08").rc == 1);
  REQUIRE(cli("start acme outreach").rc == 0);
  // Running outreach, the note must carry its prefix; refused → nothing written.
  r = cli("tenant set acme start_date=2026-04-08 --note 'moved'");
  CHECK(r.rc == 1);
  CHECK(
      r.out ==
      "refused: a note for tenant 'acme' must start with \"Re-engaged Customer\" (outreach) [note-prefix]\n");
  CHECK(cli("tenant set acme start_date=2026-04-08 --note 'Re-engaged Customer: x' --playbook nope")
            .rc == 1);
  CHECK(
      cli("tenant set acme start_date=2026-04-08 --note 'Re-engaged Customer: x' --kind nope").rc ==
      2);
  r = cli(
      "tenant set acme start_date=2026-04-08 --note 'Re-engaged Customer: customer moved it' --kind technical");
  CHECK(r.rc == 0);
  auto j = nlohmann::json::parse(cli("history acme --format json").out);
  REQUIRE(j["notes"].size() == 2);
  CHECK(j["notes"][0]["text"] == "kick-off agreed");
  CHECK(j["notes"][0]["playbook"] == "");
  CHECK(j["notes"][0]["kind"] == "status");
  CHECK(j["notes"][1]["text"] == "Re-engaged Customer: customer moved it");
  CHECK(j["notes"][1]["playbook"] == "outreach");
  CHECK(j["notes"][1]["kind"] == "technical");
  REQUIRE(j["events"].size() ==
          3);  // tenant-add, start, tenant-set: the note is logged with its set
  CHECK(j["events"][2]["input"]["note"]["text"] == "Re-engaged Customer: customer moved it");
  CHECK(nlohmann::json::parse(
            cli("tenant show acme --format json").out)["attributes"]["start_date"] ==
        nlohmann::json({{"date", "2026-04-08"}}));
  CHECK(cli("replay acme").rc == 0);
}
