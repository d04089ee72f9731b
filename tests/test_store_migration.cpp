// test_store_migration.cpp — a database written by an older schema opens
// with its rows intact: migration 3 (notes and outreach clustered by tenant)
// keeps every row, numbers them per event in their old order, and the store
// writes and reads them afterwards. A new database, made in one step from
// the current schema, is exactly what the chain of migrations makes.
#include <sqlite3.h>

#include "runtime/store_world.hpp"
#include "runtime_fixture.hpp"

using namespace pbt;
using namespace pb::rt;
using pb::NoteEffect;
using pb::NoteKind;

namespace {

void raw_exec(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  INFO((err ? err : ""));
  sqlite3_free(err);
  REQUIRE(rc == SQLITE_OK);
}

// A version-2 database with two events of tenant t: event 1 has two notes
// and two outreach rows, event 2 one note; tenant u has one note between.
void make_v2(const std::string& path) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  raw_exec(db, migration_sql(1));
  raw_exec(db, migration_sql(2));
  raw_exec(
      db,
      "PRAGMA user_version = 2;"
      "INSERT INTO tenants VALUES('t', 2, 0), ('u', 1, 0);"
      "INSERT INTO events(id, tenant, kind, input, actor, at) VALUES"
      " (1, 't', 'fire', '{}', 'fm', 10), (2, 'u', 'note', '{}', 'fm', 11),"
      " (3, 't', 'note', '{}', 'fm', 12);"
      "INSERT INTO notes(id, tenant, event, playbook, kind, text, who, at) VALUES"
      " (1, 't', 1, 'p', 'status', 'first', 'fm', 10), (2, 't', 1, 'p', 'status', 'second', 'fm', 10),"
      " (3, 'u', 2, 'p', 'status', 'other', 'fm', 11), (4, 't', 3, 'p', 'status', 'third', 'fm', 12);"
      "INSERT INTO outreach(id, tenant, event, template, contact, email, at) VALUES"
      " (1, 't', 1, 'hello', 'Ana', 'ana@x.com', 10), (2, 't', 1, 'hello', 'Bo', 'bo@x.com', 10);");
  sqlite3_close(db);
}

// Every table, index and trigger with its SQL, by name.
std::vector<std::string> schema_of(sqlite3* db) {
  std::vector<std::string> out;
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(
              db,
              "SELECT type || ' ' || name || ' ' || tbl_name || ': ' || coalesce(sql, '') "
              "FROM sqlite_master ORDER BY name",
              -1, &st, nullptr) == SQLITE_OK);
  while (sqlite3_step(st) == SQLITE_ROW)
    out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
  sqlite3_finalize(st);
  return out;
}

std::vector<std::string> texts(const std::vector<NoteRow>& rows) {
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.text);
  return out;
}

}  // namespace

TEST_CASE("migration 3 keeps every note and outreach row, in order", "[store]") {
  TempDb db;
  make_v2(db.path());
  Store s(db.path());
  CHECK(s.user_version() == kSchemaVersion);
  CHECK(texts(notes_of(s, "t")) == std::vector<std::string>{"first", "second", "third"});
  CHECK(texts(notes_of(s, "u")) == std::vector<std::string>{"other"});
  CHECK(count_rows(
            s, "SELECT count(*) FROM notes WHERE event = 1 AND seq = 2 AND text = 'second'") == 1);
  auto sent = outreach_of(s, "t");
  REQUIRE(sent.size() == 2);
  CHECK(sent[0].contact == "Ana");
  CHECK(sent[1].contact == "Bo");
  CHECK(
      count_rows(
          s,
          "SELECT count(*) FROM sqlite_master WHERE name IN ('notes_tenant', 'outreach_tenant')") ==
      0);
  Query ok(s, "PRAGMA integrity_check");
  REQUIRE(ok.step());
  CHECK(ok.text(0) == "ok");
}

TEST_CASE("after migration the store appends notes in event order", "[store]") {
  TempDb db;
  make_v2(db.path());
  Store s(db.path());
  s.exec(
      "INSERT INTO events(id, tenant, kind, input, actor, at) VALUES(4, 't', 'note', '{}', 'fm', 13)");
  insert_note(s, "t", 4, 1, "p", NoteEffect{NoteKind::OverallStatus, "fourth"}, "fm",
              from_secs(13));
  insert_note(s, "t", 4, 2, "p", NoteEffect{NoteKind::OverallStatus, "fifth"}, "fm", from_secs(13));
  CHECK(texts(notes_of(s, "t")) ==
        std::vector<std::string>{"first", "second", "third", "fourth", "fifth"});
  CHECK_THROWS_AS(insert_note(s, "t", 4, 2, "p", NoteEffect{}, "fm", from_secs(13)), StoreError);
}

TEST_CASE("a new database has exactly the schema the migrations build", "[store]") {
  TempDb db;
  sqlite3* chain = nullptr;
  REQUIRE(sqlite3_open(":memory:", &chain) == SQLITE_OK);
  for (int n = 1; n <= kSchemaVersion; ++n) raw_exec(chain, migration_sql(n));
  std::vector<std::string> migrated = schema_of(chain);
  sqlite3_close(chain);
  Store s(db.path());
  CHECK(s.user_version() == kSchemaVersion);
  std::vector<std::string> fresh = schema_of(s.db());
  CHECK(fresh == migrated);
  CHECK(fresh.size() > 10);
  CHECK(migration_sql(0) == nullptr);
  CHECK(migration_sql(kSchemaVersion + 1) == nullptr);
}
