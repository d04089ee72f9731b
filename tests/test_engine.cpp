// test_engine.cpp — the SQLite store and the engine on a temporary database:
// tenants, start/fire/goto, refusals that write nothing, idempotency keys,
// timers and tick, pinning, append-only log, schema version, replay.
#include "runtime_fixture.hpp"
#include "runtime/store_world.hpp"

using namespace pbt;
using namespace pb::rt;

namespace {
const std::vector<std::pair<std::string, std::string>> kAcme = {
    {"region", "AMERICAS"}, {"managed", "false"}, {"contacts", "Ana <ana@acme.com> primary"}};

// The set-up of most cases: a fresh database (`s`), the test playbook
// directory (`dir`) and an engine on them (`e`).
struct EngineFixture {
  TempDb db;
  Store s{db.path()};
  Dir dir;
  Engine e{s, dir.cat()};
};
}  // namespace

TEST_CASE_METHOD(EngineFixture, "tenants are added, validated and shown", "[engine]") {
  Response r = e.tenant_add("acme", kAcme, "fm1", at("2026-03-06T09:00:00Z"));
  REQUIRE(r.exit == 0);
  CHECK(e.tenant_add("acme", {}, "fm1", at("2026-03-06T09:00:00Z")).code == "tenant-exists");
  Response bad = e.tenant_add("x", {{"regoin", "EMEA"}}, "fm1", at("2026-03-06T09:00:00Z"));
  CHECK(bad.exit == 2);
  CHECK(bad.code == "unknown-attribute");
  CHECK(bad.message.find("region") != std::string::npos);
  CHECK(e.tenant_add("y", {{"region", "MARS"}}, "fm1", at("2026-03-06T09:00:00Z")).code ==
        "bad-value");
  CHECK(e.tenant_set("nobody", {{"region", "EMEA"}}, "fm1", at("2026-03-06T09:00:00Z")).code ==
        "unknown-tenant");
  TenantWorld w;
  REQUIRE(e.load("acme", w).exit == 0);
  CHECK(w.tenant.attrs["region"].s == "AMERICAS");
  CHECK(w.tenant.attrs["contacts"].contacts->at(0).primary);
  CHECK(count_rows(s, "SELECT count(*) FROM tenants") == 1);
}

TEST_CASE_METHOD(EngineFixture, "start, fire, goto another playbook, end", "[engine]") {
  REQUIRE(e.tenant_add("acme", kAcme, "fm1", at("2026-03-06T09:00:00Z")).exit == 0);
  Response r = e.submit("acme", start("outreach", "2026-03-06T10:00:00Z"));
  REQUIRE(r.exit == 0);
  CHECK(count_rows(s, "SELECT count(*) FROM outreach") == 1);
  CHECK(count_rows(s, "SELECT complete FROM tasks WHERE task = 3663") == 1);
  // Fri 10:00 + 2 business days, Monday 03-09 is a holiday in AMERICAS → Wed 03-11 10:00
  CHECK(count_rows(s, "SELECT due FROM timers") == to_secs(at("2026-03-11T10:00:00Z")));
  CHECK(e.submit("acme", start("outreach", "2026-03-06T10:00:00Z")).code == "already-running");
  CHECK(e.submit("acme", start("outreech", "2026-03-06T10:00:00Z")).exit == 2);

  r = e.submit("acme", fire("customer_replied", "2026-03-06T11:00:00Z"));
  REQUIRE(r.exit == 0);
  CHECK(r.applied.summary.find("email_1 -> done") != std::string::npos);
  REQUIRE(r.world.instances.size() == 2);
  CHECK(r.world.instances[0].st.status == pb::InstanceStatus::Goto);
  CHECK(r.world.instances[1].st.playbook == "delivery");
  CHECK(count_rows(s, "SELECT count(*) FROM timers") == 0);
  r = e.submit("acme", fire("delivered", "2026-03-07T11:00:00Z"));
  REQUIRE(r.exit == 0);
  CHECK(r.world.instances[1].st.status == pb::InstanceStatus::Ended);
  CHECK(e.submit("acme", fire("delivered", "2026-03-07T11:00:00Z")).code == "not-running");
  {
    auto rp = e.replay("acme");
    for (auto& d : rp.diffs) UNSCOPED_INFO(d);
    CHECK(rp.diffs.empty());
  }
}

TEST_CASE_METHOD(EngineFixture, "a refusal writes nothing; an idempotency key applies once",
                 "[engine]") {
  REQUIRE(e.tenant_add("acme", kAcme, "fm1", at("2026-03-06T09:00:00Z")).exit == 0);
  REQUIRE(e.submit("acme", start("outreach", "2026-03-06T10:00:00Z")).exit == 0);
  int64_t events = count_rows(s, "SELECT count(*) FROM events");
  Response r = e.submit("acme", fire("delivered", "2026-03-06T11:00:00Z", {}, "outreach"));
  CHECK(r.exit == 2);  // not an event of this playbook
  r = e.submit("acme", fire("paused", "2026-03-06T11:00:00Z", {{"until", "2026-02-31"}}));
  CHECK(r.code == "bad-value");
  LogInput note;
  note.op = pb::rt::InputOp::Note;
  note.input.kind = pb::InputKind::Note;
  note.input.note = "no prefix";
  note.input.actor = "fm1";
  note.at = at("2026-03-06T11:00:00Z");
  CHECK(e.submit("acme", note).code == "note-prefix");
  CHECK(count_rows(s, "SELECT count(*) FROM events") == events);
  CHECK(count_rows(s, "SELECT count(*) FROM notes") == 0);

  note.input.note = "Re-engaged Customer: called";
  REQUIRE(e.submit("acme", note, "key-1").exit == 0);
  Response again = e.submit("acme", note, "key-1");
  CHECK(again.exit == 0);
  CHECK(again.duplicate);
  CHECK(count_rows(s, "SELECT count(*) FROM notes") == 1);
  CHECK(count_rows(s, "SELECT count(*) FROM events") == events + 1);
  REQUIRE(e.tenant_add("beta", kAcme, "fm1", at("2026-03-06T09:00:00Z")).exit == 0);
  CHECK(e.submit("beta", note, "key-1").code == "key-reused");
}

TEST_CASE_METHOD(EngineFixture, "tick fires due timers exactly once, following the calendar",
                 "[engine]") {
  REQUIRE(e.tenant_add("acme", kAcme, "fm1", at("2026-03-06T09:00:00Z")).exit == 0);
  REQUIRE(e.submit("acme", start("outreach", "2026-03-06T10:00:00Z")).exit == 0);
  CHECK(e.tick(at("2026-03-11T09:59:59Z")).fired == 0);
  TickReport t = e.tick(at("2026-03-11T10:00:00Z"));
  CHECK(t.fired == 1);
  CHECK(e.tick(at("2026-03-11T10:00:00Z")).fired == 0);
  TenantWorld w;
  REQUIRE(e.load("acme", w).exit == 0);
  CHECK(w.instances[0].st.step == "phone");
  CHECK(w.tenant.tasks[3664].complete());
  // a late tick fires phone's week, long past, once → done → delivery, dated when it fired
  t = e.tick(at("2026-06-01T00:00:00Z"));
  CHECK(t.fired == 1);
  REQUIRE(e.load("acme", w).exit == 0);
  CHECK(w.instances.size() == 2);
  CHECK(w.instances[1].st.entered_at == at("2026-06-01T00:00:00Z"));
  CHECK(count_rows(s, "SELECT count(*) FROM events WHERE kind = 'tick'") == 2);
  {
    auto rp = e.replay("acme");
    for (auto& d : rp.diffs) UNSCOPED_INFO(d);
    CHECK(rp.diffs.empty());
  }
}

TEST_CASE_METHOD(EngineFixture,
                 "at timers are armed from the attribute and re-armed when it changes",
                 "[engine]") {
  REQUIRE(e.tenant_add("acme", kAcme, "fm1", at("2026-03-06T09:00:00Z")).exit == 0);
  REQUIRE(e.submit("acme", start("outreach", "2026-03-06T10:00:00Z")).exit == 0);
  REQUIRE(
      e.submit("acme", fire("paused", "2026-03-06T11:00:00Z", {{"until", "2026-04-20"}})).exit ==
      0);
  CHECK(count_rows(s, "SELECT due FROM timers") == to_secs(at("2026-04-18T00:00:00Z")));
  REQUIRE(
      e.tenant_set("acme", {{"next_action_date", "2026-05-10"}}, "fm1", at("2026-03-07T09:00:00Z"))
          .exit == 0);
  CHECK(count_rows(s, "SELECT due FROM timers") == to_secs(at("2026-05-08T00:00:00Z")));
  CHECK(e.tick(at("2026-05-08T00:00:00Z")).fired == 1);
  {
    auto rp = e.replay("acme");
    for (auto& d : rp.diffs) UNSCOPED_INFO(d);
    CHECK(rp.diffs.empty());
  }
}

TEST_CASE("instances keep the playbook text they started on", "[engine]") {
  TempDb db;
  Store s(db.path());
  {
    Dir dir;
    Engine e(s, dir.cat());
    REQUIRE(e.tenant_add("acme", kAcme, "fm1", at("2026-03-06T09:00:00Z")).exit == 0);
    REQUIRE(e.submit("acme", start("outreach", "2026-03-06T10:00:00Z")).exit == 0);
  }
  Dir edited;  // the file changes: customer_replied now ends the playbook
  std::string text = kOutreachYaml;
  text.replace(text.find("{event: customer_replied, to: done}"), 35,
               "{event: customer_replied, to: phone}");
  edited.catalog.files["outreach"].source = text;
  Engine e(s, edited.cat());
  Response r = e.submit("acme", fire("customer_replied", "2026-03-06T11:00:00Z"));
  REQUIRE(r.exit == 0);
  CHECK(r.world.instances[0].st.step == "done");  // the pinned text, not the edited one
  {
    auto rp = e.replay("acme");
    for (auto& d : rp.diffs) UNSCOPED_INFO(d);
    CHECK(rp.diffs.empty());
  }
}

TEST_CASE_METHOD(EngineFixture, "the event log is append-only and replay detects tampering",
                 "[engine]") {
  REQUIRE(e.tenant_add("acme", kAcme, "fm1", at("2026-03-06T09:00:00Z")).exit == 0);
  REQUIRE(e.submit("acme", start("outreach", "2026-03-06T10:00:00Z")).exit == 0);
  CHECK_THROWS_AS(s.exec("UPDATE events SET actor = 'x'"), StoreError);
  CHECK_THROWS_AS(s.exec("DELETE FROM events"), StoreError);
  ReplayReport rep = e.replay("acme");
  CHECK(rep.events == 2);
  CHECK(rep.diffs.empty());
  s.exec("UPDATE instances SET step = 'phone'");
  s.exec("UPDATE attributes SET value = '\"EMEA\"' WHERE name = 'region'");
  rep = e.replay("acme");
  REQUIRE(rep.diffs.size() == 2);
  CHECK(rep.diffs[0].find("region") != std::string::npos);
  CHECK(rep.diffs[1].find("phone") != std::string::npos);
}

TEST_CASE("the schema is versioned and migrated on open", "[engine]") {
  TempDb db;
  {
    Store s(db.path());
    CHECK(s.user_version() == kSchemaVersion);
    Query q(s, "PRAGMA journal_mode");
    REQUIRE(q.step());
    CHECK(q.text(0) == "wal");
  }
  {
    Store s(db.path());  // reopening does not migrate again
    CHECK(s.user_version() == kSchemaVersion);
    s.exec("PRAGMA user_version = 99");
  }
  CHECK_THROWS_AS(Store(db.path()), StoreError);
}

TEST_CASE_METHOD(EngineFixture, "several playbooks per tenant need --playbook to pick one",
                 "[engine]") {
  REQUIRE(e.tenant_add("acme", kAcme, "fm1", at("2026-03-06T09:00:00Z")).exit == 0);
  REQUIRE(e.submit("acme", start("ping", "2026-03-06T10:00:00Z")).exit == 0);
  REQUIRE(e.submit("acme", start("delivery", "2026-03-06T10:00:00Z")).exit == 0);
  CHECK(e.submit("acme", fire("ping", "2026-03-06T11:00:00Z")).code == "ambiguous-instance");
  CHECK(e.submit("acme", fire("ping", "2026-03-06T11:00:00Z", {}, "ping")).exit == 0);
}

TEST_CASE_METHOD(EngineFixture, "an at timer already past fires at the next tick, dated then",
                 "[engine]") {
  REQUIRE(e.tenant_add("acme", kAcme, "fm1", at("2026-03-06T09:00:00Z")).exit == 0);
  REQUIRE(e.submit("acme", start("outreach", "2026-03-06T10:00:00Z")).exit == 0);
  REQUIRE(
      e.submit("acme", fire("paused", "2026-03-06T11:00:00Z", {{"until", "2026-03-07"}})).exit ==
      0);
  CHECK(count_rows(s, "SELECT due FROM timers") == to_secs(at("2026-03-05T00:00:00Z")));
  CHECK(e.tick(at("2026-03-06T11:00:01Z")).fired == 1);
  TenantWorld w;
  REQUIRE(e.load("acme", w).exit == 0);
  CHECK(w.instances[0].st.step == "email_1");
  CHECK(w.instances[0].st.entered_at == at("2026-03-06T11:00:01Z"));
  {
    auto rp = e.replay("acme");
    for (auto& d : rp.diffs) UNSCOPED_INFO(d);
    CHECK(rp.diffs.empty());
  }
}

TEST_CASE("a store locked by another writer gives up with exit 3, then works", "[engine]") {
  TempDb db;
  Store s(db.path(), Access::Write, 50);
  Store other(db.path(), Access::Write, 50);
  Dir dir;
  Engine e(s, dir.cat());
  REQUIRE(e.tenant_add("acme", kAcme, "fm1", at("2026-03-06T09:00:00Z")).exit == 0);
  other.begin_immediate();
  Response r = e.submit("acme", start("outreach", "2026-03-06T10:00:00Z"));
  CHECK(r.exit == 3);
  CHECK(r.code == "busy");
  other.rollback();
  CHECK(e.submit("acme", start("outreach", "2026-03-06T10:00:00Z")).exit == 0);
  CHECK(count_rows(s, "SELECT count(*) FROM events") == 2);
}
