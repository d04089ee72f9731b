// test_engine_input.cpp — the engine's API is the boundary: tenant_add,
// tenant_set, tenant_put_in_tx and submit check every text an input brings
// (UTF-8, control characters, id charsets) before anything is written, so
// every caller — the CLI, CSV import, a service — gets the same rules. Keys
// answer a duplicate only for the identical command. Playbooks with checker
// errors are never pinned.
#include "runtime/store_world.hpp"
#include "runtime_fixture.hpp"

using namespace pbt;
using namespace pb::rt;

namespace {

const std::vector<std::pair<std::string, std::string>> kAcme = {
    {"region", "AMERICAS"}, {"contacts", "Ana <ana@acme.com> primary"}};

LogInput note(const std::string& text, const std::string& actor = "fm1") {
  LogInput in;
  in.op = pb::rt::InputOp::Note;
  in.input.kind = pb::InputKind::Note;
  in.input.note = text;
  in.input.actor = actor;
  in.at = at("2026-03-06T11:00:00Z");
  return in;
}

}  // namespace

TEST_CASE("engine boundary: bad text and bad ids are refused before anything is written",
          "[engine-input]") {
  TempDb db;
  Store s(db.path());
  Dir dir;
  Engine e(s, dir.cat());
  pb::Instant t = at("2026-03-06T09:00:00Z");
  Response r = e.tenant_add("ab\xff", kAcme, "fm1", t);  // a new tenant: its id must be a tenant id
  CHECK(r.exit == 2);
  CHECK(r.code == "bad-id");
  CHECK(r.message.starts_with(
      "tenant id 'ab\xff' has byte 0xff at byte offset 2; it must be 1-128 ASCII"));
  r = e.tenant_set("ab\xff", kAcme, "fm1", t);  // naming one: its id must be text
  CHECK(r.code == "bad-text");
  CHECK(r.message == "tenant id: byte offset 2 is not valid UTF-8");
  CHECK(e.tenant_add("a b", kAcme, "fm1", t).code == "bad-id");
  CHECK(e.tenant_add("", kAcme, "fm1", t).code == "bad-id");
  CHECK(e.tenant_add("acme", {{"contacts", "An\xc3 <a@b.c>"}}, "fm1", t).message ==
        "value of 'contacts': byte offset 2 is not valid UTF-8");
  CHECK(e.tenant_add("acme", kAcme, "fm 1", t).code == "bad-id");
  CHECK(
      e.tenant_add("acme", kAcme, "fm1", t, TenantNote{"why\x1b", pb::NoteKind::OverallStatus, ""})
          .code == "bad-text");
  {
    Transaction tx(s, true);
    CHECK(e.tenant_put_in_tx("new\n", kAcme, "fm1", t).code == "bad-id");
    CHECK(e.tenant_put_in_tx("acme", {{"region\x01", "EMEA"}}, "fm1", t).code == "bad-text");
  }
  CHECK(count_rows(s, "SELECT count(*) FROM tenants") == 0);
  CHECK(count_rows(s, "SELECT count(*) FROM events") == 0);

  REQUIRE(e.tenant_add("acme", kAcme, "fm1", t).exit == 0);
  REQUIRE(e.submit("acme", start("outreach", "2026-03-06T10:00:00Z")).exit == 0);
  int64_t events = count_rows(s, "SELECT count(*) FROM events");
  CHECK(e.submit("acme", note("Re-engaged Customer: \xe2\x82")).code == "bad-text");
  CHECK(e.submit("acme", note("Re-engaged Customer: ok", "")).code == "bad-id");
  CHECK(e.submit("acme", note("Re-engaged Customer: ok"), "key one").code == "bad-id");
  LogInput f = fire("paused", "2026-03-06T11:00:00Z", {{"until", "2026-04-01\x7f"}});
  CHECK(e.submit("acme", f).code == "bad-text");
  CHECK(count_rows(s, "SELECT count(*) FROM events") == events);
  CHECK(count_rows(s, "SELECT count(*) FROM idempotency") == 0);
}

TEST_CASE("engine: an idempotency key answers only the identical command", "[engine-input]") {
  TempDb db;
  Store s(db.path());
  Dir dir;
  Engine e(s, dir.cat());
  REQUIRE(e.tenant_add("acme", kAcme, "fm1", at("2026-03-06T09:00:00Z")).exit == 0);
  REQUIRE(e.submit("acme", start("outreach", "2026-03-06T10:00:00Z")).exit == 0);
  Response first = e.submit("acme", note("Re-engaged Customer: called"), "k1");
  REQUIRE(first.exit == 0);
  LogInput later = note("Re-engaged Customer: called");
  later.at = at("2026-03-09T08:00:00Z");
  Response again = e.submit("acme", later, "k1");
  CHECK(again.duplicate);
  CHECK(again.event == first.event);
  Response other = e.submit("acme", note("Re-engaged Customer: emailed"), "k1");
  CHECK(other.exit == 1);
  CHECK(other.code == "key-reused");
  CHECK(other.message.find("event " + std::to_string(first.event)) != std::string::npos);
  CHECK(e.submit("acme", note("Re-engaged Customer: called", "fm2"), "k1").code == "key-reused");
  CHECK(count_rows(s, "SELECT count(*) FROM notes") == 1);
  CHECK(count_rows(s, "SELECT count(*) FROM idempotency WHERE command <> ''") == 1);
}

TEST_CASE("engine: a playbook with checker errors is not pinned", "[engine-input]") {
  TempDb db;
  Store s(db.path());
  Dir dir;
  // PB030: the transition's target is not a step.
  dir.add("broken.playbook.yaml",
          "playbook: broken\nstart: a\nevents:\n  - {id: go, title: Go}\nsteps:\n"
          "  - id: a\n    transitions:\n      - {event: go, to: b}\n");
  Engine e(s, dir.cat());
  REQUIRE(e.tenant_add("acme", kAcme, "fm1", at("2026-03-06T09:00:00Z")).exit == 0);
  Response r = e.submit("acme", start("broken", "2026-03-06T10:00:00Z"));
  CHECK(r.exit == 2);
  CHECK(r.code == "playbook-invalid");
  REQUIRE(r.details.size() == 1);
  CHECK(r.details[0].starts_with("broken.playbook.yaml:8:"));
  CHECK(r.details[0].ends_with("[PB030]"));
  CHECK(count_rows(s, "SELECT count(*) FROM playbook_sources") == 0);
  CHECK(e.submit("acme", start("ping", "2026-03-06T10:00:00Z")).exit ==
        0);  // the others still start
}
