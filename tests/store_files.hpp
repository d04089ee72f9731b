// store_files.hpp — raw SQLite helpers for the tests of database files the
// store meets (held locks, older schemas, foreign or corrupt files) and the
// environment that points the `playbook` binary at one. Test-only.
#pragma once

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <string>
#include <vector>

#include "cli_process.hpp"
#include "runtime/engine.hpp"
#include "runtime/store.hpp"
#include "source/directory_source.hpp"

namespace pbt {

// A raw connection, as another process would hold it.
struct RawDb {
  sqlite3* db = nullptr;
  explicit RawDb(const std::string& path) { REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK); }
  ~RawDb() { sqlite3_close(db); }
  RawDb(const RawDb&) = delete;
  RawDb& operator=(const RawDb&) = delete;
  void exec(const std::string& sql) {
    char* err = nullptr;
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
    INFO(sql << ": " << (err ? err : ""));
    sqlite3_free(err);
    REQUIRE(rc == SQLITE_OK);
  }
  std::string text(const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    std::string out;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
      if (auto p = sqlite3_column_text(st, 0)) out = reinterpret_cast<const char*>(p);
    sqlite3_finalize(st);
    return out;
  }
};

// A database as an older program left it: schema version `v`, in WAL mode.
inline void make_old_schema(const std::string& path, int v) {
  RawDb raw(path);
  raw.exec("PRAGMA journal_mode=WAL");
  for (int n = 1; n <= v; ++n) raw.exec(pb::rt::migration_sql(n));
  raw.exec("PRAGMA user_version = " + std::to_string(v));
}

// `playbook --as fm1 ARGS…` on `db` with tests/data/run and a fixed clock.
inline Launch pb_on(const std::string& db, std::vector<std::string> args,
                    const std::string& now = "2026-03-06T10:00:00Z") {
  Launch l;
  l.args = {"--as", "fm1"};
  l.args.insert(l.args.end(), args.begin(), args.end());
  l.env = {"PLAYBOOK_DB=" + db, "PLAYBOOK_DIR=" PB_SOURCE_DIR "/tests/data/run",
           "PLAYBOOK_NOW=" + now};
  return l;
}

// PRAGMA integrity_check's answer: "ok" when the file is sound.
inline std::string integrity(pb::rt::Store& s) {
  pb::rt::Query q(s, "PRAGMA integrity_check");
  return q.step() ? q.text(0) : "no answer";
}

// Every tenant's log replays to its stored state (pinned playbooks only).
inline void check_replays(pb::rt::Store& s) {
  pb::rt::Catalog pinned_only;
  pinned_only.source = std::make_shared<pb::src::DirectorySource>(nullptr);
  pb::rt::Engine e(s, pinned_only);
  std::vector<std::string> ids;
  {
    pb::rt::Query q(s, "SELECT id FROM tenants ORDER BY id");
    while (q.step()) ids.push_back(q.text(0));
  }
  for (const auto& id : ids) {
    auto rep = e.replay(id);
    INFO("replay " << id << ": " << (rep.diffs.empty() ? rep.failure.message : rep.diffs[0]));
    CHECK(rep.matches());
  }
}

inline bool contains(const ProcResult& r, const std::string& s) {
  return r.out.find(s) != std::string::npos;
}

}  // namespace pbt
