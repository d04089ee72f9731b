// test_cli_replay.cpp — `playbook replay` end to end (PB_BINARY): a stored
// row changed behind the engine's back (SQL) is found and named precisely,
// stored value beside replayed value — notes, outreach, tasks, assignments,
// timers, attributes — with exit 1; the untouched store matches (exit 0).
#include <catch2/catch.hpp>

#include <string>

#include "cli_fixture.hpp"
#include "runtime/store.hpp"

using pbt::Cli;
using pbt::Run;

namespace {

void corrupt(Cli& cli, const char* sql) {
  pb::rt::Store s(cli.db.path());
  s.exec(sql);
}

// acme: started on outreach (one outreach row), task 3663 complete, a technical note.
void acme(Cli& cli) {
  REQUIRE(
      cli("tenant add acme --set region=AMERICAS --set 'contacts=Ana <ana@acme.com> primary'").rc ==
      0);
  REQUIRE(cli("start acme outreach").rc == 0);
  REQUIRE(cli("complete acme 3663").rc == 0);
  REQUIRE(cli("note acme 'Re-engaged Customer: called' --kind technical").rc == 0);
  Run r = cli("replay acme");
  REQUIRE(r.rc == 0);
  REQUIRE(r.out == "replay acme: 4 events, the stored state matches\n");
}

}  // namespace

TEST_CASE("replay: a forged note or outreach row is named, exit 1", "[cli-replay]") {
  Cli cli;
  acme(cli);
  corrupt(cli, "UPDATE notes SET text = 'Re-engaged Customer: forged'");
  Run r = cli("replay acme");
  CHECK(r.rc == 1);
  CHECK(
      r.out ==
      "note 1: stored [technical] \"Re-engaged Customer: forged\" under outreach by fm1 at "
      "2026-03-06T10:00:00Z (event 4), replayed [technical] \"Re-engaged Customer: called\" under outreach by "
      "fm1 at 2026-03-06T10:00:00Z (event 4)\n"
      "replay acme: 4 events, 1 differences\n");
  corrupt(cli, "UPDATE notes SET text = 'Re-engaged Customer: called', kind = 'status'");
  CHECK(pbt::has(cli("replay acme"), "note 1: stored [status] \"Re-engaged Customer: called\""));
  corrupt(cli, "DELETE FROM notes; UPDATE outreach SET email = 'eve@evil.com'");
  r = cli("replay acme");
  CHECK(r.rc == 1);
  CHECK(
      r.out ==
      "note 1: stored none, replayed [technical] \"Re-engaged Customer: called\" under outreach by fm1 at "
      "2026-03-06T10:00:00Z (event 4)\n"
      "outreach 1: stored \"Customer Outreach\" to Ana <eve@evil.com> at 2026-03-06T10:00:00Z (event 2), "
      "replayed \"Customer Outreach\" to Ana <ana@acme.com> at 2026-03-06T10:00:00Z (event 2)\n"
      "replay acme: 4 events, 2 differences\n");
  corrupt(cli,
          "INSERT INTO outreach(tenant, event, seq, template, contact, email, at) "
          "SELECT tenant, event, seq + 1, template, contact, email, at FROM outreach");
  CHECK(pbt::has(cli("replay acme"),
                 "outreach 2: stored \"Customer Outreach\" to Ana <eve@evil.com> at "
                 "2026-03-06T10:00:00Z (event 2), replayed none\n"));
}

TEST_CASE("replay: tasks, assignments, timers and attributes are compared", "[cli-replay]") {
  Cli cli;
  acme(cli);
  corrupt(cli,
          "UPDATE tasks SET who = 'mallory'; UPDATE timers SET due = due + 60;"
          "UPDATE attributes SET value = '\"EMEA\"' WHERE name = 'region';"
          "INSERT INTO assignments(tenant, queue, name, is_primary) VALUES('acme', 'fm', 'x', 1)");
  Run r = cli("replay acme");
  CHECK(r.rc == 1);
  CHECK(
      r.out ==
      "attribute region: stored \"EMEA\", replayed \"AMERICAS\"\n"
      "task 3663: stored complete by mallory at 2026-03-06T10:00:00Z, replayed complete by fm1 at "
      "2026-03-06T10:00:00Z\n"
      "assignments: stored fm \"x\" primary, replayed none\n"
      "instance 1 (outreach): stored timers email_1#2 due 2026-03-11T10:01:00Z, replayed email_1#2 due "
      "2026-03-11T10:00:00Z\n"
      "replay acme: 4 events, 4 differences\n");
  corrupt(cli, "DELETE FROM tasks; UPDATE instances SET step = 'phone', visits = '{}'");
  r = cli("replay acme");
  CHECK(
      pbt::has(r, "task 3663: stored absent, replayed complete by fm1 at 2026-03-06T10:00:00Z\n"));
  CHECK(pbt::has(
      r, "instance 1 (outreach): stored phone active \"\", replayed email_1 active \"\"\n"));
  CHECK(pbt::has(r, "instance 1 (outreach): stored visits {}, replayed {\"email_1\":1}\n"));
}
