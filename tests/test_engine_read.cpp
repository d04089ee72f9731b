// test_engine_read.cpp — the engine's reads for the read commands: each is
// one snapshot. Another connection commits an event with its note exactly
// between the reader's query of the events and its query of the notes (an
// SQLite statement trace on the reader's connection runs the write when the
// notes query starts): the history has neither, and the next one has both.
#include <sqlite3.h>

#include <functional>

#include "runtime/store_world.hpp"
#include "runtime_fixture.hpp"

using namespace pbt;
using namespace pb::rt;

namespace {

const std::vector<std::pair<std::string, std::string>> kAcme = {
    {"region", "AMERICAS"}, {"managed", "false"}, {"contacts", "Ana <ana@acme.com> primary"}};

// Runs `write` once, when the reader's connection starts a statement whose
// SQL contains `marker`.
struct WriteBetween {
  std::string marker;
  std::function<void()> write;
  bool wrote = false;

  static int on_statement(unsigned, void* self, void* stmt, void*) {
    auto* w = static_cast<WriteBetween*>(self);
    const char* sql = sqlite3_sql(static_cast<sqlite3_stmt*>(stmt));
    if (!w->wrote && sql && std::string(sql).find(w->marker) != std::string::npos) {
      w->wrote = true;
      w->write();
    }
    return 0;
  }
  void attach(Store& reader) {
    sqlite3_trace_v2(reader.db(), SQLITE_TRACE_STMT, on_statement, this);
  }
  static void detach(Store& reader) { sqlite3_trace_v2(reader.db(), 0, nullptr, nullptr); }
};

bool events_hold_notes(const TenantHistory& h) {
  for (const auto& n : h.notes) {
    bool found = false;
    for (const auto& e : h.events) found = found || e.id == n.event;
    if (!found) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("a history is one snapshot: a write committed while it is read is wholly absent",
          "[engine][read]") {
  TempDb db;
  Dir dir;
  Store ws(db.path());
  Engine writer(ws, dir.cat());
  TenantNote first{"first contact", pb::NoteKind::OverallStatus, ""};
  REQUIRE(writer.tenant_add("acme", kAcme, "fm1", at("2026-03-06T09:00:00Z"), first).exit == 0);

  Store rs(db.path(), Access::Read);
  Engine reader(rs, dir.cat());
  int wrote = -1;  // no REQUIRE inside: the write runs inside SQLite's C frames
  pb::Instant ten = at("2026-03-06T10:00:00Z"), eleven = at("2026-03-06T11:00:00Z");
  WriteBetween between{
      "FROM notes", [&] {
        TenantNote second{"second contact", pb::NoteKind::OverallStatus, ""};
        wrote = writer.tenant_set("acme", {{"managed", "true"}}, "fm1", ten, second).exit;
      }};
  between.attach(rs);
  TenantHistory h;
  Response r = reader.history("acme", h);
  WriteBetween::detach(rs);
  REQUIRE(r.exit == 0);
  REQUIRE(between.wrote);
  REQUIRE(wrote == 0);
  CHECK(h.events.size() == 1);
  CHECK(h.notes.size() == 1);
  CHECK(events_hold_notes(h));

  TenantHistory after;
  REQUIRE(reader.history("acme", after).exit == 0);
  CHECK(after.events.size() == 2);
  CHECK(after.notes.size() == 2);
  CHECK(events_hold_notes(after));

  // The control: the same two queries without one transaction see the write in between.
  WriteBetween again{
      "FROM notes", [&] {
        TenantNote third{"third contact", pb::NoteKind::OverallStatus, ""};
        wrote = writer.tenant_set("acme", {{"managed", "false"}}, "fm1", eleven, third).exit;
      }};
  again.attach(rs);
  TenantHistory apart;
  apart.events = events_of(rs, "acme");
  apart.notes = notes_of(rs, "acme");
  WriteBetween::detach(rs);
  REQUIRE(again.wrote);
  REQUIRE(wrote == 0);
  CHECK(apart.events.size() == 2);
  CHECK(apart.notes.size() == 3);
  CHECK_FALSE(events_hold_notes(apart));
}

TEST_CASE("status, history and due read in one transaction each, and name an unknown tenant",
          "[engine][read]") {
  TempDb db;
  Dir dir;
  Store s(db.path());
  Engine e(s, dir.cat());
  REQUIRE(e.tenant_add("acme", kAcme, "fm1", at("2026-03-06T09:00:00Z")).exit == 0);
  TenantStatus st;
  REQUIRE(e.status("acme", st).exit == 0);
  CHECK(st.world.tenant.attrs["region"].s == "AMERICAS");
  CHECK(st.stuck.empty());
  Response none = e.status("nobody", st);
  CHECK(none.exit == 2);
  CHECK(none.code == "unknown-tenant");
  TenantHistory h;
  CHECK(e.history("nobody", h).code == "unknown-tenant");
  int seen = 0;
  CHECK(e.due(at("2027-01-01T00:00:00Z"), "", [&](const DueTimer&) { return ++seen, true; }).exit ==
        0);
  CHECK(seen == 0);
}
